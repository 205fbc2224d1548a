-- PostgreSQL only (a writer's batch writes a new matter's pairs and rollups itself, migration 0082
-- there): SQLite's triggers run inside its one writer's statements and are left as they are.
SELECT 1;
