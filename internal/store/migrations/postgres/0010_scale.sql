-- National scale (issue 13): the hot queries answer from an index whatever the number of matters stored.

-- The work queue: open matters, nearest deadline first, newest first among equals; the scope's columns
-- are included so it is checked on the index entry.
CREATE INDEX matters_open_due ON matters(due_at ASC NULLS LAST, received_at DESC, id DESC)
    INCLUDE (area_path, area_id) WHERE state <> 'closed';

-- Matters with no area (the other half of a root-area scope, and the report's "no area" list).
CREATE INDEX matters_unplaced ON matters(received_at) WHERE area_id IS NULL;

-- Two-character words: pg_trgm answers them by rechecking every row. The distinct pairs of adjacent
-- characters of the searched fields, lowercased, without spaces, in a GIN index of arrays.
CREATE FUNCTION wq_bigrams(t TEXT) RETURNS TEXT[] LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
    SELECT COALESCE(array_agg(DISTINCT g), '{}') FROM (
        SELECT substr(lower(t), i, 2) AS g FROM generate_series(1, char_length(t) - 1) AS i
    ) s WHERE position(' ' IN g) = 0
$$;
CREATE INDEX matters_bigram ON matters USING gin
    (wq_bigrams(number || ' ' || consumer_name || ' ' || consumer_phone || ' ' || merchant_name || ' ' || facts));
