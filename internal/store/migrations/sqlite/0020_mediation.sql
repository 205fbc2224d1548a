-- Mediation to the end (issue 9): agents (R-L4), consent and delegation (R-L14), sessions and
-- their notices (R-L15), mediators' declarations and recusals (R-L16), referrals (R-L10), the
-- agreement with its amounts by kind (R-S6), signatures (R-L34), fulfilment, issued documents
-- (R-L7, R-L19–R-L21), the merchant's answer online and callbacks (R-L23). Each row keeps the
-- columns that are queried or constrained; the rest of the record is its JSON in data.

CREATE TABLE matter_agents (
    id          INTEGER PRIMARY KEY,
    matter_id   INTEGER NOT NULL UNIQUE REFERENCES matters(id),
    name        TEXT NOT NULL,
    id_type     TEXT NOT NULL,
    id_number   TEXT NOT NULL,
    authority   TEXT NOT NULL,
    data        TEXT NOT NULL,
    created_by  INTEGER REFERENCES users(id),
    created_at  TIMESTAMP NOT NULL
);

CREATE TABLE consent_challenges (
    id          INTEGER PRIMARY KEY,
    matter_id   INTEGER NOT NULL REFERENCES matters(id),
    side        TEXT NOT NULL,
    purpose     TEXT NOT NULL,
    kind        TEXT NOT NULL,
    salt        TEXT NOT NULL,
    hash        TEXT NOT NULL,
    created_at  TIMESTAMP NOT NULL,
    expires_at  TIMESTAMP NOT NULL,
    attempts    INTEGER NOT NULL DEFAULT 0,
    used_at     TIMESTAMP
);
CREATE INDEX consent_challenges_matter ON consent_challenges(matter_id);

CREATE TABLE consents (
    id            INTEGER PRIMARY KEY,
    matter_id     INTEGER NOT NULL REFERENCES matters(id),
    side          TEXT NOT NULL,
    purpose       TEXT NOT NULL,
    method        TEXT NOT NULL,
    given_at      TIMESTAMP NOT NULL,
    attachment_id INTEGER REFERENCES attachments(id),
    operator_id   INTEGER REFERENCES users(id),
    said          TEXT NOT NULL DEFAULT '',
    challenge_id  INTEGER REFERENCES consent_challenges(id),
    recorded_by   INTEGER REFERENCES users(id),
    UNIQUE (matter_id, side, purpose)
);

CREATE TABLE delegations (
    id           INTEGER PRIMARY KEY,
    matter_id    INTEGER NOT NULL UNIQUE REFERENCES matters(id),
    kind         TEXT NOT NULL,
    delegate     TEXT NOT NULL,
    delegated_at TIMESTAMP NOT NULL,
    delegated_by INTEGER REFERENCES users(id)
);

CREATE TABLE mediation_sessions (
    id           INTEGER PRIMARY KEY,
    matter_id    INTEGER NOT NULL REFERENCES matters(id),
    at           TIMESTAMP NOT NULL,
    mode         TEXT NOT NULL,
    place        TEXT NOT NULL DEFAULT '',
    meeting_link TEXT NOT NULL DEFAULT '',
    mediators    TEXT NOT NULL,
    held_at      TIMESTAMP,
    minutes      TEXT NOT NULL DEFAULT '',
    present      TEXT NOT NULL DEFAULT '',
    created_by   INTEGER REFERENCES users(id),
    created_at   TIMESTAMP NOT NULL
);
CREATE INDEX mediation_sessions_matter ON mediation_sessions(matter_id, at);

CREATE TABLE session_notices (
    id         INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES mediation_sessions(id),
    side       TEXT NOT NULL,
    channel    TEXT NOT NULL,
    sent_at    TIMESTAMP NOT NULL,
    body       TEXT NOT NULL,
    message_id INTEGER REFERENCES messages(id)
);
CREATE INDEX session_notices_session ON session_notices(session_id);

CREATE TABLE mediator_declarations (
    id          INTEGER PRIMARY KEY,
    matter_id   INTEGER NOT NULL REFERENCES matters(id),
    mediator_id INTEGER NOT NULL REFERENCES users(id),
    relation    TEXT NOT NULL,
    detail      TEXT NOT NULL DEFAULT '',
    declared_at TIMESTAMP NOT NULL
);
CREATE INDEX mediator_declarations_matter ON mediator_declarations(matter_id);

CREATE TABLE recusals (
    id          INTEGER PRIMARY KEY,
    matter_id   INTEGER NOT NULL REFERENCES matters(id),
    side        TEXT NOT NULL,
    mediator_id INTEGER NOT NULL REFERENCES users(id),
    grounds     TEXT NOT NULL,
    applied_at  TIMESTAMP NOT NULL,
    decided_at  TIMESTAMP,
    upheld      BOOLEAN NOT NULL DEFAULT FALSE,
    decision    TEXT NOT NULL DEFAULT '',
    decided_by  INTEGER REFERENCES users(id)
);
CREATE INDEX recusals_matter ON recusals(matter_id);

