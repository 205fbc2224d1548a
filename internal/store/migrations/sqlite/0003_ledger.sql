-- Ledger imports, and covering indexes so period reports read indexes, not the matters.
CREATE TABLE imports (
    id         INTEGER PRIMARY KEY,
    file_name  TEXT NOT NULL,
    sha256     TEXT NOT NULL,
    format     TEXT NOT NULL,
    row_count  INTEGER NOT NULL,
    imported   INTEGER NOT NULL,
    skipped    INTEGER NOT NULL,
    actor_id   INTEGER REFERENCES users(id),
    actor_name TEXT NOT NULL DEFAULT '',
    at         TIMESTAMP NOT NULL
);

CREATE INDEX matters_report ON matters(received_at, kind, channel, category, state, outcome, area_path, area_id, station_id, recovered);
CREATE INDEX matters_on_site ON matters(received_at, arrived_at, on_site_kept, area_path, area_id, station_id) WHERE on_site_due_at IS NOT NULL;
CREATE INDEX matters_rated ON matters(received_at, satisfaction, area_path, area_id, station_id) WHERE satisfaction IS NOT NULL;
