-- The briefing's figures summed by UTC day, kept with each report link and
-- event, so that a year's statistics read at most 366 days × regions rows
-- rather than every report: the days wholly inside a period come from
-- here, its first and last part-days from case_reports and case_events.
-- A report counts once, on its first link, unless it is a duplicate.

CREATE TABLE case_report_days (
	day      INTEGER NOT NULL, -- start of the UTC day, microseconds
	region   TEXT NOT NULL,
	currency TEXT NOT NULL,
	n        INTEGER NOT NULL,
	lost     INTEGER NOT NULL,
	PRIMARY KEY (day, region, currency)
) STRICT, WITHOUT ROWID;

CREATE TABLE case_event_days (
	day      INTEGER NOT NULL,
	region   TEXT NOT NULL,
	kind     TEXT NOT NULL,
	foreign_ INTEGER NOT NULL,
	n        INTEGER NOT NULL,
	PRIMARY KEY (day, region, kind, foreign_)
) STRICT, WITHOUT ROWID;

INSERT INTO case_report_days (day, region, currency, n, lost)
SELECT created_at - (created_at % 86400000000), region, currency, COUNT(*), SUM(amount_lost)
FROM case_reports r
WHERE duplicate_of = '' AND NOT EXISTS (SELECT 1 FROM case_reports o WHERE o.report_id = r.report_id
	AND (o.created_at < r.created_at OR o.created_at = r.created_at AND o.case_id < r.case_id))
GROUP BY 1, 2, 3;

INSERT INTO case_event_days (day, region, kind, foreign_, n)
SELECT at - (at % 86400000000), region, kind, foreign_, SUM(n) FROM case_events GROUP BY 1, 2, 3, 4;
