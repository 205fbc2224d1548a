-- The staff workbench: full-text search over matters and files attached to them.

-- Search over case number, consumer name and phone, merchant and facts. The
-- trigram tokenizer finds any substring of 3 or more characters; shorter
-- queries (most Chinese words are two characters) fall back to LIKE.
CREATE VIRTUAL TABLE matters_fts USING fts5(
    number, consumer_name, consumer_phone, merchant_name, facts,
    content = 'matters', content_rowid = 'id', tokenize = 'trigram'
);
CREATE TRIGGER matters_fts_insert AFTER INSERT ON matters BEGIN
    INSERT INTO matters_fts (rowid, number, consumer_name, consumer_phone, merchant_name, facts)
    VALUES (new.id, new.number, new.consumer_name, new.consumer_phone, new.merchant_name, new.facts);
END;
CREATE TRIGGER matters_fts_delete AFTER DELETE ON matters BEGIN
    INSERT INTO matters_fts (matters_fts, rowid, number, consumer_name, consumer_phone, merchant_name, facts)
    VALUES ('delete', old.id, old.number, old.consumer_name, old.consumer_phone, old.merchant_name, old.facts);
END;
CREATE TRIGGER matters_fts_update AFTER UPDATE ON matters
WHEN old.number IS NOT new.number OR old.consumer_name IS NOT new.consumer_name
  OR old.consumer_phone IS NOT new.consumer_phone OR old.merchant_name IS NOT new.merchant_name
  OR old.facts IS NOT new.facts
BEGIN
    INSERT INTO matters_fts (matters_fts, rowid, number, consumer_name, consumer_phone, merchant_name, facts)
    VALUES ('delete', old.id, old.number, old.consumer_name, old.consumer_phone, old.merchant_name, old.facts);
    INSERT INTO matters_fts (rowid, number, consumer_name, consumer_phone, merchant_name, facts)
    VALUES (new.id, new.number, new.consumer_name, new.consumer_phone, new.merchant_name, new.facts);
END;
INSERT INTO matters_fts (matters_fts) VALUES ('rebuild');

-- Files attached to a matter (a photo of a receipt, a contract): the bytes live
-- in the database so every instance sees them and a backup holds them.
CREATE TABLE attachments (
    id           INTEGER PRIMARY KEY,
    matter_id    INTEGER NOT NULL REFERENCES matters(id),
    name         TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size         INTEGER NOT NULL,
    sha256       TEXT NOT NULL,
    data         BLOB NOT NULL,
    uploaded_by  INTEGER REFERENCES users(id),
    created_at   TIMESTAMP NOT NULL
);
CREATE INDEX attachments_matter ON attachments(matter_id, id);
