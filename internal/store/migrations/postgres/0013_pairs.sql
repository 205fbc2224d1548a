-- Two-character words on PostgreSQL (issue 13): pg_trgm cannot find them, so a word found nowhere made
-- the search read every matter (3.5 s at a million). Each matter's distinct pairs of adjacent characters
-- of the searched text, lowercased as ILIKE compares, are kept in their own row here, written by a
-- trigger in the transaction of the change; a plain GIN index over the array answers "which matters hold
-- this pair". A search uses it only for a word its newest-first walk finds rarely (store.searchMatters),
-- and rechecks every row it finds with ILIKE, so the pairs need only hold at least what ILIKE finds.
-- (0010 explains why an expression index over the same function was not used.)
CREATE TABLE matter_pairs (
    matter_id BIGINT PRIMARY KEY,
    pairs     TEXT[] NOT NULL
);

-- The distinct pairs of t; pairs across the spaces that join the fields are left out (a word has none).
CREATE FUNCTION wq_pairs(t TEXT) RETURNS TEXT[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT COALESCE(array_agg(DISTINCT p), '{}') FROM (SELECT substr(t, i, 2) AS p FROM generate_series(1, length(t) - 1) AS i) s
    WHERE p NOT LIKE '% %'
$$;

CREATE FUNCTION matter_pairs_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        DELETE FROM matter_pairs WHERE matter_id = OLD.id;
        RETURN NULL;
    END IF;
    IF TG_OP = 'UPDATE' AND (OLD.number, OLD.consumer_name, OLD.consumer_phone, OLD.merchant_name, OLD.facts)
        IS NOT DISTINCT FROM (NEW.number, NEW.consumer_name, NEW.consumer_phone, NEW.merchant_name, NEW.facts) THEN
        RETURN NULL;
    END IF;
    INSERT INTO matter_pairs VALUES (NEW.id, wq_pairs(lower(NEW.number || ' ' || NEW.consumer_name || ' ' ||
        NEW.consumer_phone || ' ' || NEW.merchant_name || ' ' || NEW.facts)))
    ON CONFLICT (matter_id) DO UPDATE SET pairs = excluded.pairs;
    RETURN NULL;
END
$$;

CREATE TRIGGER matter_pairs AFTER INSERT OR UPDATE OR DELETE ON matters
    FOR EACH ROW EXECUTE FUNCTION matter_pairs_trigger();

INSERT INTO matter_pairs
SELECT id, wq_pairs(lower(number || ' ' || consumer_name || ' ' || consumer_phone || ' ' || merchant_name || ' ' || facts))
FROM matters;

CREATE INDEX matter_pairs_gin ON matter_pairs USING gin (pairs);
