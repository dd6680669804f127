-- International exchange, second part: sharing groups of partners (one
-- TAXII collection each, read and written per member), and the earlier
-- versions of reports, so that TAXII's versions endpoint and
-- match[version] can serve an object's history. Times are INTEGER
-- microseconds since the Unix epoch, UTC.

CREATE TABLE exchange_groups (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	name        TEXT NOT NULL UNIQUE,
	description TEXT NOT NULL DEFAULT '',
	created_at  INTEGER NOT NULL,
	updated_at  INTEGER NOT NULL
) STRICT;

CREATE TABLE exchange_group_members (
	group_id  INTEGER NOT NULL REFERENCES exchange_groups (id) ON DELETE CASCADE,
	org_id    INTEGER NOT NULL,
	can_read  INTEGER NOT NULL,
	can_write INTEGER NOT NULL,
	PRIMARY KEY (group_id, org_id)
) STRICT, WITHOUT ROWID;

-- Who sent an object: an identity is the first sender's, whom no other
-- partner may speak for.
CREATE INDEX exchange_objects_id ON exchange_objects (id);

-- A report's row as it was before each change of updated_at (evidence
-- left out: it never leaves the deployment). Written by triggers, so that
-- no writer of reports has to know.
CREATE TABLE exchange_report_versions (
	report_id   INTEGER NOT NULL,
	updated_at  INTEGER NOT NULL,
	org_id      INTEGER NOT NULL,
	kind        TEXT NOT NULL,
	value       TEXT NOT NULL,
	category    TEXT NOT NULL,
	confidence  REAL NOT NULL,
	valid_until INTEGER,
	created_at  INTEGER NOT NULL,
	PRIMARY KEY (report_id, updated_at)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER exchange_report_versions_keep AFTER UPDATE OF updated_at ON reports
WHEN OLD.updated_at <> NEW.updated_at
BEGIN
	INSERT OR IGNORE INTO exchange_report_versions
		(report_id, updated_at, org_id, kind, value, category, confidence, valid_until, created_at)
	VALUES (OLD.id, OLD.updated_at, OLD.org_id, OLD.kind, OLD.value, OLD.category, OLD.confidence, OLD.valid_until, OLD.created_at);
END;

CREATE TRIGGER exchange_report_versions_drop AFTER DELETE ON reports
BEGIN
	DELETE FROM exchange_report_versions WHERE report_id = OLD.id;
END;

-- Cases whose summaries the police chose to share, with whom: a partner
-- ('partner:<org id>') or a sharing group ('group:<group id>').
CREATE TABLE exchange_shared_cases (
	case_id   TEXT NOT NULL,
	audience  TEXT NOT NULL,
	org_id    INTEGER NOT NULL,
	shared_at INTEGER NOT NULL,
	PRIMARY KEY (audience, case_id)
) STRICT, WITHOUT ROWID;
