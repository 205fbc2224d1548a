-- The rest of the report from rollups (issue 13): the on-site response times and the 12345 centre's
-- callback ratings were still counted from the matters (seconds a year at a million). Both are kept like
-- matter_rollup (migration 0011), by the same trigger in the transaction of every change to a matter, per
-- day received (Asia/Shanghai) × area × station, so a report adds rows of the period instead of matters.
-- Store.RollupDrift recounts both from the matters and the work orders.

-- On-site promises (R-S1) by whole minutes from receipt to check-in (-1: not yet arrived), exactly as
-- the report's histogram counts them: no bucket wider than a minute, so every percentile stays the same.
CREATE TABLE onsite_rollup (
    day        TEXT NOT NULL,
    area_path  TEXT NOT NULL,
    unplaced   INTEGER NOT NULL,
    station_id BIGINT NOT NULL,
    minutes    BIGINT NOT NULL, -- -1: not yet arrived
    shard      INTEGER NOT NULL DEFAULT 0,
    n          BIGINT NOT NULL DEFAULT 0,
    kept       BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (day, area_path, unplaced, station_id, minutes, shard)
);

-- The 12345 centre's callback rating of the matter's work order (R-L27), kept on the matter by the store
-- in the transaction that writes the work order (each work order brings its own matter), so the trigger
-- follows it into the rollup together with the matter's day, area and station.
ALTER TABLE matters ADD COLUMN hotline_rating TEXT NOT NULL DEFAULT '';

CREATE TABLE hotline_rollup (
    day        TEXT NOT NULL,
    area_path  TEXT NOT NULL,
    unplaced   INTEGER NOT NULL,
    station_id BIGINT NOT NULL,
    rating     TEXT NOT NULL,
    shard      INTEGER NOT NULL DEFAULT 0,
    n          BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (day, area_path, unplaced, station_id, rating, shard)
);

CREATE FUNCTION onsite_minutes(m matters) RETURNS BIGINT LANGUAGE sql STABLE AS $$
    SELECT CASE WHEN m.arrived_at IS NULL THEN -1 ELSE GREATEST(0, FLOOR((EXTRACT(EPOCH FROM date_trunc('second', m.arrived_at))
        - EXTRACT(EPOCH FROM date_trunc('second', m.received_at))) / 60))::BIGINT END
$$;

CREATE FUNCTION onsite_rollup_add(m matters, sign INTEGER) RETURNS void LANGUAGE sql AS $$
    INSERT INTO onsite_rollup VALUES (to_char(m.received_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD'), m.area_path,
        (m.area_id IS NULL)::INTEGER, COALESCE(m.station_id, 0), onsite_minutes(m), pg_backend_pid() % 8, sign,
        sign * (CASE WHEN m.on_site_kept = TRUE THEN 1 ELSE 0 END))
    ON CONFLICT (day, area_path, unplaced, station_id, minutes, shard) DO UPDATE SET
        n = onsite_rollup.n + excluded.n, kept = onsite_rollup.kept + excluded.kept
$$;

CREATE FUNCTION hotline_rollup_add(m matters, sign INTEGER) RETURNS void LANGUAGE sql AS $$
    INSERT INTO hotline_rollup VALUES (to_char(m.received_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD'), m.area_path,
        (m.area_id IS NULL)::INTEGER, COALESCE(m.station_id, 0), m.hotline_rating, pg_backend_pid() % 8, sign)
    ON CONFLICT (day, area_path, unplaced, station_id, rating, shard) DO UPDATE SET n = hotline_rollup.n + excluded.n
$$;

-- One trigger keeps all three rollups; each is touched only when a column it counts changed.
CREATE OR REPLACE FUNCTION matter_rollup_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    place_same BOOLEAN := TG_OP = 'UPDATE' AND (OLD.received_at, OLD.area_path, OLD.area_id, OLD.station_id)
        IS NOT DISTINCT FROM (NEW.received_at, NEW.area_path, NEW.area_id, NEW.station_id);
BEGIN
    IF NOT place_same OR (OLD.kind, OLD.channel, OLD.category, OLD.state, OLD.outcome, OLD.recovered, OLD.satisfaction)
        IS DISTINCT FROM (NEW.kind, NEW.channel, NEW.category, NEW.state, NEW.outcome, NEW.recovered, NEW.satisfaction) THEN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
            PERFORM matter_rollup_add(OLD, -1);
        END IF;
        IF TG_OP IN ('UPDATE', 'INSERT') THEN
            PERFORM matter_rollup_add(NEW, 1);
        END IF;
    END IF;
    IF NOT place_same OR (OLD.on_site_due_at IS NULL, OLD.arrived_at, OLD.on_site_kept)
        IS DISTINCT FROM (NEW.on_site_due_at IS NULL, NEW.arrived_at, NEW.on_site_kept) THEN
        IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.on_site_due_at IS NOT NULL THEN
            PERFORM onsite_rollup_add(OLD, -1);
        END IF;
        IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.on_site_due_at IS NOT NULL THEN
            PERFORM onsite_rollup_add(NEW, 1);
        END IF;
    END IF;
    IF NOT place_same OR OLD.hotline_rating IS DISTINCT FROM NEW.hotline_rating THEN
        IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.hotline_rating <> '' THEN
            PERFORM hotline_rollup_add(OLD, -1);
        END IF;
        IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.hotline_rating <> '' THEN
            PERFORM hotline_rollup_add(NEW, 1);
        END IF;
    END IF;
    RETURN NULL;
END
$$;

INSERT INTO onsite_rollup
SELECT to_char(received_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD'), area_path, (area_id IS NULL)::INTEGER,
    COALESCE(station_id, 0), onsite_minutes(m), 0, COUNT(*), SUM(CASE WHEN on_site_kept = TRUE THEN 1 ELSE 0 END)
FROM matters m WHERE on_site_due_at IS NOT NULL GROUP BY 1, 2, 3, 4, 5;

-- work_orders comes with a later migration (0030) on a new office; on an office that has it the store
-- copies the ratings onto the matters after the migrations (Store.backfill), and the trigger adds them to
-- the rollup.
CREATE TABLE rollup_backfill (name TEXT PRIMARY KEY);
INSERT INTO rollup_backfill VALUES ('hotline_rating');
