-- The foundation: the network, merchants, people, matters and their timelines.
CREATE TABLE areas (
    id              INTEGER PRIMARY KEY,
    parent_id       INTEGER REFERENCES areas(id),
    name            TEXT NOT NULL,
    code            TEXT NOT NULL DEFAULT '',
    level           TEXT NOT NULL,
    kind            TEXT NOT NULL,
    on_site_minutes INTEGER NOT NULL DEFAULT 0,
    path            TEXT NOT NULL DEFAULT '',
    created_at      TIMESTAMP NOT NULL
);
CREATE INDEX areas_parent ON areas(parent_id);
CREATE INDEX areas_path ON areas(path);
CREATE INDEX areas_name ON areas(name);

CREATE TABLE stations (
    id         INTEGER PRIMARY KEY,
    area_id    INTEGER NOT NULL REFERENCES areas(id),
    name       TEXT NOT NULL,
    host_type  TEXT NOT NULL,
    address    TEXT NOT NULL DEFAULT '',
    phone      TEXT NOT NULL DEFAULT '',
    active     BOOLEAN NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX stations_area ON stations(area_id);

CREATE TABLE merchants (
    id                 INTEGER PRIMARY KEY,
    name               TEXT NOT NULL,
    uscc               TEXT NOT NULL DEFAULT '',
    type               TEXT NOT NULL,
    address            TEXT NOT NULL DEFAULT '',
    area_id            INTEGER REFERENCES areas(id),
    phone              TEXT NOT NULL DEFAULT '',
    platform           TEXT NOT NULL DEFAULT '',
    cluster_registered BOOLEAN NOT NULL DEFAULT 0,
    custody_id         INTEGER REFERENCES merchants(id),
    unreachable        BOOLEAN NOT NULL DEFAULT 0,
    outside_area       BOOLEAN NOT NULL DEFAULT 0,
    created_at         TIMESTAMP NOT NULL,
    updated_at         TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX merchants_uscc ON merchants(uscc) WHERE uscc <> '';
CREATE INDEX merchants_name ON merchants(name);
CREATE INDEX merchants_custody ON merchants(custody_id);

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    display_name  TEXT NOT NULL DEFAULT '',
    role          TEXT NOT NULL,
    area_id       INTEGER REFERENCES areas(id),
    station_id    INTEGER REFERENCES stations(id),
    merchant_id   INTEGER REFERENCES merchants(id),
    phone         TEXT NOT NULL DEFAULT '',
    lang          TEXT NOT NULL DEFAULT 'zh-CN',
    active        BOOLEAN NOT NULL DEFAULT 1,
    password_hash TEXT NOT NULL,
    created_at    TIMESTAMP NOT NULL
);
CREATE INDEX users_station ON users(station_id);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id),
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE api_keys (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    key_hash   TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP
);

CREATE TABLE case_counters (
    day  TEXT PRIMARY KEY,
    last INTEGER NOT NULL
);

CREATE TABLE matters (
    id                 INTEGER PRIMARY KEY,
    number             TEXT NOT NULL UNIQUE,
    kind               TEXT NOT NULL,
    channel            TEXT NOT NULL,
    state              TEXT NOT NULL,
    outcome            TEXT NOT NULL DEFAULT '',
    rule_set           TEXT NOT NULL,
    received_at        TIMESTAMP NOT NULL,
    created_at         TIMESTAMP NOT NULL,
    updated_at         TIMESTAMP NOT NULL,
    closed_at          TIMESTAMP,
    version            INTEGER NOT NULL DEFAULT 1,
    consumer_name      TEXT NOT NULL DEFAULT '',
    consumer_phone     TEXT NOT NULL DEFAULT '',
    consumer_address   TEXT NOT NULL DEFAULT '',
    consumer_id_number TEXT NOT NULL DEFAULT '',
    merchant_id        INTEGER REFERENCES merchants(id),
    merchant_name      TEXT NOT NULL DEFAULT '',
    merchant_address   TEXT NOT NULL DEFAULT '',
    area_id            INTEGER REFERENCES areas(id),
    area_path          TEXT NOT NULL DEFAULT '',
    area_text          TEXT NOT NULL DEFAULT '',
    station_id         INTEGER REFERENCES stations(id),
    assignee_id        INTEGER REFERENCES users(id),
    level              TEXT NOT NULL DEFAULT '',
    category           TEXT NOT NULL DEFAULT '',
    subcategory        TEXT NOT NULL DEFAULT '',
    amount_in_dispute  INTEGER NOT NULL DEFAULT 0,
    recovered          INTEGER NOT NULL DEFAULT 0,
    consumers          INTEGER NOT NULL DEFAULT 1,
    facts              TEXT NOT NULL DEFAULT '',
    request            TEXT NOT NULL DEFAULT '',
    answer             TEXT NOT NULL DEFAULT '',
    taken_by           INTEGER REFERENCES users(id),
    linked_id          INTEGER REFERENCES matters(id),
    reason_code        TEXT NOT NULL DEFAULT '',
    platform_no        TEXT NOT NULL DEFAULT '',
    lat                REAL,
    lng                REAL,
    accepted_at        TIMESTAMP,
    on_site_due_at     TIMESTAMP,
    arrived_at         TIMESTAMP,
    arrived_lat        REAL,
    arrived_lng        REAL,
    on_site_kept       BOOLEAN,
    satisfaction       INTEGER,
    due_at             TIMESTAMP,
    due_kind           TEXT NOT NULL DEFAULT '',
    needs_visit        BOOLEAN NOT NULL DEFAULT 0,
    source_id          TEXT
);
CREATE UNIQUE INDEX matters_source ON matters(source_id) WHERE source_id IS NOT NULL;
CREATE INDEX matters_received ON matters(received_at);
CREATE INDEX matters_area_state ON matters(area_path, state);
CREATE INDEX matters_station_state ON matters(station_id, state);
CREATE INDEX matters_state ON matters(state, received_at);
CREATE INDEX matters_due ON matters(due_at) WHERE due_at IS NOT NULL;
CREATE INDEX matters_merchant ON matters(merchant_id, received_at);
CREATE INDEX matters_phone ON matters(consumer_phone);

CREATE TABLE events (
    id         INTEGER PRIMARY KEY,
    matter_id  INTEGER NOT NULL REFERENCES matters(id),
    at         TIMESTAMP NOT NULL,
    actor_id   INTEGER REFERENCES users(id),
    actor_name TEXT NOT NULL DEFAULT '',
    action     TEXT NOT NULL,
    from_state TEXT NOT NULL DEFAULT '',
    to_state   TEXT NOT NULL DEFAULT '',
    note       TEXT NOT NULL DEFAULT '',
    data       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX events_matter ON events(matter_id, id);
