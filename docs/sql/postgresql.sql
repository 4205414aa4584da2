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
-- Other names: replace typed_sessions (table and index) and prefix the table with your schema, then set
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
    -- The user the session belongs to, if any.
    user_id text NULL,
    -- The layout the row was written in; NULL in rows from before versioning, which read as version 1.
    format_version integer NULL
);

CREATE INDEX IF NOT EXISTS typed_sessions_expire_date ON typed_sessions (expire_date);

-- Upgrading a table created by an earlier version: these add the metadata columns and change nothing else. The store
-- runs them itself when CreateTableIfMissing is true; existing rows keep loading.
ALTER TABLE typed_sessions ADD COLUMN IF NOT EXISTS created_date timestamptz NULL;
ALTER TABLE typed_sessions ADD COLUMN IF NOT EXISTS saved_date timestamptz NULL;
ALTER TABLE typed_sessions ADD COLUMN IF NOT EXISTS user_id text NULL;
ALTER TABLE typed_sessions ADD COLUMN IF NOT EXISTS format_version integer NULL;

-- GRANT SELECT, INSERT, UPDATE, DELETE ON typed_sessions TO your_app_role;
