-- Introductions: how a person came to us, at which level, and who holds the relationship.
CREATE TABLE introductions (
    id                    INTEGER PRIMARY KEY,
    person_id             INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    introduced_by         TEXT NOT NULL CHECK (introduced_by IN ('self', 'family_or_friend', 'gp_practice', 'council_team', 'other_organisation')),
    introduced_by_detail  TEXT,
    introduced_on         TEXT NOT NULL,
    level                 INTEGER NOT NULL CHECK (level IN (1, 2)),
    status                TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'in_conversation', 'circle_forming', 'closed')),
    closed_reason         TEXT,
    holder_user_id        INTEGER REFERENCES users (id),
    created_at            TEXT NOT NULL,
    created_by            INTEGER REFERENCES users (id)
);

CREATE INDEX ix_introductions_person_id ON introductions (person_id);
CREATE INDEX ix_introductions_holder_status ON introductions (holder_user_id, status);
CREATE INDEX ix_introductions_status_introduced_on ON introductions (status, introduced_on);
