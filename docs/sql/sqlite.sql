-- TypedSessions: the SQLite session table, for reference and for those who prepare the database file themselves.
--
-- The store creates all of this on first use, and brings a table made by an earlier version up to date the same way,
-- so running this script is never required (sqlite3 sessions.db < docs/sql/sqlite.sql). The store also switches the
-- file to WAL mode (PRAGMA journal_mode = WAL), which is kept in the file.
--
-- Other names: replace typed_sessions (table and indexes), then set SqliteSessionRecordStoreOptions.TableName to match.
--
-- This is the schema the store creates; a test checks that the two stay identical.

CREATE TABLE IF NOT EXISTS typed_sessions (
    -- The engine's record id: the lowercase hex SHA-256 of the session key, never the key itself.
    session_key TEXT NOT NULL PRIMARY KEY,
    -- One JSON object: every session key with its value.
    session_data TEXT NOT NULL,
    -- When the session stops being loadable, in Unix milliseconds (UTC). Rows at or before now are never loaded, and
    -- are deleted by ISessionManager.ClearExpiredAsync (Django's clearsessions), which this index serves.
    expire_date INTEGER NOT NULL,
    -- When the session was first saved, and when its data was last written (Unix milliseconds).
    created_date INTEGER NULL,
    saved_date INTEGER NULL,
    -- The user the session belongs to, if any: a user's sessions are listed and revoked by it.
    user_id TEXT NULL,
    -- The layout the row was written in; NULL in rows from before versioning, which read as version 1.
    format_version INTEGER NULL,
    -- The User-Agent and client address of the request that created the session, for a "your devices" page; written
    -- once by the create, never by a save. NULL when TypedSessionsOptions.RecordUserAgent / RecordRemoteAddress are off.
    user_agent TEXT NULL,
    remote_address TEXT NULL
);

CREATE INDEX IF NOT EXISTS typed_sessions_expire_date ON typed_sessions (expire_date);

-- Upgrading a table created by an earlier version: SQLite has no ADD COLUMN IF NOT EXISTS, so add only the columns
-- that SELECT name FROM pragma_table_info('typed_sessions') does not list (the store does exactly this on first use;
-- existing rows read the new columns as NULL and keep loading). Each line fails with "duplicate column name" when its
-- column is already there, which is harmless.
--     ALTER TABLE typed_sessions ADD COLUMN created_date INTEGER NULL;
--     ALTER TABLE typed_sessions ADD COLUMN saved_date INTEGER NULL;
--     ALTER TABLE typed_sessions ADD COLUMN user_id TEXT NULL;
--     ALTER TABLE typed_sessions ADD COLUMN format_version INTEGER NULL;
--     ALTER TABLE typed_sessions ADD COLUMN user_agent TEXT NULL;
--     ALTER TABLE typed_sessions ADD COLUMN remote_address TEXT NULL;

-- Lists a user's sessions a page at a time in record id order (ISessionManager.ListUserSessionsAsync, and signing a
-- user out everywhere): each page is one range of this index. Partial: anonymous sessions are never listed. After the
-- upgrade lines, which may add user_id.
CREATE INDEX IF NOT EXISTS typed_sessions_user_id ON typed_sessions (user_id, session_key) WHERE user_id IS NOT NULL;
