-- Calls that pass as unverifiable (a domestic number no member operator
-- serves) are counted by the number-plan range of the calling number, so
-- that the regulator sees which unconnected ranges the passes come from. The
-- counters gain that range as part of their key: '' for every other reason.
-- SQLite cannot change a primary key in place, so the table is rebuilt.
CREATE TABLE call_counters_new (
	day          INTEGER NOT NULL, -- UTC midnight
	org_id       INTEGER NOT NULL,
	reason       TEXT NOT NULL,
	range_prefix TEXT NOT NULL DEFAULT '', -- the calling number's plan range, for reason unverifiable
	count        INTEGER NOT NULL,
	PRIMARY KEY (day, org_id, reason, range_prefix)
) STRICT, WITHOUT ROWID;
INSERT INTO call_counters_new (day, org_id, reason, range_prefix, count)
	SELECT day, org_id, reason, '', count FROM call_counters;
DROP TABLE call_counters;
ALTER TABLE call_counters_new RENAME TO call_counters;
