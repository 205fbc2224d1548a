-- Sign-in that holds under attack, and import previews any instance can finish (issue 8).

-- A session also ends after a while unused: the last time it was seen, written at most once a minute.
ALTER TABLE sessions ADD COLUMN last_seen_at TIMESTAMPTZ;
UPDATE sessions SET last_seen_at = created_at;

-- Failed sign-ins counted per bucket (account, client address, account at a known address;
-- a short and a day window each) until ends_at; rows past ends_at are swept.
CREATE TABLE signin_failures (
    bucket   TEXT NOT NULL,
    subject  TEXT NOT NULL,
    failures INTEGER NOT NULL,
    ends_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (bucket, subject)
);
CREATE INDEX signin_failures_ends ON signin_failures(ends_at);

-- Where each account last signed in successfully from (account hash | address).
CREATE TABLE signin_known (
    pair       TEXT PRIMARY KEY,
    last_ok_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX signin_known_last ON signin_known(last_ok_at);

-- An uploaded ledger between its preview and its commit (and the commit's result after).
CREATE TABLE import_previews (
    token_hash TEXT PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users(id),
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    file_name  TEXT NOT NULL,
    sha256     TEXT NOT NULL,
    size       BIGINT NOT NULL,
    data       BYTEA,
    state      TEXT NOT NULL,
    result     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX import_previews_user ON import_previews(user_id, created_at);
CREATE INDEX import_previews_expires ON import_previews(expires_at);
