-- People who offer to volunteer, from their application through screening to approval, with referees and notes.
CREATE TABLE volunteers (
    id                 INTEGER PRIMARY KEY,
    full_name          TEXT NOT NULL,
    email              TEXT NOT NULL,
    phone              TEXT,
    postcode           TEXT,
    interests          TEXT NOT NULL DEFAULT '',
    availability       TEXT NOT NULL DEFAULT '',
    motivation         TEXT NOT NULL,
    area_id            INTEGER NOT NULL REFERENCES areas (id),
    opportunity_id     INTEGER REFERENCES volunteer_opportunities (id) ON DELETE SET NULL,
    status             TEXT NOT NULL DEFAULT 'applied' CHECK (status IN ('applied', 'screening', 'approved', 'inactive')),
    inactive_reason    TEXT CHECK (inactive_reason IN ('rejected', 'withdrew', 'moved_on')),
    user_id            INTEGER REFERENCES users (id),
    -- The volunteer's one-page profile, used for matching them with a circle.
    appreciated_for    TEXT,
    important_to_them  TEXT,
    best_supported_by  TEXT,
    -- Repeated sends of the same form (a double click, a replayed post) make one application.
    dedupe_key         TEXT NOT NULL,
    applied_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL
);

CREATE UNIQUE INDEX ux_volunteers_dedupe_key ON volunteers (dedupe_key);
CREATE UNIQUE INDEX ux_volunteers_user_id ON volunteers (user_id) WHERE user_id IS NOT NULL;
CREATE INDEX ix_volunteers_area_id_status ON volunteers (area_id, status, applied_at);

CREATE TABLE volunteer_referees (
    id             INTEGER PRIMARY KEY,
    volunteer_id   INTEGER NOT NULL REFERENCES volunteers (id) ON DELETE CASCADE,
    name           TEXT NOT NULL,
    contact        TEXT NOT NULL,
    relationship   TEXT NOT NULL,
    requested_on   TEXT,
    received_on    TEXT
);

CREATE INDEX ix_volunteer_referees_volunteer_id ON volunteer_referees (volunteer_id);

-- Screening: status changes, conversations and training, each dated and signed.
CREATE TABLE volunteer_events (
    id             INTEGER PRIMARY KEY,
    volunteer_id   INTEGER NOT NULL REFERENCES volunteers (id) ON DELETE CASCADE,
    kind           TEXT NOT NULL CHECK (kind IN ('status', 'conversation', 'training', 'reference')),
    detail         TEXT NOT NULL,
    happened_on    TEXT NOT NULL,
    recorded_at    TEXT NOT NULL,
    recorded_by    INTEGER REFERENCES users (id)
);

CREATE INDEX ix_volunteer_events_volunteer_id ON volunteer_events (volunteer_id, happened_on);
