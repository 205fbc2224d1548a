-- The audit log: append-only, each entry commits to the one before (R-P8).
CREATE TABLE audit (
    id         INTEGER PRIMARY KEY,
    at         TIMESTAMP NOT NULL,
    actor_id   INTEGER,
    actor_name TEXT NOT NULL DEFAULT '',
    action     TEXT NOT NULL,
    entity     TEXT NOT NULL,
    ref        TEXT NOT NULL DEFAULT '',
    data       TEXT NOT NULL DEFAULT '',
    prev_hash  TEXT NOT NULL,
    hash       TEXT NOT NULL UNIQUE
);
CREATE INDEX audit_entity ON audit(entity, ref);
