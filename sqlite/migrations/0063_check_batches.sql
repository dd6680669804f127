-- Payment checks many to a row: one organisation's checks of one
-- transaction are one BLOB (sqlite/checkbatch.go gives its form), found by
-- the range of their IDs and of their times. A row a check cost SQLite's
-- VDBE, three B-trees and 18 values bound for every check stored, most of
-- the check writer's CPU.
--
-- The rows of one organisation never overlap in their ID ranges
-- (PutChecks merges a batch that would into the rows it meets), so the
-- row that may hold an ID is the one with the greatest first_id not above
-- it. The rows' time ranges may overlap: the listing and the scan merge.
--
-- After this file, the check rows of payment_checks are moved into
-- check_batches by Go code (moveLegacyChecks); 0064 drops the old table.

CREATE TABLE check_batches (
	seq      INTEGER PRIMARY KEY,
	org_id   INTEGER NOT NULL,
	first_id TEXT NOT NULL,    -- the least ID of the row's checks
	last_id  TEXT NOT NULL,    -- the greatest
	first_at INTEGER NOT NULL, -- the earliest checked_at
	last_at  INTEGER NOT NULL, -- the latest
	records  BLOB NOT NULL     -- last: the columns before it are read without its overflow pages
) STRICT;

CREATE UNIQUE INDEX check_batches_id ON check_batches (org_id, first_id); -- find, outcome, a put's overlap
CREATE INDEX check_batches_org ON check_batches (org_id, last_at);        -- a bank's listing, newest first
CREATE INDEX check_batches_time ON check_batches (first_at, last_at);     -- the rebuild's scan, by time

-- Outcomes reported after the check, read over the record's own: a
-- batch's BLOB is written once.
CREATE TABLE check_outcomes (
	org_id     INTEGER NOT NULL,
	id         TEXT NOT NULL,
	outcome    TEXT NOT NULL,
	outcome_at INTEGER,
	PRIMARY KEY (org_id, id)
) STRICT, WITHOUT ROWID;
