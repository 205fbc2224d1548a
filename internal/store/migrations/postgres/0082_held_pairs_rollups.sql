-- Intake on PostgreSQL (issue 13, branch pgintake4): a new matter's pairs and rollups written by the
-- group-commit writer's batch instead of the triggers, for one matter at a time. The two triggers of
-- matters were a third of the server's CPU an intake (the pairs ≈ 110 µs a row, the day's and month's
-- rollup upserts ≈ 135 µs). A writer's batch now inserts a complaint together with its pairs in one
-- statement and adds the batch's rollup counts up before sending them once a distinct row with its COMMIT
-- (store/held.go); that statement sets weiquan.held, local to the transaction, to the new matter's id,
-- and both triggers leave the INSERT of exactly that matter alone. Every other change — an update or a
-- delete of that same matter later in the transaction, another matter's insert, an import, the fill,
-- SQL by hand, any transaction that never sets weiquan.held — runs the triggers as before (0081,
-- unchanged but for the first test; the shard is now taken after it). An INSERT cannot name an id
-- already inserted, so the setting, which stays until the transaction ends, skips nothing else.
CREATE OR REPLACE FUNCTION matter_rollup_trigger() RETURNS trigger LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan AS $$
DECLARE
    place_same BOOLEAN := TG_OP = 'UPDATE' AND (OLD.received_at, OLD.area_path, OLD.area_id, OLD.station_id)
        IS NOT DISTINCT FROM (NEW.received_at, NEW.area_path, NEW.area_id, NEW.station_id);
    my_shard INTEGER;
    m matters;
    sign INTEGER;
BEGIN
    IF TG_OP = 'INSERT' AND current_setting('weiquan.held', true) = NEW.id::TEXT THEN
        RETURN NULL; -- the writer's batch counts this matter itself (store/held.go)
    END IF;
    my_shard := COALESCE(NULLIF(current_setting('weiquan.shard', true), '')::INTEGER, txid_current() % 8);
    FOR pass IN 1..2 LOOP
        IF pass = 1 AND TG_OP IN ('UPDATE', 'DELETE') THEN
            m := OLD;
            sign := -1;
        ELSIF pass = 2 AND TG_OP IN ('UPDATE', 'INSERT') THEN
            m := NEW;
            sign := 1;
        ELSE
            CONTINUE;
        END IF;
        IF NOT place_same OR (OLD.kind, OLD.channel, OLD.category, OLD.state, OLD.outcome, OLD.recovered, OLD.satisfaction)
            IS DISTINCT FROM (NEW.kind, NEW.channel, NEW.category, NEW.state, NEW.outcome, NEW.recovered, NEW.satisfaction) THEN
            INSERT INTO matter_rollup VALUES (to_char(m.received_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD'), m.area_path,
                (m.area_id IS NULL)::INTEGER, COALESCE(m.station_id, 0), m.kind, m.channel, m.category, (m.state = 'closed')::INTEGER,
                m.outcome, my_shard, sign, sign * m.recovered, sign * (m.satisfaction IS NOT NULL)::INTEGER,
                sign * COALESCE(m.satisfaction, 0))
            ON CONFLICT (day, area_path, unplaced, station_id, kind, channel, category, closed, outcome, shard) DO UPDATE SET
                n = matter_rollup.n + excluded.n, recovered = matter_rollup.recovered + excluded.recovered,
                rated = matter_rollup.rated + excluded.rated, rating_sum = matter_rollup.rating_sum + excluded.rating_sum;
            INSERT INTO matter_rollup_month VALUES (to_char(m.received_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM'), m.area_path,
                (m.area_id IS NULL)::INTEGER, COALESCE(m.station_id, 0), m.kind, m.channel, m.category, (m.state = 'closed')::INTEGER,
                m.outcome, my_shard, sign, sign * m.recovered, sign * (m.satisfaction IS NOT NULL)::INTEGER,
                sign * COALESCE(m.satisfaction, 0))
            ON CONFLICT (month, area_path, unplaced, station_id, kind, channel, category, closed, outcome, shard) DO UPDATE SET
                n = matter_rollup_month.n + excluded.n, recovered = matter_rollup_month.recovered + excluded.recovered,
                rated = matter_rollup_month.rated + excluded.rated, rating_sum = matter_rollup_month.rating_sum + excluded.rating_sum;
        END IF;
        IF m.on_site_due_at IS NOT NULL AND (NOT place_same OR (OLD.on_site_due_at IS NULL, OLD.arrived_at, OLD.on_site_kept)
            IS DISTINCT FROM (NEW.on_site_due_at IS NULL, NEW.arrived_at, NEW.on_site_kept)) THEN
            INSERT INTO onsite_rollup VALUES (to_char(m.received_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD'), m.area_path,
                (m.area_id IS NULL)::INTEGER, COALESCE(m.station_id, 0),
                CASE WHEN m.arrived_at IS NULL THEN -1 ELSE GREATEST(0, FLOOR((EXTRACT(EPOCH FROM date_trunc('second', m.arrived_at))
                    - EXTRACT(EPOCH FROM date_trunc('second', m.received_at))) / 60))::BIGINT END,
                my_shard, sign, sign * (CASE WHEN m.on_site_kept = TRUE THEN 1 ELSE 0 END))
            ON CONFLICT (day, area_path, unplaced, station_id, minutes, shard) DO UPDATE SET
                n = onsite_rollup.n + excluded.n, kept = onsite_rollup.kept + excluded.kept;
        END IF;
        IF m.hotline_rating <> '' AND (NOT place_same OR OLD.hotline_rating IS DISTINCT FROM NEW.hotline_rating) THEN
            INSERT INTO hotline_rollup VALUES (to_char(m.received_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD'), m.area_path,
                (m.area_id IS NULL)::INTEGER, COALESCE(m.station_id, 0), m.hotline_rating, my_shard, sign)
            ON CONFLICT (day, area_path, unplaced, station_id, rating, shard) DO UPDATE SET n = hotline_rollup.n + excluded.n;
        END IF;
    END LOOP;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION matter_pairs_trigger() RETURNS trigger LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan AS $$
DECLARE
    t TEXT;
BEGIN
    IF TG_OP = 'INSERT' AND current_setting('weiquan.held', true) = NEW.id::TEXT THEN
        RETURN NULL; -- its pairs came with its insert (store/held.go)
    END IF;
    IF TG_OP = 'DELETE' THEN
        DELETE FROM matter_pairs WHERE matter_id = OLD.id;
        RETURN NULL;
    END IF;
    IF TG_OP = 'UPDATE' AND (OLD.number, OLD.consumer_name, OLD.consumer_phone, OLD.merchant_name, OLD.facts)
        IS NOT DISTINCT FROM (NEW.number, NEW.consumer_name, NEW.consumer_phone, NEW.merchant_name, NEW.facts) THEN
        RETURN NULL;
    END IF;
    -- wq_pairs, written out so that its plan is kept
    t := lower(NEW.number || ' ' || NEW.consumer_name || ' ' || NEW.consumer_phone || ' ' || NEW.merchant_name || ' ' || NEW.facts);
    INSERT INTO matter_pairs SELECT NEW.id, COALESCE(array_agg(DISTINCT p), '{}')
        FROM (SELECT c || lead(c) OVER (ORDER BY i) AS p FROM string_to_table(t, NULL) WITH ORDINALITY AS u(c, i)) s
        WHERE p NOT LIKE '% %'
    ON CONFLICT (matter_id) DO UPDATE SET pairs = excluded.pairs;
    RETURN NULL;
END
$$;
