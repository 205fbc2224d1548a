-- The supervisor's board at province scale (issue 13). The board lists the running clocks of a scope, the
-- nearest due first, with their counts. It checked every running clock's matter for the scope (a hash
-- join over all matters: 220 ms for the county at 300,000 matters stored, seconds at 10 M where ≈ 540,000
-- clocks run). A clock now carries its matter's place — area path, area and station — kept by the trigger
-- below when the matter moves, so that the scope is read off the index entries:
--   deadlines_board      the running clocks in the board's order (unpaused first, nearest due first, no
--                        due time last), the place riding along: the page of a wide scope is the first
--                        entries that pass it, its counts bounded walks of the same index;
--   deadlines_board_area the running clocks by place: a town's or a station's counts and page are its
--                        range, whatever the rest of the office holds.
ALTER TABLE deadlines ADD COLUMN area_path TEXT NOT NULL DEFAULT '';
ALTER TABLE deadlines ADD COLUMN area_id BIGINT;
ALTER TABLE deadlines ADD COLUMN station_id BIGINT;
UPDATE deadlines d SET area_path = m.area_path, area_id = m.area_id, station_id = m.station_id
    FROM matters m WHERE m.id = d.matter_id;

CREATE FUNCTION deadlines_follow_matter() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE deadlines SET area_path = NEW.area_path, area_id = NEW.area_id, station_id = NEW.station_id
    WHERE matter_id = NEW.id;
    RETURN NULL;
END
$$;
CREATE TRIGGER deadlines_follow_matter AFTER UPDATE OF area_path, area_id, station_id ON matters
FOR EACH ROW WHEN (OLD.area_path IS DISTINCT FROM NEW.area_path OR OLD.area_id IS DISTINCT FROM NEW.area_id
    OR OLD.station_id IS DISTINCT FROM NEW.station_id)
EXECUTE FUNCTION deadlines_follow_matter();

-- "Paused" is an integer, not a boolean: PostgreSQL folds "(paused_at IS NOT NULL) = false" into "paused_at
-- IS NULL", which no longer matches the index's expression (the counts then read every running clock's row).
-- paused_at rides along so that the board's statements are index-only scans.
CREATE INDEX deadlines_board ON deadlines(((paused_at IS NOT NULL)::INTEGER), due_at NULLS LAST, id)
    INCLUDE (kind, area_path, area_id, station_id, paused_at) WHERE met_at IS NULL AND cancelled_at IS NULL;
CREATE INDEX deadlines_board_area ON deadlines(area_path, ((paused_at IS NOT NULL)::INTEGER), due_at NULLS LAST)
    INCLUDE (kind, station_id, area_id, paused_at) WHERE met_at IS NULL AND cancelled_at IS NULL;
