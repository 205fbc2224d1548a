-- A ledger import feeds the search tables once, for all its rows, instead of row by row (issue 13): FTS5
-- writes its pending rows out as a new segment at every statement, and merging those segments was 70 % of
-- a million-row import. While search_deferred holds a row — only inside an import's transaction, which
-- empties it again before it ends (ImportWriter.Finish) — an INSERT into matters leaves matters_fts and
-- matters_bigram alone; Finish then inserts the import's new id range into both with one statement each,
-- the same values these triggers write. Updates and deletes are never deferred (an import only inserts).
CREATE TABLE search_deferred (import_id INTEGER PRIMARY KEY);

DROP TRIGGER matters_fts_insert;
CREATE TRIGGER matters_fts_insert AFTER INSERT ON matters WHEN NOT EXISTS (SELECT 1 FROM search_deferred) BEGIN
    INSERT INTO matters_fts (rowid, number, consumer_name, consumer_phone, merchant_name, facts)
    VALUES (new.id, new.number, new.consumer_name, new.consumer_phone, new.merchant_name, new.facts);
END;

DROP TRIGGER matters_bigram_insert;
CREATE TRIGGER matters_bigram_insert AFTER INSERT ON matters WHEN NOT EXISTS (SELECT 1 FROM search_deferred) BEGIN
    INSERT INTO matters_bigram (rowid, grams)
    VALUES (new.id, wq_bigrams(new.number, new.consumer_name, new.consumer_phone, new.merchant_name, new.facts));
END;
