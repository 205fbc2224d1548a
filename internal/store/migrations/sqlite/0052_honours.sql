-- Honour rolls (issue 11, R-S8): 消费维权示范店 and 文明诚信经营户, each for a period and
-- decided by a document; revocation proposed when substantiated complaints cross a threshold.
CREATE TABLE honours (
    id            INTEGER PRIMARY KEY,
    merchant_id   INTEGER NOT NULL REFERENCES merchants(id),
    title         TEXT NOT NULL,
    criteria      TEXT NOT NULL,
    period_from   TEXT NOT NULL,
    period_to     TEXT NOT NULL,
    document_ref  TEXT NOT NULL,
    status        TEXT NOT NULL,
    granted_at    TIMESTAMP NOT NULL,
    substantiated INTEGER NOT NULL DEFAULT 0,
    kept_at       INTEGER NOT NULL DEFAULT 0,
    proposed_at   TIMESTAMP,
    revoked_at    TIMESTAMP,
    revoke_ref    TEXT NOT NULL DEFAULT '',
    note          TEXT NOT NULL DEFAULT '',
    updated_at    TIMESTAMP NOT NULL
);
CREATE INDEX honours_merchant ON honours(merchant_id);
CREATE INDEX honours_status ON honours(status, period_to);
