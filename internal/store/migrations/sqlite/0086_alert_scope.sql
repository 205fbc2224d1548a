-- The staff's alerts at province scale (issue 13). Every staff page counts the unread alerts of its user's
-- scope (the badge) and the alerts page lists the scope's alerts newest first with their total. Both read
-- `o.matter_id IN (SELECT id FROM matters WHERE <scope>)`: the list of every matter of a town or of the
-- county, built at each page, and a count of every alert stored. An alert now carries its matter's place —
-- area path and area — written with it and kept by the trigger below when the matter moves (an alert with
-- no matter has none: area path '', no area), so that the scope is read off the alert itself:
--   outbox_place        the alerts by place: a town's or a village's alerts are a range, counted up to the
--                       bound and, when few, sorted for the page;
--   outbox_unread       the unread alerts newest first, the place riding along: the unread page of a wide
--                       scope is the first entries that pass it, its count a bounded walk;
--   outbox_unread_place the unread alerts by place: a town's badge is its range;
--   outbox_user         the alerts addressed to someone, by whom: always theirs, whatever their scope;
--   outbox_unread_kind  the unread alerts by kind: whether a standing condition was already announced
--                       (UnreadAlertExists, which scanned the whole outbox) reads the few unread alerts of its
--                       kind and compares their payloads. Not the payload itself: it may hold a note or an
--                       error of any length, and PostgreSQL refuses an index entry over ~2.7 KB — the alert,
--                       and the command that writes it, would fail.
ALTER TABLE outbox ADD COLUMN area_path TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN area_id INTEGER;
UPDATE outbox SET area_path = COALESCE((SELECT m.area_path FROM matters m WHERE m.id = outbox.matter_id), ''),
    area_id = (SELECT m.area_id FROM matters m WHERE m.id = outbox.matter_id)
WHERE matter_id IS NOT NULL;

CREATE TRIGGER outbox_follow_matter AFTER UPDATE OF area_path, area_id ON matters
WHEN OLD.area_path IS NOT NEW.area_path OR OLD.area_id IS NOT NEW.area_id
BEGIN
    UPDATE outbox SET area_path = NEW.area_path, area_id = NEW.area_id WHERE matter_id = NEW.id;
END;

-- (read_at, NULL in every entry of the partial indexes, rides along so that SQLite counts them as covering
-- the statements, which must name the index's condition.)
CREATE INDEX outbox_place ON outbox(area_path, id);
CREATE INDEX outbox_unread ON outbox(id, area_path, area_id, user_id, read_at) WHERE read_at IS NULL;
CREATE INDEX outbox_unread_place ON outbox(area_path, id, read_at) WHERE read_at IS NULL;
CREATE INDEX outbox_user ON outbox(user_id, id, area_path, read_at) WHERE user_id IS NOT NULL;
CREATE INDEX outbox_unread_kind ON outbox(kind, read_at) WHERE read_at IS NULL;
