-- The outbox's delivery (issue 14): a worker claims a due message for a while (claimed_until)
-- so only one instance sends it; after the lease a crashed sender's message is due again.
ALTER TABLE messages ADD COLUMN claimed_until TIMESTAMP;

-- API keys serve one purpose each: Open311 clients, or the 12345 centre's work orders.
ALTER TABLE api_keys ADD COLUMN scope TEXT NOT NULL DEFAULT 'open311';

-- 12345 work orders (R-L27): the centre's own number and states, a view of the matter.
CREATE TABLE work_orders (
    id            INTEGER PRIMARY KEY,
    order_no      TEXT NOT NULL UNIQUE,
    matter_id     INTEGER NOT NULL REFERENCES matters(id),
    state         TEXT NOT NULL,
    prev_state    TEXT NOT NULL DEFAULT '',
    designated    BOOLEAN NOT NULL DEFAULT FALSE,
    rating        TEXT NOT NULL DEFAULT '',
    score         INTEGER,
    callback_note TEXT NOT NULL DEFAULT '',
    title         TEXT NOT NULL DEFAULT '',
    centre_due_at TIMESTAMP,
    dispatched_at TIMESTAMP NOT NULL,
    updated_at    TIMESTAMP NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX work_orders_matter ON work_orders(matter_id);
CREATE INDEX work_orders_dispatched ON work_orders(dispatched_at);
