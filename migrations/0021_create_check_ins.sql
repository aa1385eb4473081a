-- Check-ins: the raw answers to the standard measures, never the scores (those are worked out in code).
CREATE TABLE check_ins (
    id            INTEGER PRIMARY KEY,
    person_id     INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    taken_at      TEXT NOT NULL,
    method        TEXT NOT NULL CHECK (method IN ('in_person', 'phone', 'video', 'text_reply', 'link_reply')),
    recorded_by   INTEGER REFERENCES users (id),
    request_id    INTEGER REFERENCES check_in_requests (id),
    created_at    TEXT NOT NULL
);

CREATE INDEX ix_check_ins_person_taken_at ON check_ins (person_id, taken_at);

CREATE TABLE check_in_answers (
    check_in_id  INTEGER NOT NULL REFERENCES check_ins (id) ON DELETE CASCADE,
    question     TEXT NOT NULL,
    answer       TEXT NOT NULL,
    PRIMARY KEY (check_in_id, question)
);

-- The ONS question sent to a person who agreed to be asked by message: one per person per due date. The link's
-- signed token names the request; answering it once uses it up.
CREATE TABLE check_in_requests (
    id            INTEGER PRIMARY KEY,
    person_id     INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    due_on        TEXT NOT NULL,
    asked_at      TEXT NOT NULL,
    expires_at    TEXT NOT NULL,
    -- The signed token in the question's link, made once so the message text never changes.
    token         TEXT,
    answered_at   TEXT,
    check_in_id   INTEGER REFERENCES check_ins (id) ON DELETE SET NULL,
    UNIQUE (person_id, due_on)
);

CREATE INDEX ix_check_in_requests_open ON check_in_requests (answered_at, asked_at);

-- Whether the person agreed to be sent the check-in question by text or email, and when they said so.
ALTER TABLE check_in_cadences ADD COLUMN ask_by_message_since TEXT;

-- Follow-up tasks: a worrying answer or no reply puts a task in front of a person, never a decision about them.
CREATE TABLE follow_up_tasks (
    id                INTEGER PRIMARY KEY,
    person_id         INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    assigned_user_id  INTEGER REFERENCES users (id),
    reason            TEXT NOT NULL CHECK (reason IN ('worrying_answer', 'no_reply', 'unreadable_reply')),
    check_in_id       INTEGER REFERENCES check_ins (id) ON DELETE SET NULL,
    request_id        INTEGER REFERENCES check_in_requests (id) ON DELETE SET NULL,
    -- A text they sent that was not a number answering a question, kept for the connector to read.
    reply_text        TEXT,
    dedupe_key        TEXT NOT NULL UNIQUE,
    due_on            TEXT NOT NULL,
    created_at        TEXT NOT NULL,
    closed_at         TEXT,
    closed_by         INTEGER REFERENCES users (id),
    closing_note      TEXT
);

CREATE INDEX ix_follow_up_tasks_assigned_open ON follow_up_tasks (assigned_user_id, closed_at, due_on);
CREATE INDEX ix_follow_up_tasks_person ON follow_up_tasks (person_id, created_at);
