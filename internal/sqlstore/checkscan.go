package sqlstore

// The rebuild's scan of every check by time has no index of its own: one
// by (checked_at, id) was a fourth B-tree written for every check and read
// by the scan alone. PostgreSQL reads each organisation's checks by time
// down payment_checks_org (org_id, checked_at, id) and merges them. (SQLite
// keeps its checks many to a row, with an index of the rows by time.)

// CheckOrgsSQL lists the organisations that have checks, in order: a
// seek down payment_checks_org for each (a loose index scan), not a read
// of the whole index.
const CheckOrgsSQL = `WITH RECURSIVE o (id) AS (
		SELECT (SELECT min(org_id) FROM payment_checks)
		UNION ALL
		SELECT (SELECT min(org_id) FROM payment_checks WHERE org_id > o.id) FROM o WHERE o.id IS NOT NULL)
	SELECT id FROM o WHERE id IS NOT NULL`
