-- The rebuild reads each organisation's checks by time down
-- payment_checks_org and merges them (ScanChecks), so payment_checks_time,
-- read by nothing else, is no longer kept: it was a fourth B-tree written
-- for every check stored.
DROP INDEX payment_checks_time;
