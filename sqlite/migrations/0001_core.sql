-- The core of the store: organisations and their keys, reports, the
-- allowlist, idempotent responses, settings and the audit chain.
--
-- Times are INTEGER microseconds since the Unix epoch, UTC, except
-- audit_log.at, which keeps nanoseconds because the entry's hash covers them.
-- Tables are STRICT so that a wrongly typed value fails instead of being
-- stored under another type.

CREATE TABLE orgs (
	id         INTEGER PRIMARY KEY AUTOINCREMENT, -- never reused: IDs end up in the audit chain
	name       TEXT NOT NULL UNIQUE,
	type       TEXT NOT NULL,
	bic        TEXT NOT NULL DEFAULT '',
	bank_code  TEXT NOT NULL DEFAULT '',
	prefixes   TEXT NOT NULL DEFAULT '', -- comma-separated runs of digits
	created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE api_keys (
	id         INTEGER PRIMARY KEY AUTOINCREMENT,
	org_id     INTEGER NOT NULL REFERENCES orgs (id),
	role       TEXT NOT NULL,
	prefix     TEXT NOT NULL,
	hash       BLOB NOT NULL UNIQUE,
	created_at INTEGER NOT NULL,
	revoked_at INTEGER
) STRICT;

CREATE INDEX api_keys_org_id ON api_keys (org_id);

CREATE TABLE reports (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	org_id      INTEGER NOT NULL,
	kind        TEXT NOT NULL,
	value       TEXT NOT NULL,
	category    TEXT NOT NULL,
	confidence  REAL NOT NULL,
	evidence    TEXT NOT NULL DEFAULT '',
	valid_until INTEGER, -- NULL: valid until withdrawn
	created_at  INTEGER NOT NULL,
	updated_at  INTEGER NOT NULL,
	-- One report per org, indicator and category. Its index, led by the
	-- indicator, also serves the lookup of every report on an indicator:
	-- a separate index on (kind, value) would only slow down loads.
	UNIQUE (kind, value, org_id, category)
) STRICT;

CREATE TABLE allowlist (
	kind       TEXT NOT NULL,
	value      TEXT NOT NULL,
	org_id     INTEGER NOT NULL,
	reason     TEXT NOT NULL DEFAULT '',
	created_at INTEGER NOT NULL,
	PRIMARY KEY (kind, value)
) STRICT, WITHOUT ROWID;

CREATE TABLE idempotency (
	org_id       INTEGER NOT NULL,
	key          TEXT NOT NULL,
	request_hash BLOB NOT NULL,
	status       INTEGER NOT NULL,
	content_type TEXT NOT NULL DEFAULT '',
	body         BLOB NOT NULL,
	created_at   INTEGER NOT NULL,
	PRIMARY KEY (org_id, key)
) STRICT, WITHOUT ROWID;

-- Old responses are deleted by age.
CREATE INDEX idempotency_created_at ON idempotency (created_at);

CREATE TABLE settings (
	name  TEXT PRIMARY KEY,
	value BLOB NOT NULL
) STRICT;

-- audit_log is created before audit_head: tools that look for "the audit
-- table" take the first one whose name mentions it.
CREATE TABLE audit_log (
	seq       INTEGER PRIMARY KEY,
	at        INTEGER NOT NULL, -- nanoseconds
	org_id    INTEGER NOT NULL, -- 0: the operator's own command-line actions
	action    TEXT NOT NULL,
	object    TEXT NOT NULL,
	detail    TEXT NOT NULL,
	prev_hash BLOB NOT NULL,
	hash      BLOB NOT NULL
) STRICT;

-- The head is kept apart from the entries so that removing the newest
-- entries is detected too. It has exactly one row.
CREATE TABLE audit_head (
	id   INTEGER PRIMARY KEY CHECK (id = 1),
	seq  INTEGER NOT NULL,
	hash BLOB NOT NULL
) STRICT;

INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, X'');
