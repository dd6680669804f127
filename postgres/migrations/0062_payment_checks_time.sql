-- The rebuild reads each organisation's checks by time down
-- payment_checks_org and merges them (ScanChecks), so payment_checks_time,
-- read by nothing else, is no longer kept: it was a fourth B-tree written
-- for every check stored.
--
-- DROP INDEX holds payment_checks' ACCESS EXCLUSIVE lock for a moment: it
-- waits for the transactions in flight on the table and holds the next ones
-- back meanwhile. A node of the version before still answers: only its
-- rebuild at a restart would read without the index.
DROP INDEX payment_checks_time;
