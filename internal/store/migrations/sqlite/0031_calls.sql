-- Calls to the hotline desk (issue 14): reported by the telephony part (a SIP user agent
-- registered as the desk's extension); the matter taken from a call keeps its id, times
-- and the PBX's recording reference.
CREATE TABLE calls (
    id            INTEGER PRIMARY KEY,
    call_id       TEXT NOT NULL UNIQUE,
    caller        TEXT NOT NULL,
    extension     TEXT NOT NULL DEFAULT '',
    state         TEXT NOT NULL,
    rang_at       TIMESTAMP NOT NULL,
    answered_at   TIMESTAMP,
    ended_at      TIMESTAMP,
    recording_ref TEXT NOT NULL DEFAULT '',
    matter_id     INTEGER REFERENCES matters(id)
);
CREATE INDEX calls_rang ON calls(rang_at);
