-- Circle meetings and who came to them.
CREATE TABLE meetings (
    id           INTEGER PRIMARY KEY,
    circle_id    INTEGER NOT NULL REFERENCES circles (id) ON DELETE CASCADE,
    starts_at    TEXT NOT NULL,
    ends_at      TEXT NOT NULL,
    place        TEXT,
    online_link  TEXT,
    status       TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'held', 'cancelled')),
    notes        TEXT,
    created_at   TEXT NOT NULL,
    created_by   INTEGER REFERENCES users (id)
);

CREATE INDEX ix_meetings_circle_starts_at ON meetings (circle_id, starts_at);
CREATE INDEX ix_meetings_status_starts_at ON meetings (status, starts_at);

CREATE TABLE meeting_attendance (
    meeting_id  INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    member_id   INTEGER NOT NULL REFERENCES circle_members (id) ON DELETE CASCADE,
    PRIMARY KEY (meeting_id, member_id)
);
