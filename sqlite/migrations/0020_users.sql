-- Console users, inside organisations, and their sessions. Only a bcrypt
-- hash of a password and a SHA-256 of a session's secret are kept.

CREATE TABLE users (
	id            INTEGER PRIMARY KEY AUTOINCREMENT, -- never reused: IDs end up in the audit chain
	org_id        INTEGER NOT NULL REFERENCES orgs (id),
	name          TEXT NOT NULL UNIQUE,
	role          TEXT NOT NULL,
	password_hash BLOB NOT NULL,
	totp_secret   BLOB NOT NULL,
	created_at    INTEGER NOT NULL,
	disabled_at   INTEGER
) STRICT;

CREATE INDEX users_org_id ON users (org_id);

CREATE TABLE user_sessions (
	hash       BLOB PRIMARY KEY,
	user_id    INTEGER NOT NULL REFERENCES users (id),
	created_at INTEGER NOT NULL,
	seen_at    INTEGER NOT NULL,
	expires_at INTEGER NOT NULL
) STRICT;

CREATE INDEX user_sessions_user_id ON user_sessions (user_id);
