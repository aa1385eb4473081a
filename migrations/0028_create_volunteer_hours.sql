-- Hours volunteers give, against a circle or one of its actions, approved or queried by a coordinator.
CREATE TABLE volunteer_hours (
    id             INTEGER PRIMARY KEY,
    volunteer_id   INTEGER NOT NULL REFERENCES volunteers (id) ON DELETE CASCADE,
    circle_id      INTEGER NOT NULL REFERENCES circles (id) ON DELETE CASCADE,
    action_id      INTEGER REFERENCES actions (id) ON DELETE SET NULL,
    worked_on      TEXT NOT NULL,
    minutes        INTEGER NOT NULL CHECK (minutes BETWEEN 15 AND 1440),
    note           TEXT,
    status         TEXT NOT NULL DEFAULT 'logged' CHECK (status IN ('logged', 'approved', 'queried')),
    query_note     TEXT,
    reviewed_at    TEXT,
    reviewed_by    INTEGER REFERENCES users (id),
    created_at     TEXT NOT NULL
);

CREATE INDEX ix_volunteer_hours_volunteer_id ON volunteer_hours (volunteer_id, worked_on);
CREATE INDEX ix_volunteer_hours_circle_id ON volunteer_hours (circle_id);
CREATE INDEX ix_volunteer_hours_status ON volunteer_hours (status, worked_on);
