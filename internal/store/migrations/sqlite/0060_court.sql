-- The court-linked centre and the other departments (issue 10): disputes the court delegates
-- for pre-filing mediation (R-L33) with their extensions and appraisals, applications for
-- judicial confirmation (R-L30–R-L32), transfers to filing (转立案), what the referrals of
-- issue 9 need to run as a workflow (R-L12, R-L13, C7), joint meetings with their decisions,
-- and the Order-20 notice to a real-name reporter (R-L44). Queried and constrained columns
-- stand alone; the rest of each record is its JSON in data.

CREATE TABLE court_delegations (
    id               INTEGER PRIMARY KEY,
    matter_id        INTEGER NOT NULL UNIQUE REFERENCES matters(id),
    court_station_id INTEGER REFERENCES stations(id),
    court_name       TEXT NOT NULL,
    court_ref        TEXT NOT NULL DEFAULT '',
    judge_name       TEXT NOT NULL DEFAULT '',
    judge_id         INTEGER REFERENCES users(id),
    stage            TEXT NOT NULL,
    delegated_on     TEXT NOT NULL,
    accept_due       TEXT NOT NULL,
    decision         TEXT NOT NULL DEFAULT '',
    decided_on       TEXT NOT NULL DEFAULT '',
    late             BOOLEAN NOT NULL DEFAULT FALSE,
    confirmed_on     TEXT NOT NULL DEFAULT '',
    result           TEXT NOT NULL DEFAULT '',
    result_at        TIMESTAMP,
    result_doc_id    INTEGER,
    case_number      TEXT NOT NULL DEFAULT '',
    data             TEXT NOT NULL,
    created_at       TIMESTAMP NOT NULL,
    created_by       INTEGER REFERENCES users(id)
);
CREATE INDEX court_delegations_court ON court_delegations(court_station_id);

CREATE TABLE court_extensions (
    id            INTEGER PRIMARY KEY,
    delegation_id INTEGER NOT NULL REFERENCES court_delegations(id),
    days          INTEGER NOT NULL,
    consents      TEXT NOT NULL,
    reason        TEXT NOT NULL DEFAULT '',
    recorded_at   TIMESTAMP NOT NULL,
    recorded_by   INTEGER REFERENCES users(id)
);
CREATE INDEX court_extensions_delegation ON court_extensions(delegation_id);

CREATE TABLE court_appraisals (
    id            INTEGER PRIMARY KEY,
    delegation_id INTEGER NOT NULL REFERENCES court_delegations(id),
    from_on       TEXT NOT NULL,
    to_on         TEXT NOT NULL DEFAULT '',
    what          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX court_appraisals_delegation ON court_appraisals(delegation_id);

CREATE TABLE confirmations (
    id               INTEGER PRIMARY KEY,
    matter_id        INTEGER NOT NULL UNIQUE REFERENCES matters(id),
    agreement_id     INTEGER NOT NULL REFERENCES agreements(id),
    court_station_id INTEGER REFERENCES stations(id),
    court_name       TEXT NOT NULL,
    basis            TEXT NOT NULL,
    effective_on     TEXT NOT NULL,
    apply_due        TEXT NOT NULL,
    filed_on         TEXT NOT NULL DEFAULT '',
    package_doc_id   INTEGER,
    package_sha256   TEXT NOT NULL DEFAULT '',
    zip              BLOB,
    zip_sha256       TEXT NOT NULL DEFAULT '',
    outcome          TEXT NOT NULL DEFAULT '',
    ruled_on         TEXT NOT NULL DEFAULT '',
    received_on      TEXT NOT NULL DEFAULT '',
    objection_due    TEXT NOT NULL DEFAULT '',
    enforcement_due  TEXT NOT NULL DEFAULT '',
    data             TEXT NOT NULL,
    created_at       TIMESTAMP NOT NULL,
    created_by       INTEGER REFERENCES users(id)
);
CREATE INDEX confirmations_court ON confirmations(court_station_id);

CREATE TABLE filing_transfers (
    id               INTEGER PRIMARY KEY,
    matter_id        INTEGER NOT NULL UNIQUE REFERENCES matters(id),
    court_station_id INTEGER REFERENCES stations(id),
    court_name       TEXT NOT NULL,
    zip              BLOB NOT NULL,
    zip_sha256       TEXT NOT NULL,
    index_json       TEXT NOT NULL,
    case_number      TEXT NOT NULL DEFAULT '',
    numbered_at      TIMESTAMP,
    created_at       TIMESTAMP NOT NULL,
    created_by       INTEGER REFERENCES users(id)
);

-- The referral workflow beyond issue 9's record: which unit of ours asked, the answer's
-- state, an incoming referral's matter, and returns to the intake unit (R-L13).
CREATE TABLE referral_flow (
    referral_id   INTEGER PRIMARY KEY REFERENCES referrals(id),
    matter_id     INTEGER NOT NULL REFERENCES matters(id),
    open          BOOLEAN NOT NULL DEFAULT TRUE,
    due_date      TEXT NOT NULL DEFAULT '',
    answered_at   TIMESTAMP,
    answered_by   INTEGER REFERENCES users(id)
);
CREATE INDEX referral_flow_open ON referral_flow(matter_id, open);

CREATE TABLE joint_meetings (
    id          INTEGER PRIMARY KEY,
    area_id     INTEGER REFERENCES areas(id),
    held_on     TEXT NOT NULL,
    title       TEXT NOT NULL,
    data        TEXT NOT NULL,
    created_at  TIMESTAMP NOT NULL,
    created_by  INTEGER REFERENCES users(id)
);

CREATE TABLE meeting_decisions (
    id          INTEGER PRIMARY KEY,
    meeting_id  INTEGER NOT NULL REFERENCES joint_meetings(id),
    matter_id   INTEGER REFERENCES matters(id),
    text        TEXT NOT NULL,
    owner       TEXT NOT NULL,
    due_on      TEXT NOT NULL,
    done_at     TIMESTAMP,
    done_note   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX meeting_decisions_meeting ON meeting_decisions(meeting_id);
CREATE INDEX meeting_decisions_matter ON meeting_decisions(matter_id);

-- R-L44: the notice to a real-name reporter of the filing decision, within 5 working days.
CREATE TABLE reporter_notices (
    matter_id   INTEGER PRIMARY KEY REFERENCES matters(id),
    sent_at     TIMESTAMP NOT NULL,
    message_id  INTEGER REFERENCES messages(id),
    sent_by     INTEGER REFERENCES users(id)
);
