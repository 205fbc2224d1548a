-- The search tables are fed once a transaction instead of once a statement (issue 13). FTS5 writes what
-- it holds in memory out as a new segment whenever a statement opens a savepoint, so an intake wrote one
-- segment for its one matter (the next statement flushed it) and FTS5 then spent its time merging them:
-- 19 % of the single writer's time at 16 clients. A new matter's id now waits in search_pending; before
-- every commit the store (feedSearch) inserts the pending matters, with the values they have by then, into
-- matters_fts and matters_bigram with one statement each and empties the table, so a group-commit batch or
-- a ledger import writes one segment. search_pending is never committed non-empty, except by a writer that
-- does not go through the store; the store feeds such leftovers when it opens.
-- This replaces migration 0074's search_deferred, which did the same for imports only.
DROP TRIGGER matters_fts_insert;
DROP TRIGGER matters_bigram_insert;
DROP TRIGGER matters_fts_update;
DROP TRIGGER matters_bigram_update;
DROP TRIGGER matters_fts_delete;
DROP TRIGGER matters_bigram_delete;
DROP TABLE search_deferred;

CREATE TABLE search_pending (id INTEGER PRIMARY KEY);

CREATE TRIGGER matters_fts_insert AFTER INSERT ON matters BEGIN
    INSERT INTO search_pending (id) VALUES (new.id);
END;

-- A pending matter is indexed at the end of its transaction with its values then: an update leaves it be.
-- One trigger for both tables, so the order in which SQLite fires triggers cannot matter.
CREATE TRIGGER matters_fts_update AFTER UPDATE OF number, consumer_name, consumer_phone, merchant_name, facts ON matters
WHEN (old.number IS NOT new.number OR old.consumer_name IS NOT new.consumer_name OR old.consumer_phone IS NOT new.consumer_phone
    OR old.merchant_name IS NOT new.merchant_name OR old.facts IS NOT new.facts)
    AND NOT EXISTS (SELECT 1 FROM search_pending WHERE id = old.id)
BEGIN
    INSERT INTO matters_fts (matters_fts, rowid, number, consumer_name, consumer_phone, merchant_name, facts)
    VALUES ('delete', old.id, old.number, old.consumer_name, old.consumer_phone, old.merchant_name, old.facts);
    INSERT INTO matters_fts (rowid, number, consumer_name, consumer_phone, merchant_name, facts)
    VALUES (new.id, new.number, new.consumer_name, new.consumer_phone, new.merchant_name, new.facts);
    DELETE FROM matters_bigram WHERE rowid = old.id;
    INSERT INTO matters_bigram (rowid, grams)
    VALUES (new.id, wq_bigrams(new.number, new.consumer_name, new.consumer_phone, new.merchant_name, new.facts));
END;

-- A deleted matter leaves the search tables, or the pending list if it never reached them.
CREATE TRIGGER matters_fts_delete AFTER DELETE ON matters BEGIN
    INSERT INTO matters_fts (matters_fts, rowid, number, consumer_name, consumer_phone, merchant_name, facts)
    SELECT 'delete', old.id, old.number, old.consumer_name, old.consumer_phone, old.merchant_name, old.facts
    WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE id = old.id);
    DELETE FROM matters_bigram WHERE rowid = old.id AND NOT EXISTS (SELECT 1 FROM search_pending WHERE id = old.id);
    DELETE FROM search_pending WHERE id = old.id;
END;
