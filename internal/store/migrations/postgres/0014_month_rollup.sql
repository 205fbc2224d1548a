-- The year's report read 48,545 rows of matter_rollup at a million matters a year. The same counts per
-- month (Asia/Shanghai) × the same columns, kept by the same trigger beside the daily rows: a report adds
-- the months its period covers whole from here (about 2,000 rows a year) and only the days of its first
-- and last partial months from matter_rollup. Store.RollupDrift checks that the months add up to the days.
CREATE TABLE matter_rollup_month (
    month      TEXT NOT NULL,    -- YYYY-MM in Asia/Shanghai
    area_path  TEXT NOT NULL,
    unplaced   INTEGER NOT NULL,
    station_id BIGINT NOT NULL,
    kind       TEXT NOT NULL,
    channel    TEXT NOT NULL,
    category   TEXT NOT NULL,
    closed     INTEGER NOT NULL,
    outcome    TEXT NOT NULL,
    shard      INTEGER NOT NULL DEFAULT 0,
    n          BIGINT NOT NULL DEFAULT 0,
    recovered  BIGINT NOT NULL DEFAULT 0,
    rated      BIGINT NOT NULL DEFAULT 0,
    rating_sum BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (month, area_path, unplaced, station_id, kind, channel, category, closed, outcome, shard)
);

CREATE OR REPLACE FUNCTION matter_rollup_add(m matters, sign INTEGER) RETURNS void LANGUAGE sql AS $$
    INSERT INTO matter_rollup VALUES (to_char(m.received_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD'), m.area_path,
        (m.area_id IS NULL)::INTEGER, COALESCE(m.station_id, 0), m.kind, m.channel, m.category, (m.state = 'closed')::INTEGER,
        m.outcome, pg_backend_pid() % 8, sign, sign * m.recovered, sign * (m.satisfaction IS NOT NULL)::INTEGER,
        sign * COALESCE(m.satisfaction, 0))
    ON CONFLICT (day, area_path, unplaced, station_id, kind, channel, category, closed, outcome, shard) DO UPDATE SET
        n = matter_rollup.n + excluded.n, recovered = matter_rollup.recovered + excluded.recovered,
        rated = matter_rollup.rated + excluded.rated, rating_sum = matter_rollup.rating_sum + excluded.rating_sum;
    INSERT INTO matter_rollup_month VALUES (to_char(m.received_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM'), m.area_path,
        (m.area_id IS NULL)::INTEGER, COALESCE(m.station_id, 0), m.kind, m.channel, m.category, (m.state = 'closed')::INTEGER,
        m.outcome, pg_backend_pid() % 8, sign, sign * m.recovered, sign * (m.satisfaction IS NOT NULL)::INTEGER,
        sign * COALESCE(m.satisfaction, 0))
    ON CONFLICT (month, area_path, unplaced, station_id, kind, channel, category, closed, outcome, shard) DO UPDATE SET
        n = matter_rollup_month.n + excluded.n, recovered = matter_rollup_month.recovered + excluded.recovered,
        rated = matter_rollup_month.rated + excluded.rated, rating_sum = matter_rollup_month.rating_sum + excluded.rating_sum;
$$;

INSERT INTO matter_rollup_month
SELECT substr(day, 1, 7), area_path, unplaced, station_id, kind, channel, category, closed, outcome, 0,
    SUM(n), SUM(recovered), SUM(rated), SUM(rating_sum)
FROM matter_rollup GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9;
