-- The unreachable-merchant procedure and the abnormal-operations list (issue 11; R-S7,
-- R-L35–R-L40): one row per procedure, its contact attempts, objections and clocks.
CREATE TABLE credit_listings (
    id                 INTEGER PRIMARY KEY,
    merchant_id        INTEGER NOT NULL REFERENCES merchants(id),
    status             TEXT NOT NULL,
    reason             TEXT NOT NULL,
    individual         BOOLEAN NOT NULL DEFAULT 0,
    cluster            BOOLEAN NOT NULL DEFAULT 0,
    custody_id         INTEGER REFERENCES merchants(id),
    opened_at          TIMESTAMP NOT NULL,
    referred_at        TIMESTAMP,
    decision_due       TIMESTAMP,
    listed_at          TIMESTAMP,
    decision_ref       TEXT NOT NULL DEFAULT '',
    objection_until    TIMESTAMP,
    removal_asked_at   TIMESTAMP,
    removal_ground     TEXT NOT NULL DEFAULT '',
    removal_due        TIMESTAMP,
    removed_at         TIMESTAMP,
    removal_ref        TEXT NOT NULL DEFAULT '',
    serious_at         TIMESTAMP,
    reminder_at        TIMESTAMP,
    reminder_published TIMESTAMP,
    missing_year       INTEGER NOT NULL DEFAULT 0,
    version            INTEGER NOT NULL DEFAULT 1,
    created_at         TIMESTAMP NOT NULL,
    updated_at         TIMESTAMP NOT NULL
);
CREATE INDEX credit_listings_merchant ON credit_listings(merchant_id);
CREATE INDEX credit_listings_status ON credit_listings(status, listed_at);
-- One procedure at a time per merchant.
CREATE UNIQUE INDEX credit_listings_active ON credit_listings(merchant_id) WHERE status NOT IN ('removed', 'closed');

CREATE TABLE credit_attempts (
    id         INTEGER PRIMARY KEY,
    listing_id INTEGER NOT NULL REFERENCES credit_listings(id),
    at         TIMESTAMP NOT NULL,
    method     TEXT NOT NULL,
    reached    BOOLEAN NOT NULL DEFAULT 0,
    note       TEXT NOT NULL,
    by_id      INTEGER REFERENCES users(id),
    by_name    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX credit_attempts_listing ON credit_attempts(listing_id, at);

CREATE TABLE credit_objections (
    id          INTEGER PRIMARY KEY,
    listing_id  INTEGER NOT NULL REFERENCES credit_listings(id),
    received_at TIMESTAMP NOT NULL,
    text        TEXT NOT NULL,
    decided_at  TIMESTAMP,
    upheld      BOOLEAN,
    decision    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX credit_objections_listing ON credit_objections(listing_id);

-- The procedure's clocks: the listing decision (10 WD), the removal decision (5 WD), the
-- public reminder (3 years − 60 days) and the serious-list proposal (3 years). Each kind
-- once per procedure; the scanner claims one with a conditional update, so it fires once.
CREATE TABLE credit_clocks (
    id         INTEGER PRIMARY KEY,
    listing_id INTEGER NOT NULL REFERENCES credit_listings(id),
    kind       TEXT NOT NULL,
    due_at     TIMESTAMP NOT NULL,
    fired_at   TIMESTAMP,
    closed_at  TIMESTAMP,
    UNIQUE (listing_id, kind)
);
CREATE INDEX credit_clocks_due ON credit_clocks(due_at) WHERE fired_at IS NULL AND closed_at IS NULL;

-- A cluster-registered shop's custody agreement (R-L39).
CREATE TABLE custody_agreements (
    merchant_id INTEGER PRIMARY KEY REFERENCES merchants(id),
    custody_id  INTEGER NOT NULL REFERENCES merchants(id),
    starts_on   TEXT NOT NULL,
    ends_on     TEXT NOT NULL DEFAULT '',
    updated_at  TIMESTAMP NOT NULL
);
CREATE INDEX custody_agreements_custody ON custody_agreements(custody_id);
