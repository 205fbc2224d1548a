-- The consumer's side on the portal (issue 12): a merchant's offer declined there, and the
-- station posters printed to PDF and kept, so a reprint is the same file.
CREATE TABLE offer_declines (
    answer_id   INTEGER PRIMARY KEY REFERENCES merchant_answers(id),
    matter_id   INTEGER NOT NULL REFERENCES matters(id),
    reason      TEXT NOT NULL DEFAULT '',
    declined_at TIMESTAMP NOT NULL
);

CREATE TABLE station_posters (
    id          INTEGER PRIMARY KEY,
    station_id  INTEGER NOT NULL REFERENCES stations(id),
    lang        TEXT NOT NULL,
    html_sha256 TEXT NOT NULL,
    html        BLOB NOT NULL,
    pdf         BLOB NOT NULL,
    pdf_sha256  TEXT NOT NULL,
    created_at  TIMESTAMP NOT NULL,
    UNIQUE (station_id, lang, html_sha256)
);
