-- TypedSessions: the PostgreSQL session table, for those who manage their own schema.
--
-- Run this once (psql -f docs/sql/postgresql.sql, or copy it into a migration), then register the store so that it
-- never runs DDL itself:
--
--     builder.Services.AddTypedSessions()
--         .AddPostgreSqlStore(connectionString, o => o.CreateTableIfMissing = false);
--
-- The store then needs only SELECT, INSERT, UPDATE and DELETE on the table (see the GRANT at the end).
--
-- Other names: replace typed_sessions (table and indexes) and prefix the table with your schema, then set
-- PostgreSqlSessionRecordStoreOptions.TableName and SchemaName to match. Unqualified, as here, the table goes to the first
-- schema of the search_path, usually public; the store resolves an unset SchemaName the same way. The store quotes
-- names, so keep them lowercase here or quote them here too.
--
-- This is the schema the store creates on first use when CreateTableIfMissing is true (the default); a test checks
-- that the two stay identical.

CREATE TABLE IF NOT EXISTS typed_sessions (
    -- The engine's record id: the lowercase hex SHA-256 of the session key, never the key itself.
    -- COLLATE "C": plain byte comparisons, which are all an id needs.
    session_key text COLLATE "C" PRIMARY KEY,
    -- One JSON object: every session key with its value. Saves merge the changed keys into it in one statement.
    session_data jsonb NOT NULL,
    -- When the session stops being loadable. Rows at or before now are never loaded, and are deleted by
    -- ISessionManager.ClearExpiredAsync (Django's clearsessions), which this index serves.
    expire_date timestamptz NOT NULL,
    -- When the session was first saved, and when its data was last written.
    created_date timestamptz NULL,
    saved_date timestamptz NULL,
    -- The user the session belongs to, if any: a user's sessions are listed and revoked by it.
    user_id text NULL,
    -- The layout the row was written in; NULL in rows from before versioning, which read as version 1.
    format_version integer NULL,
    -- The User-Agent and client address of the request that created the session, for a "your devices" page; written
    -- once by the create, never by a save. NULL when TypedSessionsOptions.RecordUserAgent / RecordRemoteAddress are off.
    user_agent text NULL,
    remote_address text NULL
);

CREATE INDEX IF NOT EXISTS typed_sessions_expire_date ON typed_sessions (expire_date);

-- Upgrading a table created by an earlier version: these add the metadata columns and change nothing else. The store
-- runs them itself when CreateTableIfMissing is true; existing rows keep loading. On a new table they do nothing.
ALTER TABLE typed_sessions ADD COLUMN IF NOT EXISTS created_date timestamptz NULL;
ALTER TABLE typed_sessions ADD COLUMN IF NOT EXISTS saved_date timestamptz NULL;
ALTER TABLE typed_sessions ADD COLUMN IF NOT EXISTS user_id text NULL;
ALTER TABLE typed_sessions ADD COLUMN IF NOT EXISTS format_version integer NULL;
ALTER TABLE typed_sessions ADD COLUMN IF NOT EXISTS user_agent text NULL;
ALTER TABLE typed_sessions ADD COLUMN IF NOT EXISTS remote_address text NULL;

-- Lists a user's sessions a page at a time in record id order (ISessionManager.ListUserSessionsAsync, and signing a
-- user out everywhere). Partial: anonymous sessions are never listed. After the upgrade lines, which may add user_id.
-- On an existing table the store creates it on first use too (CreateTableIfMissing); building it blocks writes to the
-- table while it runs, so on a large, busy table build it beforehand without blocking, outside a transaction:
--     CREATE INDEX CONCURRENTLY IF NOT EXISTS typed_sessions_user_id ON typed_sessions (user_id, session_key) WHERE user_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS typed_sessions_user_id ON typed_sessions (user_id, session_key) WHERE user_id IS NOT NULL;

-- GRANT SELECT, INSERT, UPDATE, DELETE ON typed_sessions TO your_app_role;
