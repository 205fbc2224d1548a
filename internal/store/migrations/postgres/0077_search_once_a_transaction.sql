-- SQLite's migration 0077 feeds its FTS5 search tables once a transaction. PostgreSQL's search (pg_trgm
-- indexes on matters, matter_pairs) has no such tables: nothing changes here.
SELECT 1;
