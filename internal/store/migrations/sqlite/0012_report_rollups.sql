-- The rest of the report from rollups (issue 13): the on-site response times and the 12345 centre's
-- callback ratings were still counted from the matters (seconds a year at a million). Both are kept like
-- matter_rollup (migration 0011), by triggers in the transaction of every change to a matter, per day
-- received (Asia/Shanghai) × area × station, so a report adds rows of the period instead of matters.
-- Store.RollupDrift recounts both from the matters and the work orders.

-- On-site promises (R-S1) by whole minutes from receipt to check-in (-1: not yet arrived), exactly as
-- the report's histogram counts them: no bucket wider than a minute, so every percentile stays the same.
CREATE TABLE onsite_rollup (
    day        TEXT NOT NULL,
    area_path  TEXT NOT NULL,
    unplaced   INTEGER NOT NULL,
    station_id INTEGER NOT NULL,
    minutes    INTEGER NOT NULL, -- -1: not yet arrived
    shard      INTEGER NOT NULL DEFAULT 0,
    n          INTEGER NOT NULL DEFAULT 0,
    kept       INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (day, area_path, unplaced, station_id, minutes, shard)
) WITHOUT ROWID;

CREATE TRIGGER onsite_rollup_insert AFTER INSERT ON matters WHEN new.on_site_due_at IS NOT NULL BEGIN
    INSERT INTO onsite_rollup VALUES (date(new.received_at, '+8 hours'), new.area_path, new.area_id IS NULL,
        COALESCE(new.station_id, 0),
        CASE WHEN new.arrived_at IS NULL THEN -1 ELSE MAX(0, (unixepoch(new.arrived_at) - unixepoch(new.received_at)) / 60) END,
        0, 1, CASE WHEN new.on_site_kept = TRUE THEN 1 ELSE 0 END)
    ON CONFLICT (day, area_path, unplaced, station_id, minutes, shard) DO UPDATE SET
        n = n + excluded.n, kept = kept + excluded.kept;
END;

CREATE TRIGGER onsite_rollup_delete AFTER DELETE ON matters WHEN old.on_site_due_at IS NOT NULL BEGIN
    INSERT INTO onsite_rollup VALUES (date(old.received_at, '+8 hours'), old.area_path, old.area_id IS NULL,
        COALESCE(old.station_id, 0),
        CASE WHEN old.arrived_at IS NULL THEN -1 ELSE MAX(0, (unixepoch(old.arrived_at) - unixepoch(old.received_at)) / 60) END,
        0, -1, -(CASE WHEN old.on_site_kept = TRUE THEN 1 ELSE 0 END))
    ON CONFLICT (day, area_path, unplaced, station_id, minutes, shard) DO UPDATE SET
        n = n + excluded.n, kept = kept + excluded.kept;
END;

CREATE TRIGGER onsite_rollup_update AFTER UPDATE OF received_at, area_path, area_id, station_id, on_site_due_at,
    arrived_at, on_site_kept ON matters
WHEN (old.on_site_due_at IS NOT NULL OR new.on_site_due_at IS NOT NULL) AND (old.received_at IS NOT new.received_at
    OR old.area_path IS NOT new.area_path OR old.area_id IS NOT new.area_id OR old.station_id IS NOT new.station_id
    OR (old.on_site_due_at IS NULL) <> (new.on_site_due_at IS NULL) OR old.arrived_at IS NOT new.arrived_at
    OR old.on_site_kept IS NOT new.on_site_kept)
BEGIN
    INSERT INTO onsite_rollup SELECT date(old.received_at, '+8 hours'), old.area_path, old.area_id IS NULL,
        COALESCE(old.station_id, 0),
        CASE WHEN old.arrived_at IS NULL THEN -1 ELSE MAX(0, (unixepoch(old.arrived_at) - unixepoch(old.received_at)) / 60) END,
        0, -1, -(CASE WHEN old.on_site_kept = TRUE THEN 1 ELSE 0 END)
    WHERE old.on_site_due_at IS NOT NULL
    ON CONFLICT (day, area_path, unplaced, station_id, minutes, shard) DO UPDATE SET
        n = n + excluded.n, kept = kept + excluded.kept;
    INSERT INTO onsite_rollup SELECT date(new.received_at, '+8 hours'), new.area_path, new.area_id IS NULL,
        COALESCE(new.station_id, 0),
        CASE WHEN new.arrived_at IS NULL THEN -1 ELSE MAX(0, (unixepoch(new.arrived_at) - unixepoch(new.received_at)) / 60) END,
        0, 1, CASE WHEN new.on_site_kept = TRUE THEN 1 ELSE 0 END
    WHERE new.on_site_due_at IS NOT NULL
    ON CONFLICT (day, area_path, unplaced, station_id, minutes, shard) DO UPDATE SET
        n = n + excluded.n, kept = kept + excluded.kept;
