-- Collective cases (issue 11, SPEC C8): matters that are one dispute brought by many
-- consumers against one merchant. Detection at intake proposes a case; a supervisor
-- confirms or rejects it. Members are the matters; a member may be elected a
-- representative (at most two, R-L5) and each member's consent is recorded.
CREATE TABLE collective_cases (
    id            INTEGER PRIMARY KEY,
    status        TEXT NOT NULL,             -- proposed | confirmed | rejected
    merchant_id   INTEGER REFERENCES merchants(id),
    merchant_name TEXT NOT NULL,
    merchant_key  TEXT NOT NULL,
    subcategory   TEXT NOT NULL DEFAULT '',
    title         TEXT NOT NULL DEFAULT '',
    evidence      TEXT NOT NULL DEFAULT '{}', -- what detection saw: links, similarities, shared terms
    area_path     TEXT NOT NULL DEFAULT '',   -- the first matter's area: whose supervisors decide
    proposed_at   TIMESTAMP NOT NULL,
    decided_at    TIMESTAMP,
    decided_by    INTEGER REFERENCES users(id),
    decision_note TEXT NOT NULL DEFAULT '',
    created_at    TIMESTAMP NOT NULL,
    updated_at    TIMESTAMP NOT NULL
);
CREATE INDEX collective_cases_status ON collective_cases(status, proposed_at);
CREATE INDEX collective_cases_merchant ON collective_cases(merchant_key);

CREATE TABLE collective_members (
    case_id        INTEGER NOT NULL REFERENCES collective_cases(id),
    matter_id      INTEGER NOT NULL REFERENCES matters(id),
    similarity     DOUBLE PRECISION NOT NULL DEFAULT 0,
    representative BOOLEAN NOT NULL DEFAULT 0,
    election_ref   TEXT NOT NULL DEFAULT '',  -- the written election of a representative (R-L5)
    consent_at     TIMESTAMP,                       -- the member's consent to the joint complaint (R-L5)
    consent_ref    TEXT NOT NULL DEFAULT '',
    added_at       TIMESTAMP NOT NULL,
    PRIMARY KEY (case_id, matter_id)
);
CREATE INDEX collective_members_matter ON collective_members(matter_id);
-- Detection at intake looks up a merchant named only by its name.
CREATE INDEX matters_merchant_name ON matters(merchant_name, received_at) WHERE merchant_id IS NULL;
-- The suspicious-claimant flags (R-L9) look complaints up by address and ID number.
CREATE INDEX matters_address ON matters(consumer_address);
CREATE INDEX matters_id_number ON matters(consumer_id_number);
