-- How often each person should hear from someone, who checks in with them, and whether that is paused.
CREATE TABLE check_in_cadences (
    person_id        INTEGER PRIMARY KEY REFERENCES people (id) ON DELETE CASCADE,
    ideal_days       INTEGER NOT NULL CHECK (ideal_days BETWEEN 1 AND 365),
    maximum_days     INTEGER NOT NULL CHECK (maximum_days BETWEEN ideal_days AND 365),
    started_on       TEXT NOT NULL,
    checker_user_id  INTEGER REFERENCES users (id),
    paused_reason    TEXT,
    paused_on        TEXT,
    updated_at       TEXT NOT NULL
);

CREATE INDEX ix_check_in_cadences_checker_user_id ON check_in_cadences (checker_user_id);
