-- The relationship circle: people in a person's life on four rings (1 closest, 4 paid or professional).
CREATE TABLE relationships (
    id                 INTEGER PRIMARY KEY,
    person_id          INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    name               TEXT NOT NULL,
    relationship       TEXT NOT NULL,
    ring               INTEGER NOT NULL CHECK (ring BETWEEN 1 AND 4),
    would_like_closer  INTEGER NOT NULL DEFAULT 0,
    created_at         TEXT NOT NULL
);

CREATE INDEX ix_relationships_person_id ON relationships (person_id, ring);
