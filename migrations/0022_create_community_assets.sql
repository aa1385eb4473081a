-- Community assets: what a neighbourhood already has, with the tags, times and access details people search by.
CREATE TABLE community_assets (
    id                 INTEGER PRIMARY KEY,
    uid                TEXT NOT NULL,
    name               TEXT NOT NULL,
    kind               TEXT NOT NULL CHECK (kind IN ('individual', 'association', 'institution', 'physical_space', 'local_economy', 'culture')),
    description        TEXT,
    address            TEXT,
    postcode           TEXT,
    latitude           REAL,
    longitude          REAL,
    contact_name       TEXT,
    contact_email      TEXT,
    contact_phone      TEXT,
    website            TEXT,
    cost               TEXT,
    -- Known features between commas (",step_free,hearing_loop,"), so one feature is found with LIKE '%,step_free,%'.
    accessibility      TEXT NOT NULL DEFAULT ',',
    status             TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'temporarily_closed', 'inactive')),
    area_id            INTEGER NOT NULL REFERENCES areas (id),
    -- The asset's interest names, kept beside the join table so the full-text index can hold them.
    tags               TEXT NOT NULL DEFAULT '',
    last_verified_on   TEXT NOT NULL,
    last_verified_by   INTEGER REFERENCES users (id),
    created_at         TEXT NOT NULL,
    created_by         INTEGER REFERENCES users (id),
    updated_at         TEXT NOT NULL
);

CREATE UNIQUE INDEX ux_community_assets_uid ON community_assets (uid);
CREATE INDEX ix_community_assets_name ON community_assets (name COLLATE NOCASE, id);
CREATE INDEX ix_community_assets_area_id_last_verified_on ON community_assets (area_id, last_verified_on);
CREATE INDEX ix_community_assets_updated_at ON community_assets (updated_at);
CREATE INDEX ix_community_assets_postcode ON community_assets (postcode);

CREATE TABLE asset_interests (
    asset_id     INTEGER NOT NULL REFERENCES community_assets (id) ON DELETE CASCADE,
    interest_id  INTEGER NOT NULL REFERENCES interests (id),
    PRIMARY KEY (asset_id, interest_id)
);

CREATE INDEX ix_asset_interests_interest_id ON asset_interests (interest_id, asset_id);

-- When an asset meets, in RFC 5545 terms: FREQ=WEEKLY or MONTHLY, INTERVAL, BYDAY ("TU,TH" or "2TU,4TU").
CREATE TABLE asset_schedules (
    id          INTEGER PRIMARY KEY,
    uid         TEXT NOT NULL,
    asset_id    INTEGER NOT NULL REFERENCES community_assets (id) ON DELETE CASCADE,
    freq        TEXT NOT NULL CHECK (freq IN ('WEEKLY', 'MONTHLY')),
    interval    INTEGER NOT NULL DEFAULT 1 CHECK (interval BETWEEN 1 AND 12),
    byday       TEXT NOT NULL,
    opens_at    TEXT,
    closes_at   TEXT
);

CREATE UNIQUE INDEX ux_asset_schedules_uid ON asset_schedules (uid);
CREATE INDEX ix_asset_schedules_asset_id ON asset_schedules (asset_id);

CREATE VIRTUAL TABLE asset_search USING fts5 (
    name, description, tags,
    content = 'community_assets', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER asset_search_insert AFTER INSERT ON community_assets BEGIN
    INSERT INTO asset_search (rowid, name, description, tags) VALUES (new.id, new.name, new.description, new.tags);
END;

CREATE TRIGGER asset_search_delete AFTER DELETE ON community_assets BEGIN
    INSERT INTO asset_search (asset_search, rowid, name, description, tags) VALUES ('delete', old.id, old.name, old.description, old.tags);
END;

CREATE TRIGGER asset_search_update AFTER UPDATE OF name, description, tags ON community_assets BEGIN
    INSERT INTO asset_search (asset_search, rowid, name, description, tags) VALUES ('delete', old.id, old.name, old.description, old.tags);
    INSERT INTO asset_search (rowid, name, description, tags) VALUES (new.id, new.name, new.description, new.tags);
END;