END;

INSERT INTO onsite_rollup
SELECT date(received_at, '+8 hours'), area_path, area_id IS NULL, COALESCE(station_id, 0),
    CASE WHEN arrived_at IS NULL THEN -1 ELSE MAX(0, (unixepoch(arrived_at) - unixepoch(received_at)) / 60) END,
    0, COUNT(*), SUM(CASE WHEN on_site_kept = TRUE THEN 1 ELSE 0 END)
FROM matters WHERE on_site_due_at IS NOT NULL GROUP BY 1, 2, 3, 4, 5;

-- The 12345 centre's callback rating of the matter's work order (R-L27), kept on the matter by the store
-- in the transaction that writes the work order (each work order brings its own matter), so the trigger
-- below follows it into the rollup together with the matter's day, area and station.
ALTER TABLE matters ADD COLUMN hotline_rating TEXT NOT NULL DEFAULT '';

CREATE TABLE hotline_rollup (
    day        TEXT NOT NULL,
    area_path  TEXT NOT NULL,
    unplaced   INTEGER NOT NULL,
    station_id INTEGER NOT NULL,
    rating     TEXT NOT NULL,
    shard      INTEGER NOT NULL DEFAULT 0,
    n          INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (day, area_path, unplaced, station_id, rating, shard)
) WITHOUT ROWID;

CREATE TRIGGER hotline_rollup_insert AFTER INSERT ON matters WHEN new.hotline_rating <> '' BEGIN
    INSERT INTO hotline_rollup VALUES (date(new.received_at, '+8 hours'), new.area_path, new.area_id IS NULL,
        COALESCE(new.station_id, 0), new.hotline_rating, 0, 1)
    ON CONFLICT (day, area_path, unplaced, station_id, rating, shard) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER hotline_rollup_delete AFTER DELETE ON matters WHEN old.hotline_rating <> '' BEGIN
    INSERT INTO hotline_rollup VALUES (date(old.received_at, '+8 hours'), old.area_path, old.area_id IS NULL,
        COALESCE(old.station_id, 0), old.hotline_rating, 0, -1)
    ON CONFLICT (day, area_path, unplaced, station_id, rating, shard) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER hotline_rollup_update AFTER UPDATE OF received_at, area_path, area_id, station_id, hotline_rating ON matters
WHEN (old.hotline_rating <> '' OR new.hotline_rating <> '') AND (old.received_at IS NOT new.received_at
    OR old.area_path IS NOT new.area_path OR old.area_id IS NOT new.area_id OR old.station_id IS NOT new.station_id
    OR old.hotline_rating IS NOT new.hotline_rating)
BEGIN
    INSERT INTO hotline_rollup SELECT date(old.received_at, '+8 hours'), old.area_path, old.area_id IS NULL,
        COALESCE(old.station_id, 0), old.hotline_rating, 0, -1
    WHERE old.hotline_rating <> ''
    ON CONFLICT (day, area_path, unplaced, station_id, rating, shard) DO UPDATE SET n = n + excluded.n;
    INSERT INTO hotline_rollup SELECT date(new.received_at, '+8 hours'), new.area_path, new.area_id IS NULL,
        COALESCE(new.station_id, 0), new.hotline_rating, 0, 1
    WHERE new.hotline_rating <> ''
    ON CONFLICT (day, area_path, unplaced, station_id, rating, shard) DO UPDATE SET n = n + excluded.n;
END;

-- work_orders comes with a later migration (0030) on a new office; on an office that has it the store
-- copies the ratings onto the matters after the migrations (Store.backfill), and the trigger above adds
-- them to the rollup.
CREATE TABLE rollup_backfill (name TEXT PRIMARY KEY);
INSERT INTO rollup_backfill VALUES ('hotline_rating');
