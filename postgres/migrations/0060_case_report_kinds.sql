-- Victims' reports by scheme and channel for the briefing's charts. Each
-- case link keeps its report's scheme and channel, and daily sums by them
-- are kept beside case_report_days (0016), so that a year's breakdown reads
-- days, not every report: the whole days of a period come from
-- case_report_kind_days, its first and last part-days from case_reports.
-- Adding a column with a constant default rewrites no row.

ALTER TABLE case_reports ADD COLUMN scheme TEXT NOT NULL DEFAULT '';
ALTER TABLE case_reports ADD COLUMN channel TEXT NOT NULL DEFAULT '';

UPDATE case_reports r SET scheme = v.scheme, channel = v.channel
FROM victim_reports v WHERE v.id = r.report_id;

CREATE TABLE case_report_kind_days (
	day      TIMESTAMPTZ NOT NULL, -- start of the UTC day
	region   TEXT NOT NULL,
	scheme   TEXT NOT NULL,
	channel  TEXT NOT NULL,
	currency TEXT NOT NULL,
	n        BIGINT NOT NULL,
	lost     BIGINT NOT NULL,
	PRIMARY KEY (day, region, scheme, channel, currency)
);

INSERT INTO case_report_kind_days (day, region, scheme, channel, currency, n, lost)
SELECT date_bin('1 day', created_at, TIMESTAMPTZ '2000-01-01 00:00:00+00'), region, scheme, channel, currency,
	COUNT(*), SUM(amount_lost)
FROM case_reports r
WHERE duplicate_of = '' AND NOT EXISTS (SELECT 1 FROM case_reports o WHERE o.report_id = r.report_id
	AND (o.created_at < r.created_at OR o.created_at = r.created_at AND o.case_id < r.case_id))
GROUP BY 1, 2, 3, 4, 5;
