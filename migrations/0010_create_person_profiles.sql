-- What matters to a person (the five first-conversation prompts), their one-page profile and their vision for a good life.
CREATE TABLE person_profiles (
    person_id       INTEGER PRIMARY KEY REFERENCES people (id) ON DELETE CASCADE,
    do_more_of      TEXT,
    help_with       TEXT,
    used_to_enjoy   TEXT,
    like_to_change  TEXT,
    wellbeing       TEXT,
    appreciate      TEXT,
    important       TEXT,
    support_me      TEXT,
    vision          TEXT,
    updated_at      TEXT NOT NULL,
    updated_by      INTEGER REFERENCES users (id)
);
