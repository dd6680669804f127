-- International exchange: partners' settings, TLP markings of reports, the
-- objects partners sent, TAXII statuses and pull checkpoints. Times are
-- INTEGER microseconds since the Unix epoch, UTC.

-- TAXII pages walk the reports in the order they changed.
CREATE INDEX reports_updated ON reports (updated_at, id);

CREATE TABLE exchange_partners (
	org_id             INTEGER PRIMARY KEY,
	confidence         REAL NOT NULL,
	allow_amber        INTEGER NOT NULL DEFAULT 0,
	allow_amber_strict INTEGER NOT NULL DEFAULT 0,
	updated_at         INTEGER NOT NULL
) STRICT;

CREATE TABLE exchange_markings (
	org_id INTEGER NOT NULL,
	kind   TEXT NOT NULL,
	value  TEXT NOT NULL,
	tlp    TEXT NOT NULL,
	PRIMARY KEY (org_id, kind, value)
) STRICT, WITHOUT ROWID;

CREATE TABLE exchange_objects (
	org_id     INTEGER NOT NULL,
	id         TEXT NOT NULL,
	modified   INTEGER NOT NULL, -- 0 for objects without a version
	type       TEXT NOT NULL,
	status     TEXT NOT NULL,
	reason     TEXT NOT NULL DEFAULT '',
	body       BLOB NOT NULL,
	created_at INTEGER NOT NULL,
	PRIMARY KEY (org_id, id, modified)
) STRICT;

CREATE INDEX exchange_objects_created ON exchange_objects (org_id, created_at);

CREATE TABLE exchange_statuses (
	id         TEXT PRIMARY KEY,
	org_id     INTEGER NOT NULL,
	body       BLOB NOT NULL,
	created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE pull_checkpoints (
	source      TEXT PRIMARY KEY,
	added_after TEXT NOT NULL,
	objects     INTEGER NOT NULL,
	updated_at  INTEGER NOT NULL
) STRICT;
