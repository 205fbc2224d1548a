-- The year's report read 48,545 rows of matter_rollup at a million matters a year, and SQLite sorts them
-- to group (0.5–1 s under load). The same counts per month (Asia/Shanghai) × the same columns, kept by
-- triggers beside the daily rows: a report adds the months its period covers whole from here (about
-- 2,000 rows a year) and only the days of its first and last partial months from matter_rollup.
-- Store.RollupDrift checks that the months add up to the days.
CREATE TABLE matter_rollup_month (
    month      TEXT NOT NULL,    -- YYYY-MM in Asia/Shanghai
    area_path  TEXT NOT NULL,
    unplaced   INTEGER NOT NULL,
    station_id INTEGER NOT NULL,
    kind       TEXT NOT NULL,
    channel    TEXT NOT NULL,
    category   TEXT NOT NULL,
    closed     INTEGER NOT NULL,
    outcome    TEXT NOT NULL,
    shard      INTEGER NOT NULL DEFAULT 0,
    n          INTEGER NOT NULL DEFAULT 0,
    recovered  INTEGER NOT NULL DEFAULT 0,
    rated      INTEGER NOT NULL DEFAULT 0,
    rating_sum INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (month, area_path, unplaced, station_id, kind, channel, category, closed, outcome, shard)
) WITHOUT ROWID;

CREATE TRIGGER matter_rollup_month_insert AFTER INSERT ON matters BEGIN
    INSERT INTO matter_rollup_month VALUES (strftime('%Y-%m', new.received_at, '+8 hours'), new.area_path, new.area_id IS NULL,
        COALESCE(new.station_id, 0), new.kind, new.channel, new.category, new.state = 'closed', new.outcome, 0,
        1, new.recovered, new.satisfaction IS NOT NULL, COALESCE(new.satisfaction, 0))
    ON CONFLICT (month, area_path, unplaced, station_id, kind, channel, category, closed, outcome, shard) DO UPDATE SET
        n = n + excluded.n, recovered = recovered + excluded.recovered, rated = rated + excluded.rated,
        rating_sum = rating_sum + excluded.rating_sum;
END;

CREATE TRIGGER matter_rollup_month_delete AFTER DELETE ON matters BEGIN
    INSERT INTO matter_rollup_month VALUES (strftime('%Y-%m', old.received_at, '+8 hours'), old.area_path, old.area_id IS NULL,
        COALESCE(old.station_id, 0), old.kind, old.channel, old.category, old.state = 'closed', old.outcome, 0,
        -1, -old.recovered, -(old.satisfaction IS NOT NULL), -COALESCE(old.satisfaction, 0))
    ON CONFLICT (month, area_path, unplaced, station_id, kind, channel, category, closed, outcome, shard) DO UPDATE SET
        n = n + excluded.n, recovered = recovered + excluded.recovered, rated = rated + excluded.rated,
        rating_sum = rating_sum + excluded.rating_sum;
END;

CREATE TRIGGER matter_rollup_month_update AFTER UPDATE OF received_at, area_path, area_id, station_id, kind, channel, category,
    state, outcome, recovered, satisfaction ON matters
WHEN old.received_at IS NOT new.received_at OR old.area_path IS NOT new.area_path OR old.area_id IS NOT new.area_id
    OR old.station_id IS NOT new.station_id OR old.kind IS NOT new.kind OR old.channel IS NOT new.channel
    OR old.category IS NOT new.category OR old.state IS NOT new.state OR old.outcome IS NOT new.outcome
    OR old.recovered IS NOT new.recovered OR old.satisfaction IS NOT new.satisfaction
BEGIN
    INSERT INTO matter_rollup_month VALUES (strftime('%Y-%m', old.received_at, '+8 hours'), old.area_path, old.area_id IS NULL,
        COALESCE(old.station_id, 0), old.kind, old.channel, old.category, old.state = 'closed', old.outcome, 0,
        -1, -old.recovered, -(old.satisfaction IS NOT NULL), -COALESCE(old.satisfaction, 0))
    ON CONFLICT (month, area_path, unplaced, station_id, kind, channel, category, closed, outcome, shard) DO UPDATE SET
        n = n + excluded.n, recovered = recovered + excluded.recovered, rated = rated + excluded.rated,
        rating_sum = rating_sum + excluded.rating_sum;
    INSERT INTO matter_rollup_month VALUES (strftime('%Y-%m', new.received_at, '+8 hours'), new.area_path, new.area_id IS NULL,
        COALESCE(new.station_id, 0), new.kind, new.channel, new.category, new.state = 'closed', new.outcome, 0,
        1, new.recovered, new.satisfaction IS NOT NULL, COALESCE(new.satisfaction, 0))
    ON CONFLICT (month, area_path, unplaced, station_id, kind, channel, category, closed, outcome, shard) DO UPDATE SET
        n = n + excluded.n, recovered = recovered + excluded.recovered, rated = rated + excluded.rated,
        rating_sum = rating_sum + excluded.rating_sum;
END;

INSERT INTO matter_rollup_month
SELECT substr(day, 1, 7), area_path, unplaced, station_id, kind, channel, category, closed, outcome, 0,
    SUM(n), SUM(recovered), SUM(rated), SUM(rating_sum)
FROM matter_rollup GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9;
