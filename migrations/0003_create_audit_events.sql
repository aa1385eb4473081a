-- The audit log: who did what to which entity, when and from where.
CREATE TABLE audit_events (
    id           INTEGER PRIMARY KEY,
    occurred_at  TEXT NOT NULL,
    user_id      INTEGER REFERENCES users (id),
    action       TEXT NOT NULL,
    entity_type  TEXT NOT NULL,
    entity_id    TEXT,
    detail       TEXT,
    ip_address   TEXT
);

CREATE INDEX ix_audit_events_occurred_at ON audit_events (occurred_at);
CREATE INDEX ix_audit_events_entity ON audit_events (entity_type, entity_id, occurred_at);
CREATE INDEX ix_audit_events_user_id ON audit_events (user_id, occurred_at);
CREATE INDEX ix_audit_events_action ON audit_events (action, occurred_at);
