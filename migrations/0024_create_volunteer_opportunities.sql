-- Volunteer opportunities: written in plain words for the public page, never generated from a person's record.
CREATE TABLE volunteer_opportunities (
    id           INTEGER PRIMARY KEY,
    title        TEXT NOT NULL,
    summary      TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('facilitate', 'join', 'task')),
    area_id      INTEGER NOT NULL REFERENCES areas (id),
    status       TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    created_at   TEXT NOT NULL,
    created_by   INTEGER REFERENCES users (id),
    updated_at   TEXT NOT NULL
);

CREATE INDEX ix_volunteer_opportunities_status_area_id ON volunteer_opportunities (status, area_id, created_at);

CREATE TABLE opportunity_interests (
    opportunity_id  INTEGER NOT NULL REFERENCES volunteer_opportunities (id) ON DELETE CASCADE,
    interest_id     INTEGER NOT NULL REFERENCES interests (id),
    PRIMARY KEY (opportunity_id, interest_id)
);

CREATE INDEX ix_opportunity_interests_interest_id ON opportunity_interests (interest_id, opportunity_id);
