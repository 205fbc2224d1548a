-- The public portal (issue 12): what a consumer submitted there, the one-time codes that
-- prove a phone, the sessions they open, the throttles every instance shares, the notices
-- staff write for the public and the message templates admins edit.
CREATE TABLE portal_receipts (
    matter_id  INTEGER PRIMARY KEY REFERENCES matters(id),
    track_hash TEXT NOT NULL,
    email      TEXT NOT NULL DEFAULT '',
    lang       TEXT NOT NULL DEFAULT 'zh-CN',
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE portal_codes (
    id         INTEGER PRIMARY KEY,
    matter_id  INTEGER NOT NULL REFERENCES matters(id),
    code_hash  TEXT NOT NULL,
    tries      INTEGER NOT NULL DEFAULT 0,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at    TIMESTAMP
);
CREATE INDEX portal_codes_matter ON portal_codes(matter_id, expires_at);

CREATE TABLE portal_sessions (
    token_hash TEXT PRIMARY KEY,
    matter_id  INTEGER NOT NULL REFERENCES matters(id),
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL
);

-- One row per counted event; a throttle counts the rows of its key inside its window.
CREATE TABLE portal_hits (
    id     INTEGER PRIMARY KEY,
    bucket TEXT NOT NULL,
    at     TIMESTAMP NOT NULL
);
CREATE INDEX portal_hits_key ON portal_hits(bucket, at);

CREATE TABLE public_notices (
    id         INTEGER PRIMARY KEY,
    title      TEXT NOT NULL,
    body       TEXT NOT NULL,
    area_id    INTEGER REFERENCES areas(id),
    starts_on  TEXT NOT NULL,
    ends_on    TEXT NOT NULL DEFAULT '',
    created_by INTEGER REFERENCES users(id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX public_notices_starts ON public_notices(starts_on);

CREATE TABLE message_templates (
    kind       TEXT NOT NULL,
    lang       TEXT NOT NULL,
    subject    TEXT NOT NULL DEFAULT '',
    body       TEXT NOT NULL,
    updated_by INTEGER REFERENCES users(id),
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (kind, lang)
);

ALTER TABLE stations ADD COLUMN hours TEXT NOT NULL DEFAULT '';
