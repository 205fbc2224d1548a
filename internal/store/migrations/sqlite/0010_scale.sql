-- National scale (issue 13): the hot queries answer from an index whatever the number of matters stored.

-- The work queue: open matters, nearest deadline first (NULLS LAST spelt as "due_at IS NULL" first,
-- which an index can hold), newest first among equals; area_path and area_id ride along so the viewer's
-- scope is checked on the index entry and only the rows of the page are read.
CREATE INDEX matters_open_due ON matters(due_at IS NULL, due_at, received_at DESC, id DESC, area_path, area_id)
    WHERE state <> 'closed';

-- Matters with no area (the other half of a root-area scope, and the report's "no area" list).
CREATE INDEX matters_unplaced ON matters(received_at) WHERE area_id IS NULL;

-- Two-character words: the trigram index cannot find them. Every pair of adjacent letters or digits of
-- the searched fields, lowercased, is a token of this contentless index (wq_bigrams is registered by the
-- store in Go); a search for "牛奶" reads the rowids of one token instead of LIKE over every row.
CREATE VIRTUAL TABLE matters_bigram USING fts5(grams, content='', contentless_delete=1, detail=none,
    tokenize='unicode61 remove_diacritics 0');
CREATE TRIGGER matters_bigram_insert AFTER INSERT ON matters BEGIN
    INSERT INTO matters_bigram (rowid, grams)
    VALUES (new.id, wq_bigrams(new.number, new.consumer_name, new.consumer_phone, new.merchant_name, new.facts));
END;
CREATE TRIGGER matters_bigram_delete AFTER DELETE ON matters BEGIN
    DELETE FROM matters_bigram WHERE rowid = old.id;
END;
CREATE TRIGGER matters_bigram_update AFTER UPDATE OF number, consumer_name, consumer_phone, merchant_name, facts ON matters
WHEN old.number IS NOT new.number OR old.consumer_name IS NOT new.consumer_name OR old.consumer_phone IS NOT new.consumer_phone
    OR old.merchant_name IS NOT new.merchant_name OR old.facts IS NOT new.facts
BEGIN
    DELETE FROM matters_bigram WHERE rowid = old.id;
    INSERT INTO matters_bigram (rowid, grams)
    VALUES (new.id, wq_bigrams(new.number, new.consumer_name, new.consumer_phone, new.merchant_name, new.facts));
END;
INSERT INTO matters_bigram (rowid, grams)
SELECT id, wq_bigrams(number, consumer_name, consumer_phone, merchant_name, facts) FROM matters;
