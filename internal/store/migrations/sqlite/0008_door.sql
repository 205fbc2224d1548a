-- One door to the data (R-L25, R-P4, R-P5): the head of each station, who may know a
-- reporter's identity; the staff-approved public summary Open311 shows instead of a
-- consumer's own words.
ALTER TABLE stations ADD COLUMN head_id INTEGER REFERENCES users(id);

CREATE TABLE matter_public (
    matter_id   INTEGER PRIMARY KEY REFERENCES matters(id),
    summary     TEXT NOT NULL,
    approved_by INTEGER REFERENCES users(id),
    approved_at TIMESTAMP NOT NULL
);
