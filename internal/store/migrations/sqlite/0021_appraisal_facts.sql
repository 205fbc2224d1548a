-- Testing and appraisal from acceptance on (R-L17): the agency and who chose it, the costs the
-- parties agreed, and the stretch the mediation clock stands still (the pause itself is a row of
-- pauses, reason testing). The facts of a complaint the case page's helpers work from: the day
-- the complainant knew of the infringement (R-L8), the purchase (return windows, R-L46) and the
-- prepaid card (R-L47), kept as JSON in data.

CREATE TABLE appraisals (
    id          INTEGER PRIMARY KEY,
    matter_id   INTEGER NOT NULL REFERENCES matters(id),
    agency      TEXT NOT NULL,
    chosen_by   TEXT NOT NULL,
    cost        INTEGER NOT NULL,
    payer       TEXT NOT NULL,
    cost_agreed BOOLEAN NOT NULL,
    started_at  TIMESTAMP NOT NULL,
    ended_at    TIMESTAMP,
    result      TEXT NOT NULL DEFAULT '',
    started_by  INTEGER REFERENCES users(id),
    ended_by    INTEGER REFERENCES users(id)
);
CREATE INDEX appraisals_matter ON appraisals(matter_id);

CREATE TABLE matter_facts (
    matter_id  INTEGER PRIMARY KEY REFERENCES matters(id),
    known_on   TEXT NOT NULL DEFAULT '',
    data       TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    updated_by INTEGER REFERENCES users(id)
);
