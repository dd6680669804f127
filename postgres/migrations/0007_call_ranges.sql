-- Calls that pass as unverifiable (a domestic number no member operator
-- serves) are counted by the number-plan range of the calling number, so
-- that the regulator sees which unconnected ranges the passes come from. The
-- counters gain that range as part of their key: '' for every other reason.
ALTER TABLE call_counters ADD COLUMN range_prefix TEXT NOT NULL DEFAULT '';
ALTER TABLE call_counters DROP CONSTRAINT call_counters_pkey;
ALTER TABLE call_counters ADD PRIMARY KEY (day, org_id, reason, range_prefix);
