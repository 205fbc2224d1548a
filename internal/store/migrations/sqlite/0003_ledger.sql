-- Ledger imports, and a covering index so period reports read an index, not the matters.
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

CREATE INDEX matters_report ON matters(received_at, kind, channel, category, state, outcome, area_path, station_id, recovered);
