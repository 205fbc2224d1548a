-- PostgreSQL only (its rollup and pair triggers written without SQL functions, migration 0081 there):
-- SQLite's triggers are compiled with the statement that fires them and keep no plans of their own.
SELECT 1;
