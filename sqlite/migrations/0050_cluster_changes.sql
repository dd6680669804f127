-- PostgreSQL only: the cluster's change log (postgres/migrations/0050)
-- serves several nodes on one database; an SQLite store has one node.
SELECT 1;
