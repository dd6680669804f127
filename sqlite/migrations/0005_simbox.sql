-- SIM-box detection: operators' CDR uploads, the suspects their analysis
-- found, and the seizures the police record.
--
-- Times are INTEGER microseconds since the Unix epoch, UTC, as in 0001;
-- NULL where a time is not known yet. Lists only ever read back whole are
-- JSON text.

CREATE TABLE cdr_batches (
	id               INTEGER PRIMARY KEY AUTOINCREMENT, -- never reused: IDs end up in the audit chain
	org_id           INTEGER NOT NULL,                  -- the uploading operator
	status           TEXT NOT NULL,
	map              TEXT NOT NULL DEFAULT '',
	gzip             INTEGER NOT NULL DEFAULT 0,
	sha256           TEXT NOT NULL DEFAULT '',
	bytes            INTEGER NOT NULL DEFAULT 0,
	lines            INTEGER NOT NULL DEFAULT 0,
	rows_read        INTEGER NOT NULL DEFAULT 0,
	bad_rows         INTEGER NOT NULL DEFAULT 0,
	duplicates       INTEGER NOT NULL DEFAULT 0,
	bad_row_examples TEXT NOT NULL DEFAULT '[]',        -- JSON array
	subscribers      INTEGER NOT NULL DEFAULT 0,
	suspects         INTEGER NOT NULL DEFAULT 0,
	simbox           INTEGER NOT NULL DEFAULT 0,
	devices          INTEGER NOT NULL DEFAULT 0,
	from_at          INTEGER,
	to_at            INTEGER,
	progress         REAL NOT NULL DEFAULT 0,
	partial          INTEGER NOT NULL DEFAULT 0,
	error            TEXT NOT NULL DEFAULT '',
	node             TEXT NOT NULL DEFAULT '',          -- the server whose spool holds the file
	created_at       INTEGER NOT NULL,
	updated_at       INTEGER NOT NULL,
	started_at       INTEGER,
	finished_at      INTEGER
) STRICT;

-- An operator's own batches, by ID.
CREATE INDEX cdr_batches_org ON cdr_batches (org_id, id);
-- The analyser's queue: one node's batches of one status, oldest first.
CREATE INDEX cdr_batches_queue ON cdr_batches (status, node, id);
-- The statistics count finished batches.
CREATE INDEX cdr_batches_finished_at ON cdr_batches (finished_at);
-- The same bytes count once: a second upload of them is the first batch.
CREATE UNIQUE INDEX cdr_batches_counted ON cdr_batches (org_id, sha256)
	WHERE sha256 <> '' AND status IN ('queued', 'analysing', 'done');

CREATE TABLE simbox_suspects (
	id         INTEGER PRIMARY KEY AUTOINCREMENT,
	batch_id   INTEGER NOT NULL REFERENCES cdr_batches (id),
	org_id     INTEGER NOT NULL, -- the batch's: tenancy without a join
	msisdn     TEXT NOT NULL,
	imeis      TEXT NOT NULL,    -- JSON array
	cells      TEXT NOT NULL,    -- JSON array
	score      REAL NOT NULL,
	verdict    TEXT NOT NULL,
	reasons    TEXT NOT NULL,    -- JSON array
	device_id  TEXT NOT NULL DEFAULT '',
	first_seen INTEGER NOT NULL,
	last_seen  INTEGER NOT NULL,
	features   TEXT NOT NULL DEFAULT '', -- JSON object, '' for none
	status     TEXT NOT NULL,
	status_at  INTEGER NOT NULL,
	decided_by INTEGER NOT NULL DEFAULT 0,
	notes      TEXT NOT NULL DEFAULT '',
	created_at INTEGER NOT NULL
) STRICT;

-- The lists: a batch's suspects, one number's, the police queue (one
-- status), each by ID.
CREATE INDEX simbox_suspects_batch ON simbox_suspects (batch_id, id);
CREATE INDEX simbox_suspects_msisdn ON simbox_suspects (msisdn, id);
CREATE INDEX simbox_suspects_status ON simbox_suspects (status, id);
-- The statistics count suspects found and decided in a period.
CREATE INDEX simbox_suspects_created_at ON simbox_suspects (created_at);
CREATE INDEX simbox_suspects_status_at ON simbox_suspects (status_at);

CREATE TABLE simbox_seizures (
	id         INTEGER PRIMARY KEY AUTOINCREMENT,
	org_id     INTEGER NOT NULL, -- the police unit
	seized_on  INTEGER NOT NULL, -- UTC midnight
	region     TEXT NOT NULL DEFAULT '',
	devices    INTEGER NOT NULL,
	sims       INTEGER NOT NULL,
	device_ids TEXT NOT NULL DEFAULT '[]', -- JSON array
	notes      TEXT NOT NULL DEFAULT '',
	created_at INTEGER NOT NULL
) STRICT;

CREATE INDEX simbox_seizures_date ON simbox_seizures (seized_on);
