-- Social supervision (issue 11, SPEC C10): satisfaction questionnaires answered through a
-- link, mystery-shopping visits, product samples with lab results and publication, and the
-- 双随机一公开 draws of merchants and inspectors from a seed published before the draw.
CREATE TABLE questionnaires (
    id         INTEGER PRIMARY KEY,
    title      TEXT NOT NULL,
    intro      TEXT NOT NULL DEFAULT '',
    questions  TEXT NOT NULL,                 -- JSON: the questions as designed
    open       BOOLEAN NOT NULL DEFAULT 1,
    created_by INTEGER REFERENCES users(id),
    created_at TIMESTAMP NOT NULL
);

-- One link per consumer asked; only the token's SHA-256 is kept. One answer per link.
CREATE TABLE questionnaire_links (
    id               INTEGER PRIMARY KEY,
    questionnaire_id INTEGER NOT NULL REFERENCES questionnaires(id),
    token_hash       TEXT NOT NULL UNIQUE,
    matter_id        INTEGER REFERENCES matters(id),
    created_at       TIMESTAMP NOT NULL,
    answered_at      TIMESTAMP,
    answers          TEXT NOT NULL DEFAULT ''   -- JSON: the answers, once given
);
CREATE INDEX questionnaire_links_q ON questionnaire_links(questionnaire_id);

CREATE TABLE supervision_visits (
    id            INTEGER PRIMARY KEY,
    merchant_id   INTEGER REFERENCES merchants(id),
    merchant_name TEXT NOT NULL,
    visited_on    TEXT NOT NULL,               -- YYYY-MM-DD
    visitors      TEXT NOT NULL,
    topic         TEXT NOT NULL,
    result        TEXT NOT NULL,               -- compliant | issues
    findings      TEXT NOT NULL DEFAULT '',
    created_by    INTEGER REFERENCES users(id),
    created_at    TIMESTAMP NOT NULL
);
CREATE INDEX supervision_visits_merchant ON supervision_visits(merchant_id, visited_on);

CREATE TABLE supervision_samples (
    id            INTEGER PRIMARY KEY,
    product       TEXT NOT NULL,
    brand         TEXT NOT NULL DEFAULT '',
    batch         TEXT NOT NULL DEFAULT '',
    merchant_id   INTEGER REFERENCES merchants(id),
    merchant_name TEXT NOT NULL,
    sampled_on    TEXT NOT NULL,
    lab           TEXT NOT NULL,
    result        TEXT NOT NULL,               -- pending | pass | fail
    items         TEXT NOT NULL DEFAULT '',
    report_no     TEXT NOT NULL DEFAULT '',
    result_on     TEXT NOT NULL DEFAULT '',
    published_at  TIMESTAMP,
    created_by    INTEGER REFERENCES users(id),
    created_at    TIMESTAMP NOT NULL
);

-- Inspectors who may be drawn, and their declared conflicts with merchants.
CREATE TABLE inspectors (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    unit       TEXT NOT NULL DEFAULT '',
    active     BOOLEAN NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL
);
CREATE TABLE inspector_conflicts (
    inspector_id INTEGER NOT NULL REFERENCES inspectors(id),
    merchant_id  INTEGER NOT NULL REFERENCES merchants(id),
    reason       TEXT NOT NULL DEFAULT '',
    declared_at  TIMESTAMP NOT NULL,
    PRIMARY KEY (inspector_id, merchant_id)
);

-- A draw: its inputs and commitment published first (status published), then drawn.
CREATE TABLE supervision_draws (
    id           INTEGER PRIMARY KEY,
    title        TEXT NOT NULL,
    status       TEXT NOT NULL,                -- published | drawn
    inputs       TEXT NOT NULL,                -- JSON: supervise.Inputs, seed included
    commitment   TEXT NOT NULL,
    result       TEXT NOT NULL DEFAULT '',     -- JSON: the picks, once drawn
    published_at TIMESTAMP NOT NULL,
    drawn_at     TIMESTAMP,
    created_by   INTEGER REFERENCES users(id)
);
