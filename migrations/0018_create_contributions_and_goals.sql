-- What a person gives (their contributions ledger) and the goals of their vision for a good life.
CREATE TABLE contributions (
    id          INTEGER PRIMARY KEY,
    person_id   INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    what        TEXT NOT NULL,
    to_whom     TEXT,
    given_on    TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    created_by  INTEGER REFERENCES users (id)
);

CREATE INDEX ix_contributions_person_given_on ON contributions (person_id, given_on);

CREATE TABLE goals (
    id           INTEGER PRIMARY KEY,
    person_id    INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    goal         TEXT NOT NULL,
    status       TEXT NOT NULL DEFAULT 'working_on' CHECK (status IN ('working_on', 'achieved', 'set_aside')),
    created_at   TEXT NOT NULL,
    achieved_on  TEXT
);

CREATE INDEX ix_goals_person_id ON goals (person_id);
