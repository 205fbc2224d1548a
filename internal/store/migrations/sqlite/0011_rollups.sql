-- Figures at any size (issue 13): the matters counted per day received (Asia/Shanghai) × area × station
-- × kind × channel × category × closed × outcome, kept by triggers in the transaction of every change to
-- a matter (intake, action, import, correction, deletion), so a year's report adds a few thousand rows
-- instead of counting a million matters. Every figure still names its matter list (docs/REPORTS.md);
-- Store.RollupDrift recounts from the matters and must find nothing.
CREATE TABLE matter_rollup (
    day        TEXT NOT NULL,    -- YYYY-MM-DD in Asia/Shanghai
    area_path  TEXT NOT NULL,
    unplaced   INTEGER NOT NULL, -- 1: area_id IS NULL
    station_id INTEGER NOT NULL, -- 0: none
    kind       TEXT NOT NULL,
    channel    TEXT NOT NULL,
    category   TEXT NOT NULL,
    closed     INTEGER NOT NULL, -- 1: state = 'closed'
    outcome    TEXT NOT NULL,
    shard      INTEGER NOT NULL DEFAULT 0, -- PostgreSQL spreads concurrent writers over shards; SQLite has one writer
    n          INTEGER NOT NULL DEFAULT 0,
    recovered  INTEGER NOT NULL DEFAULT 0,
    rated      INTEGER NOT NULL DEFAULT 0,
    rating_sum INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (day, area_path, unplaced, station_id, kind, channel, category, closed, outcome, shard)
) WITHOUT ROWID;

CREATE TRIGGER matter_rollup_insert AFTER INSERT ON matters BEGIN
    INSERT INTO matter_rollup VALUES (date(new.received_at, '+8 hours'), new.area_path, new.area_id IS NULL,
        COALESCE(new.station_id, 0), new.kind, new.channel, new.category, new.state = 'closed', new.outcome, 0,
        1, new.recovered, new.satisfaction IS NOT NULL, COALESCE(new.satisfaction, 0))
    ON CONFLICT (day, area_path, unplaced, station_id, kind, channel, category, closed, outcome, shard) DO UPDATE SET
        n = n + excluded.n, recovered = recovered + excluded.recovered, rated = rated + excluded.rated,
        rating_sum = rating_sum + excluded.rating_sum;
END;

CREATE TRIGGER matter_rollup_delete AFTER DELETE ON matters BEGIN
    INSERT INTO matter_rollup VALUES (date(old.received_at, '+8 hours'), old.area_path, old.area_id IS NULL,
        COALESCE(old.station_id, 0), old.kind, old.channel, old.category, old.state = 'closed', old.outcome, 0,
        -1, -old.recovered, -(old.satisfaction IS NOT NULL), -COALESCE(old.satisfaction, 0))
    ON CONFLICT (day, area_path, unplaced, station_id, kind, channel, category, closed, outcome, shard) DO UPDATE SET
        n = n + excluded.n, recovered = recovered + excluded.recovered, rated = rated + excluded.rated,
        rating_sum = rating_sum + excluded.rating_sum;
END;

CREATE TRIGGER matter_rollup_update AFTER UPDATE OF received_at, area_path, area_id, station_id, kind, channel, category,
    state, outcome, recovered, satisfaction ON matters
WHEN old.received_at IS NOT new.received_at OR old.area_path IS NOT new.area_path OR old.area_id IS NOT new.area_id
    OR old.station_id IS NOT new.station_id OR old.kind IS NOT new.kind OR old.channel IS NOT new.channel
    OR old.category IS NOT new.category OR old.state IS NOT new.state OR old.outcome IS NOT new.outcome
    OR old.recovered IS NOT new.recovered OR old.satisfaction IS NOT new.satisfaction
BEGIN
    INSERT INTO matter_rollup VALUES (date(old.received_at, '+8 hours'), old.area_path, old.area_id IS NULL,
        COALESCE(old.station_id, 0), old.kind, old.channel, old.category, old.state = 'closed', old.outcome, 0,
        -1, -old.recovered, -(old.satisfaction IS NOT NULL), -COALESCE(old.satisfaction, 0))
    ON CONFLICT (day, area_path, unplaced, station_id, kind, channel, category, closed, outcome, shard) DO UPDATE SET
        n = n + excluded.n, recovered = recovered + excluded.recovered, rated = rated + excluded.rated,
        rating_sum = rating_sum + excluded.rating_sum;
    INSERT INTO matter_rollup VALUES (date(new.received_at, '+8 hours'), new.area_path, new.area_id IS NULL,
        COALESCE(new.station_id, 0), new.kind, new.channel, new.category, new.state = 'closed', new.outcome, 0,
        1, new.recovered, new.satisfaction IS NOT NULL, COALESCE(new.satisfaction, 0))
    ON CONFLICT (day, area_path, unplaced, station_id, kind, channel, category, closed, outcome, shard) DO UPDATE SET
        n = n + excluded.n, recovered = recovered + excluded.recovered, rated = rated + excluded.rated,
        rating_sum = rating_sum + excluded.rating_sum;
END;

INSERT INTO matter_rollup
SELECT date(received_at, '+8 hours'), area_path, area_id IS NULL, COALESCE(station_id, 0), kind, channel, category,
    state = 'closed', outcome, 0, COUNT(*), SUM(recovered), COUNT(satisfaction), COALESCE(SUM(satisfaction), 0)
FROM matters GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9;
