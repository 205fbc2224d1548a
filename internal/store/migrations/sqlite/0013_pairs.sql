-- Two-character words (issue 13): SQLite has had its pair index since migration 0010 (matters_bigram);
-- PostgreSQL gets its own in this migration. Nothing to do here; the number is kept in step.
SELECT 1;
