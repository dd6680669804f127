-- Cases, the reports they hold, evidence files, the dated events the
-- briefing counts, and the link graph.
--
-- Times are INTEGER microseconds since the Unix epoch, UTC, as in 0001.
-- A case's notes, tasks, suspects, call centres and history are read and
-- written whole with the case, so they are one JSON document.

CREATE TABLE cases (
	id            TEXT PRIMARY KEY,
	status        TEXT NOT NULL,
	region        TEXT NOT NULL DEFAULT '',
	assignee      TEXT NOT NULL DEFAULT '',
	doc           TEXT NOT NULL,          -- JSON kuzet.Case
	version       INTEGER NOT NULL,
	created_at    INTEGER NOT NULL,
	updated_at    INTEGER NOT NULL
) STRICT;

CREATE INDEX cases_created ON cases (created_at);

CREATE TABLE case_reports (
	case_id      TEXT NOT NULL,
	report_id    TEXT NOT NULL,
	org_id       INTEGER NOT NULL,        -- the filer
	region       TEXT NOT NULL DEFAULT '',
	amount_lost  INTEGER NOT NULL,
	currency     TEXT NOT NULL,
	duplicate_of TEXT NOT NULL DEFAULT '',
	flags        TEXT NOT NULL DEFAULT '[]', -- JSON array
	created_at   INTEGER NOT NULL,
	PRIMARY KEY (case_id, report_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX case_reports_report ON case_reports (report_id);
CREATE INDEX case_reports_created ON case_reports (created_at);

CREATE TABLE case_events (
	seq      INTEGER PRIMARY KEY AUTOINCREMENT,
	case_id  TEXT NOT NULL,
	kind     TEXT NOT NULL,
	region   TEXT NOT NULL DEFAULT '',
	foreign_ INTEGER NOT NULL DEFAULT 0,
	n        INTEGER NOT NULL DEFAULT 1,
	at       INTEGER NOT NULL
) STRICT;

CREATE INDEX case_events_at ON case_events (at, kind);

-- Evidence lives in the database, beside the case: see docs/cases.md.
CREATE TABLE case_evidence (
	id           TEXT PRIMARY KEY,
	case_id      TEXT NOT NULL,
	name         TEXT NOT NULL,
	content_type TEXT NOT NULL,
	size         INTEGER NOT NULL,
	sha256       TEXT NOT NULL,
	org_id       INTEGER NOT NULL,
	data         BLOB NOT NULL,
	created_at   INTEGER NOT NULL
) STRICT;

CREATE INDEX case_evidence_case ON case_evidence (case_id, created_at);

-- Each edge is stored both ways, so that a node's neighbours are one range
-- of the primary key.
CREATE TABLE graph_edges (
	a    TEXT NOT NULL,
	b    TEXT NOT NULL,
	kind TEXT NOT NULL,
	at   INTEGER NOT NULL,
	PRIMARY KEY (a, b)
) STRICT, WITHOUT ROWID;
