-- The shared vocabulary of interests (gardening, rugby, knitting…) that people, volunteers and community assets are tagged with.
CREATE TABLE interests (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    created_at  TEXT NOT NULL
);

CREATE UNIQUE INDEX ux_interests_name ON interests (lower(name));
