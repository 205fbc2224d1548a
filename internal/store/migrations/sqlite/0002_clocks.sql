-- Clocks (issue 4): the editable official calendar, settings, deadlines as rows,
-- pauses of the mediation clock, the alert outbox, and the moments deadlines count from.
CREATE TABLE calendar_days (
    date      TEXT PRIMARY KEY,
    year      INTEGER NOT NULL,
    kind      TEXT NOT NULL,
    name      TEXT NOT NULL,
    source    TEXT NOT NULL,
    loaded_at TIMESTAMP NOT NULL
);
CREATE INDEX calendar_days_year ON calendar_days(year);

CREATE TABLE calendar_loads (
    id        INTEGER PRIMARY KEY,
    year      INTEGER NOT NULL,
    days      INTEGER NOT NULL,
    workdays  INTEGER NOT NULL,
    loaded_by TEXT NOT NULL DEFAULT '',
    replaced  TEXT NOT NULL DEFAULT '',
    loaded_at TIMESTAMP NOT NULL
);

CREATE TABLE settings (
    key        TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    updated_by INTEGER REFERENCES users(id)
);

CREATE TABLE settings_log (
    id         INTEGER PRIMARY KEY,
    key        TEXT NOT NULL,
    value      TEXT NOT NULL,
    changed_at TIMESTAMP NOT NULL,
    changed_by INTEGER REFERENCES users(id)
);

ALTER TABLE matters ADD COLUMN terminated_at TIMESTAMP;
ALTER TABLE matters ADD COLUMN notified_at TIMESTAMP;
ALTER TABLE matters ADD COLUMN clue_at TIMESTAMP;
ALTER TABLE matters ADD COLUMN clue_done_at TIMESTAMP;
ALTER TABLE matters ADD COLUMN extended_at TIMESTAMP;
ALTER TABLE matters ADD COLUMN restarted_at TIMESTAMP;
ALTER TABLE matters ADD COLUMN merged_into INTEGER REFERENCES matters(id);
ALTER TABLE matters ADD COLUMN replied_at TIMESTAMP;
ALTER TABLE matters ADD COLUMN dispute_at TIMESTAMP;
ALTER TABLE matters ADD COLUMN dispute_done_at TIMESTAMP;

CREATE TABLE pauses (
    id         INTEGER PRIMARY KEY,
    matter_id  INTEGER NOT NULL REFERENCES matters(id),
    reason     TEXT NOT NULL,
    started_at TIMESTAMP NOT NULL,
    ended_at   TIMESTAMP,
    started_by INTEGER REFERENCES users(id),
    ended_by   INTEGER REFERENCES users(id)
);
CREATE INDEX pauses_matter ON pauses(matter_id, id);

CREATE TABLE deadlines (
    id            INTEGER PRIMARY KEY,
    matter_id     INTEGER NOT NULL REFERENCES matters(id),
    kind          TEXT NOT NULL,
    rule          TEXT NOT NULL DEFAULT '',
    start_at      TIMESTAMP NOT NULL,
    due_date      TEXT NOT NULL DEFAULT '',
    due_at        TIMESTAMP,
    remind_at     TIMESTAMP,
    missing_year  INTEGER NOT NULL DEFAULT 0,
    paused_at     TIMESTAMP,
    reminded_at   TIMESTAMP,
    breached_at   TIMESTAMP,
    met_at        TIMESTAMP,
    cancelled_at  TIMESTAMP,
    cancel_reason TEXT NOT NULL DEFAULT '',
    created_at    TIMESTAMP NOT NULL,
    updated_at    TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX deadlines_open ON deadlines(matter_id, kind) WHERE met_at IS NULL AND cancelled_at IS NULL;
CREATE INDEX deadlines_matter ON deadlines(matter_id, id);
CREATE INDEX deadlines_breach ON deadlines(due_at) WHERE met_at IS NULL AND cancelled_at IS NULL AND breached_at IS NULL;
CREATE INDEX deadlines_remind ON deadlines(remind_at) WHERE met_at IS NULL AND cancelled_at IS NULL AND reminded_at IS NULL AND breached_at IS NULL;
CREATE INDEX deadlines_kind_due ON deadlines(kind, due_at);

CREATE TABLE outbox (
    id           INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL,
    matter_id    INTEGER REFERENCES matters(id),
    deadline_id  INTEGER REFERENCES deadlines(id),
    station_id   INTEGER REFERENCES stations(id),
    user_id      INTEGER REFERENCES users(id),
    payload      TEXT NOT NULL DEFAULT '',
    created_at   TIMESTAMP NOT NULL,
    read_at      TIMESTAMP,
    read_by      INTEGER REFERENCES users(id),
    delivered_at TIMESTAMP
);
CREATE INDEX outbox_created ON outbox(created_at, id);
CREATE INDEX outbox_matter ON outbox(matter_id);
CREATE INDEX outbox_undelivered ON outbox(id) WHERE delivered_at IS NULL;
