-- People: focus persons, and circle members who only need a name and one way to reach them.
CREATE TABLE people (
    id                    INTEGER PRIMARY KEY,
    full_name             TEXT NOT NULL,
    preferred_name        TEXT,
    date_of_birth         TEXT,
    age_band              TEXT,
    email                 TEXT,
    phone                 TEXT,
    address               TEXT,
    postcode              TEXT,
    area_id               INTEGER REFERENCES areas (id),
    preferred_channel     TEXT NOT NULL DEFAULT 'none' CHECK (preferred_channel IN ('email', 'text', 'phone', 'post', 'none')),
    communication_needs   TEXT,
    notes                 TEXT,
    consent_given_on      TEXT,
    consent_method        TEXT,
    consent_recorded_by   INTEGER REFERENCES users (id),
    member_only           INTEGER NOT NULL DEFAULT 0,
    created_at            TEXT NOT NULL,
    created_by            INTEGER REFERENCES users (id),
    updated_at            TEXT NOT NULL
);

CREATE INDEX ix_people_area_id_full_name ON people (area_id, full_name COLLATE NOCASE);
CREATE INDEX ix_people_full_name ON people (full_name COLLATE NOCASE);
CREATE INDEX ix_people_postcode ON people (postcode);

CREATE TABLE person_interests (
    person_id    INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    interest_id  INTEGER NOT NULL REFERENCES interests (id),
    PRIMARY KEY (person_id, interest_id)
);

CREATE INDEX ix_person_interests_interest_id ON person_interests (interest_id, person_id);
