-- Volunteer profiles for matching (where they live, interests, when they are free) and postcode centroids for distances.
CREATE TABLE postcodes (
    postcode   TEXT PRIMARY KEY,
    latitude   REAL NOT NULL,
    longitude  REAL NOT NULL
);

CREATE TABLE volunteer_profiles (
    user_id       INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    postcode      TEXT,
    availability  TEXT NOT NULL DEFAULT '',
    updated_at    TEXT NOT NULL
);

CREATE TABLE volunteer_interests (
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    interest_id  INTEGER NOT NULL REFERENCES interests (id),
    PRIMARY KEY (user_id, interest_id)
);