CREATE TABLE referrals (
    id              INTEGER PRIMARY KEY,
    matter_id       INTEGER NOT NULL REFERENCES matters(id),
    direction       TEXT NOT NULL,
    department      TEXT NOT NULL,
    department_name TEXT NOT NULL,
    referred_at     TIMESTAMP NOT NULL,
    due_date        TEXT NOT NULL DEFAULT '',
    answered_at     TIMESTAMP,
    data            TEXT NOT NULL
);
CREATE INDEX referrals_matter ON referrals(matter_id);

CREATE TABLE agreements (
    id                INTEGER PRIMARY KEY,
    matter_id         INTEGER NOT NULL UNIQUE REFERENCES matters(id),
    terms             TEXT NOT NULL,
    recovered         INTEGER NOT NULL,
    agreed_at         TIMESTAMP NOT NULL,
    mode              TEXT NOT NULL,
    performed_on_spot BOOLEAN NOT NULL,
    due_date          TEXT NOT NULL DEFAULT '',
    waive_document    BOOLEAN NOT NULL DEFAULT FALSE,
    online            BOOLEAN NOT NULL DEFAULT FALSE,
    presided          TEXT NOT NULL DEFAULT '',
    answer_id         INTEGER,
    created_by        INTEGER REFERENCES users(id)
);

CREATE TABLE agreement_amounts (
    id           INTEGER PRIMARY KEY,
    agreement_id INTEGER NOT NULL REFERENCES agreements(id),
    kind         TEXT NOT NULL,
    amount       INTEGER NOT NULL,
    note         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX agreement_amounts_agreement ON agreement_amounts(agreement_id);

CREATE TABLE signatures (
    id            INTEGER PRIMARY KEY,
    agreement_id  INTEGER NOT NULL REFERENCES agreements(id),
    side          TEXT NOT NULL,
    signer_name   TEXT NOT NULL,
    by_agent      BOOLEAN NOT NULL DEFAULT FALSE,
    method        TEXT NOT NULL,
    image         BLOB,
    image_sha256  TEXT NOT NULL DEFAULT '',
    attachment_id INTEGER REFERENCES attachments(id),
    signed_at     TIMESTAMP NOT NULL,
    UNIQUE (agreement_id, side)
);

CREATE TABLE fulfilments (
    agreement_id INTEGER PRIMARY KEY REFERENCES agreements(id),
    status       TEXT NOT NULL,
    at           TIMESTAMP NOT NULL,
    paid         INTEGER NOT NULL,
    note         TEXT NOT NULL DEFAULT '',
    recorded_by  INTEGER REFERENCES users(id)
);

CREATE TABLE documents (
    id          INTEGER PRIMARY KEY,
    matter_id   INTEGER NOT NULL REFERENCES matters(id),
    kind        TEXT NOT NULL,
    lang        TEXT NOT NULL,
    version     INTEGER NOT NULL,
    html        BLOB NOT NULL,
    html_sha256 TEXT NOT NULL,
    pdf         BLOB,
    pdf_sha256  TEXT NOT NULL DEFAULT '',
    supersedes  TEXT NOT NULL DEFAULT '',
    reason      TEXT NOT NULL DEFAULT '',
    issued_at   TIMESTAMP NOT NULL,
    issued_by   INTEGER REFERENCES users(id),
    UNIQUE (matter_id, kind, lang, version)
);

CREATE TABLE merchant_answers (
    id          INTEGER PRIMARY KEY,
    matter_id   INTEGER NOT NULL UNIQUE REFERENCES matters(id),
    merchant_id INTEGER REFERENCES merchants(id),
    answer      TEXT NOT NULL,
    text        TEXT NOT NULL DEFAULT '',
    offered     INTEGER NOT NULL DEFAULT 0,
    data        TEXT NOT NULL,
    answered_at TIMESTAMP NOT NULL,
    answered_by INTEGER REFERENCES users(id),
    accepted_at TIMESTAMP,
    accepted_by INTEGER REFERENCES users(id)
);

CREATE TABLE callbacks (
    id           INTEGER PRIMARY KEY,
    matter_id    INTEGER NOT NULL UNIQUE REFERENCES matters(id),
    created_at   TIMESTAMP NOT NULL,
    done_at      TIMESTAMP,
    reached      BOOLEAN NOT NULL DEFAULT FALSE,
    satisfaction INTEGER,
    comment      TEXT NOT NULL DEFAULT '',
    done_by      INTEGER REFERENCES users(id)
);
CREATE INDEX callbacks_open ON callbacks(done_at);
