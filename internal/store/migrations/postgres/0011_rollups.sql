-- Figures at any size (issue 13): the matters counted per day received (Asia/Shanghai) × area × station
-- × kind × channel × category × closed × outcome, kept by a trigger in the transaction of every change to
-- a matter (intake, action, import, correction, deletion), so a year's report adds a few thousand rows
-- instead of counting a million matters. Every figure still names its matter list (docs/REPORTS.md);
-- Store.RollupDrift recounts from the matters and must find nothing.
CREATE TABLE matter_rollup (
    day        TEXT NOT NULL,    -- YYYY-MM-DD in Asia/Shanghai
    area_path  TEXT NOT NULL,
    unplaced   INTEGER NOT NULL, -- 1: area_id IS NULL
    station_id BIGINT NOT NULL,  -- 0: none
    kind       TEXT NOT NULL,
    channel    TEXT NOT NULL,
    category   TEXT NOT NULL,
    closed     INTEGER NOT NULL, -- 1: state = 'closed'
    outcome    TEXT NOT NULL,
    -- Concurrent transactions would queue on one hot row (today, this area, this kind…) until each
    -- commits; each connection adds to its own shard of the row instead, and readers sum the shards.
    shard      INTEGER NOT NULL DEFAULT 0,
    n          BIGINT NOT NULL DEFAULT 0,
    recovered  BIGINT NOT NULL DEFAULT 0,
    rated      BIGINT NOT NULL DEFAULT 0,
    rating_sum BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (day, area_path, unplaced, station_id, kind, channel, category, closed, outcome, shard)
);

CREATE FUNCTION matter_rollup_add(m matters, sign INTEGER) RETURNS void LANGUAGE sql AS $$
    INSERT INTO matter_rollup VALUES (to_char(m.received_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD'), m.area_path,
        (m.area_id IS NULL)::INTEGER, COALESCE(m.station_id, 0), m.kind, m.channel, m.category, (m.state = 'closed')::INTEGER,
        m.outcome, pg_backend_pid() % 8, sign, sign * m.recovered, sign * (m.satisfaction IS NOT NULL)::INTEGER,
        sign * COALESCE(m.satisfaction, 0))
    ON CONFLICT (day, area_path, unplaced, station_id, kind, channel, category, closed, outcome, shard) DO UPDATE SET
        n = matter_rollup.n + excluded.n, recovered = matter_rollup.recovered + excluded.recovered,
        rated = matter_rollup.rated + excluded.rated, rating_sum = matter_rollup.rating_sum + excluded.rating_sum
$$;

CREATE FUNCTION matter_rollup_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND (OLD.received_at, OLD.area_path, OLD.area_id, OLD.station_id, OLD.kind, OLD.channel,
        OLD.category, OLD.state, OLD.outcome, OLD.recovered, OLD.satisfaction) IS NOT DISTINCT FROM
        (NEW.received_at, NEW.area_path, NEW.area_id, NEW.station_id, NEW.kind, NEW.channel,
        NEW.category, NEW.state, NEW.outcome, NEW.recovered, NEW.satisfaction) THEN
        RETURN NULL;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM matter_rollup_add(OLD, -1);
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        PERFORM matter_rollup_add(NEW, 1);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER matter_rollup AFTER INSERT OR UPDATE OR DELETE ON matters
    FOR EACH ROW EXECUTE FUNCTION matter_rollup_trigger();

INSERT INTO matter_rollup
SELECT to_char(received_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD'), area_path, (area_id IS NULL)::INTEGER,
    COALESCE(station_id, 0), kind, channel, category, (state = 'closed')::INTEGER, outcome, 0,
    COUNT(*), SUM(recovered), COUNT(satisfaction), COALESCE(SUM(satisfaction), 0)
FROM matters GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9;
