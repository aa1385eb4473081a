-- Actions: who does what by when. Some are regulated activity and need the right DBS check.
CREATE TABLE actions (
    id                   INTEGER PRIMARY KEY,
    circle_id            INTEGER NOT NULL REFERENCES circles (id) ON DELETE CASCADE,
    meeting_id           INTEGER REFERENCES meetings (id) ON DELETE SET NULL,
    description          TEXT NOT NULL,
    owner_member_id      INTEGER NOT NULL REFERENCES circle_members (id),
    due_on               TEXT,
    status               TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'dropped')),
    completed_on         TEXT,
    regulated_activity   TEXT CHECK (regulated_activity IN ('health_care', 'personal_care', 'social_work', 'cash_bills_shopping', 'own_affairs', 'conveying')),
    created_at           TEXT NOT NULL,
    created_by           INTEGER REFERENCES users (id)
);

CREATE INDEX ix_actions_circle_status ON actions (circle_id, status, due_on);
CREATE INDEX ix_actions_owner_member_id ON actions (owner_member_id, status);
