-- Messages to people and systems outside the office (R-S5, C12): notices to consumers and
-- merchants, codes, replies to the 12345 centre. Made in the transaction of the change they
-- tell about; delivered later by senders, every attempt kept.
CREATE TABLE messages (
    id              INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL,
    channel         TEXT NOT NULL,
    recipient       TEXT NOT NULL,
    lang            TEXT NOT NULL DEFAULT 'zh-CN',
    subject         TEXT NOT NULL DEFAULT '',
    body            TEXT NOT NULL,
    payload         TEXT NOT NULL DEFAULT '',
    matter_id       INTEGER REFERENCES matters(id),
    status          TEXT NOT NULL DEFAULT 'pending',
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP NOT NULL,
    last_error      TEXT NOT NULL DEFAULT '',
    created_at      TIMESTAMP NOT NULL,
    sent_at         TIMESTAMP
);
CREATE INDEX messages_due ON messages(status, next_attempt_at);
CREATE INDEX messages_matter ON messages(matter_id);

CREATE TABLE message_attempts (
    id         INTEGER PRIMARY KEY,
    message_id INTEGER NOT NULL REFERENCES messages(id),
    at         TIMESTAMP NOT NULL,
    ok         BOOLEAN NOT NULL,
    detail     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX message_attempts_message ON message_attempts(message_id);
