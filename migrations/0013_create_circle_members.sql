-- Members of a circle: family, friends, neighbours, volunteers and professionals, most of whom never have an account.
CREATE TABLE circle_members (
    id         INTEGER PRIMARY KEY,
    circle_id  INTEGER NOT NULL REFERENCES circles (id) ON DELETE CASCADE,
    person_id  INTEGER NOT NULL REFERENCES people (id),
    role       TEXT NOT NULL CHECK (role IN ('focus', 'family', 'friend', 'neighbour', 'volunteer', 'professional')),
    joined_on  TEXT NOT NULL,
    left_on    TEXT
);

CREATE INDEX ix_circle_members_circle_id ON circle_members (circle_id, left_on);
CREATE INDEX ix_circle_members_person_id ON circle_members (person_id);
