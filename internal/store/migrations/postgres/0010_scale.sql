-- National scale (issue 13): the hot queries answer from an index whatever the number of matters stored.

-- The work queue: open matters, nearest deadline first, newest first among equals; the scope's columns
-- are included so it is checked on the index entry.
CREATE INDEX matters_open_due ON matters(due_at ASC NULLS LAST, received_at DESC, id DESC)
    INCLUDE (area_path, area_id) WHERE state <> 'closed';

-- Matters with no area (the other half of a root-area scope, and the report's "no area" list).
CREATE INDEX matters_unplaced ON matters(received_at) WHERE area_id IS NULL;

-- Two-character words: no index here. An expression GIN index over the pairs of the whole text was tried
-- (wq_bigrams(…) @> ARRAY[…]); the planner then evaluated the function on every row, as a filter or as the
-- recheck of a lossy bitmap — minutes for a common pair. Searches walk the primary key newest first with
-- ILIKE instead (store.searchDriver).
