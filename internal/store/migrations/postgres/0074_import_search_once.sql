-- SQLite's migration 0074 lets a ledger import feed its FTS5 search tables once instead of row by row.
-- PostgreSQL's search (pg_trgm indexes on matters, matter_pairs) has no such tables: nothing changes here.
SELECT 1;
