-- PostgreSQL only (postgres/migrations/0051): an SQLite store has one node.
SELECT 1;
