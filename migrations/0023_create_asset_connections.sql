-- A person introduced to an asset, and where that has got to now; the history is in asset_connection_events.
CREATE TABLE asset_connections (
    id           INTEGER PRIMARY KEY,
    asset_id     INTEGER NOT NULL REFERENCES community_assets (id) ON DELETE CASCADE,
    person_id    INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    status       TEXT NOT NULL CHECK (status IN ('suggested', 'went_once', 'goes_regularly', 'helps_run', 'declined')),
    status_on    TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    created_by   INTEGER REFERENCES users (id),
    updated_at   TEXT NOT NULL
);

CREATE UNIQUE INDEX ux_asset_connections_person_id_asset_id ON asset_connections (person_id, asset_id);
CREATE INDEX ix_asset_connections_asset_id ON asset_connections (asset_id, status);

CREATE TABLE asset_connection_events (
    id             INTEGER PRIMARY KEY,
    connection_id  INTEGER NOT NULL REFERENCES asset_connections (id) ON DELETE CASCADE,
    status         TEXT NOT NULL,
    happened_on    TEXT NOT NULL,
    note           TEXT,
    recorded_at    TEXT NOT NULL,
    recorded_by    INTEGER REFERENCES users (id)
);

CREATE INDEX ix_asset_connection_events_connection_id ON asset_connection_events (connection_id, happened_on);
