-- The contact log: calls, visits, messages and meetings with a person, by whom and when. Any contact resets the check-in clock.
CREATE TABLE contacts (
    id            INTEGER PRIMARY KEY,
    person_id     INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    circle_id     INTEGER REFERENCES circles (id) ON DELETE SET NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('call', 'visit', 'message', 'meeting', 'other')),
    contacted_at  TEXT NOT NULL,
    by_user_id    INTEGER REFERENCES users (id),
    notes         TEXT,
    created_at    TEXT NOT NULL
);

CREATE INDEX ix_contacts_person_contacted_at ON contacts (person_id, contacted_at);
CREATE INDEX ix_contacts_by_user_contacted_at ON contacts (by_user_id, contacted_at);
