-- Circles around a focus person, and the date of every change of status.
CREATE TABLE circles (
    id                   INTEGER PRIMARY KEY,
    focus_person_id      INTEGER NOT NULL REFERENCES people (id),
    purpose              TEXT NOT NULL,
    connector_user_id    INTEGER REFERENCES users (id),
    facilitator_user_id  INTEGER REFERENCES users (id),
    area_id              INTEGER REFERENCES areas (id),
    status               TEXT NOT NULL CHECK (status IN ('enquiry', 'first_conversation', 'forming', 'active', 'self_sustaining', 'closed')),
    closed_reason        TEXT,
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL
);

CREATE INDEX ix_circles_focus_person_id ON circles (focus_person_id);
CREATE INDEX ix_circles_connector_status ON circles (connector_user_id, status);
CREATE INDEX ix_circles_facilitator_user_id ON circles (facilitator_user_id);
CREATE INDEX ix_circles_area_status ON circles (area_id, status);

CREATE TABLE circle_status_changes (
    id           INTEGER PRIMARY KEY,
    circle_id    INTEGER NOT NULL REFERENCES circles (id) ON DELETE CASCADE,
    from_status  TEXT,
    to_status    TEXT NOT NULL,
    reason       TEXT,
    changed_at   TEXT NOT NULL,
    changed_by   INTEGER REFERENCES users (id)
);

CREATE INDEX ix_circle_status_changes_circle_id ON circle_status_changes (circle_id, changed_at);
