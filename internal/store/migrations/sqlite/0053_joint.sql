-- Joint agreements (issue 11, R-L5): one agreement a representative signs for the members of
-- a collective case, each member's share becoming that member's own mediation agreement.
CREATE TABLE joint_agreements (
    id                INTEGER PRIMARY KEY,
    case_id           INTEGER NOT NULL REFERENCES collective_cases(id),
    terms             TEXT NOT NULL,
    representative_id INTEGER NOT NULL REFERENCES matters(id), -- the representative member who signed
    total             INTEGER NOT NULL,                        -- the sum of the shares, in fen
    created_by        INTEGER REFERENCES users(id),
    created_at        TIMESTAMP NOT NULL
);
CREATE INDEX joint_agreements_case ON joint_agreements(case_id);

CREATE TABLE joint_shares (
    joint_id     INTEGER NOT NULL REFERENCES joint_agreements(id),
    matter_id    INTEGER NOT NULL REFERENCES matters(id),
    agreement_id INTEGER NOT NULL REFERENCES agreements(id),   -- the member's own agreement
    amount       INTEGER NOT NULL,                             -- in fen
    PRIMARY KEY (joint_id, matter_id)
);
