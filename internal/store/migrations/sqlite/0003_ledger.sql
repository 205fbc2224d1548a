-- Ledger imports, and the indexes behind period reports.
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

-- Each report figure is a COUNT with exactly the conditions of its matter list; these indexes
-- answer each by a range seek over the period that also covers the scope columns (area, station),
-- so no figure sorts or reads the matters themselves (internal/store/report.go).
CREATE INDEX matters_r_time ON matters(received_at, area_path, area_id, station_id);
CREATE INDEX matters_r_kind ON matters(kind, channel, category, received_at, area_path, area_id, station_id);
CREATE INDEX matters_r_state ON matters(state, received_at, area_path, area_id, station_id);
CREATE INDEX matters_r_outcome ON matters(outcome, received_at, area_path, area_id, station_id, recovered);
CREATE INDEX matters_r_area ON matters(area_path, received_at, area_id, station_id);
CREATE INDEX matters_on_site ON matters(received_at, arrived_at, on_site_kept, area_path, area_id, station_id) WHERE on_site_due_at IS NOT NULL;
CREATE INDEX matters_rated ON matters(received_at, satisfaction, area_path, area_id, station_id) WHERE satisfaction IS NOT NULL;
