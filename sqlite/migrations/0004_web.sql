-- Internet monitoring: findings, blocking requests to the regulator and the
-- certificate-transparency followers' checkpoints.
--
-- Times are INTEGER microseconds since the Unix epoch, UTC, as in 0001;
-- NULL where a time is not known yet. What is only ever read back whole
-- (a certificate, a request's copy of the evidence) is JSON text.

-- One finding per domain: seeing a domain again only moves last_seen.
CREATE TABLE web_findings (
	id            INTEGER PRIMARY KEY AUTOINCREMENT, -- never reused: IDs end up in the audit chain
	domain        TEXT NOT NULL UNIQUE,              -- lower-case ASCII, punycode
	unicode       TEXT NOT NULL,
	status        TEXT NOT NULL,
	status_at     INTEGER NOT NULL,
	category      TEXT NOT NULL DEFAULT '',
	brand         TEXT NOT NULL,
	verdict       TEXT NOT NULL,
	score         REAL NOT NULL,
	methods       TEXT NOT NULL,                     -- JSON array of strings
	source        TEXT NOT NULL,
	source_detail TEXT NOT NULL DEFAULT '',
	submitted_by  INTEGER NOT NULL DEFAULT 0,
	url           TEXT NOT NULL DEFAULT '',
	certificate   TEXT,                              -- JSON; NULL when no CT log showed one
	first_seen    INTEGER NOT NULL,
	last_seen     INTEGER NOT NULL,
	notes         TEXT NOT NULL DEFAULT '',
	decided_by    INTEGER NOT NULL DEFAULT 0,
	decided_at    INTEGER
) STRICT;

-- The analysts' queue: findings of one status by ID.
CREATE INDEX web_findings_status ON web_findings (status, id);
-- The statistics count findings by first_seen.
CREATE INDEX web_findings_first_seen ON web_findings (first_seen);

CREATE TABLE blocking_requests (
	id         INTEGER PRIMARY KEY AUTOINCREMENT,
	org_id     INTEGER NOT NULL,
	created_at INTEGER NOT NULL,
	note       TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX blocking_requests_created_at ON blocking_requests (created_at);

-- A finding is sent once: finding_id is unique across all requests.
CREATE TABLE blocking_items (
	request_id INTEGER NOT NULL REFERENCES blocking_requests (id),
	position   INTEGER NOT NULL, -- the order the items were sent in
	finding_id INTEGER NOT NULL UNIQUE REFERENCES web_findings (id),
	domain     TEXT NOT NULL,
	unicode    TEXT NOT NULL DEFAULT '',
	category   TEXT NOT NULL,
	evidence   TEXT NOT NULL,    -- JSON: the finding's evidence when the request was made
	status     TEXT NOT NULL,
	note       TEXT NOT NULL DEFAULT '',
	status_at  INTEGER,          -- NULL while pending
	status_by  INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (request_id, position)
) STRICT, WITHOUT ROWID;

-- Serves both the regulator's queue (the requests of pending items: the
-- index carries the key) and the statistics (answers of one kind by time).
CREATE INDEX blocking_items_status ON blocking_items (status, status_at);

CREATE TABLE ct_checkpoints (
	log_id     TEXT PRIMARY KEY, -- the log's base URL
	next_index INTEGER NOT NULL,
	tree_size  INTEGER NOT NULL,
	root_hash  BLOB NOT NULL,
	updated_at INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
