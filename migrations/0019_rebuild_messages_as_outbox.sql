-- The messages table becomes the outbox: every message Circles will send, when it is due, what happened to it and why.
CREATE TABLE outbox_messages (
    id                  INTEGER PRIMARY KEY,
    dedupe_key          TEXT NOT NULL,
    template            TEXT NOT NULL,
    source_type         TEXT,
    source_id           INTEGER,
    circle_id           INTEGER REFERENCES circles (id) ON DELETE SET NULL,
    person_id           INTEGER REFERENCES people (id) ON DELETE SET NULL,
    user_id             INTEGER REFERENCES users (id) ON DELETE SET NULL,
    channel             TEXT NOT NULL CHECK (channel IN ('Email', 'Text')),
    recipient           TEXT,
    subject             TEXT NOT NULL,
    body                TEXT NOT NULL,
    unsubscribe_url     TEXT,
    due_at              TEXT NOT NULL,
    expires_at          TEXT,
    next_attempt_at     TEXT NOT NULL,
    status              TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'delivered', 'failed', 'cancelled', 'suppressed')),
    status_reason       TEXT,
    attempts            INTEGER NOT NULL DEFAULT 0,
    last_error          TEXT,
    sender              TEXT,
    provider_reference  TEXT,
    claim_id            TEXT,
    claimed_at          TEXT,
    sent_at             TEXT,
    delivered_at        TEXT,
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL
);

INSERT INTO outbox_messages (id, dedupe_key, template, channel, recipient, subject, body, due_at, next_attempt_at, status, attempts, sender, sent_at, created_at, updated_at)
SELECT id, 'before-outbox:' || id, template, channel, recipient, subject, body, created_at, created_at, 'sent', 1, sender, sent_at, created_at, created_at
FROM messages;

DROP TABLE messages;
ALTER TABLE outbox_messages RENAME TO messages;

CREATE UNIQUE INDEX ux_messages_dedupe_key ON messages (dedupe_key);
CREATE INDEX ix_messages_due ON messages (next_attempt_at) WHERE status = 'pending';
CREATE INDEX ix_messages_claimed ON messages (claimed_at) WHERE status = 'sending';
CREATE INDEX ix_messages_source ON messages (source_type, source_id, status);
CREATE INDEX ix_messages_circle ON messages (circle_id, template, status);
CREATE INDEX ix_messages_person ON messages (person_id, created_at);
CREATE INDEX ix_messages_user ON messages (user_id, created_at);
CREATE INDEX ix_messages_created_at ON messages (created_at);
CREATE INDEX ix_messages_status_created_at ON messages (status, created_at);
CREATE INDEX ix_messages_provider_reference ON messages (provider_reference) WHERE provider_reference IS NOT NULL;

-- What happened to each message, in order: the answer to "why didn't this send?".
CREATE TABLE message_events (
    id          INTEGER PRIMARY KEY,
    message_id  INTEGER NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    at          TEXT NOT NULL,
    status      TEXT NOT NULL,
    detail      TEXT,
    user_id     INTEGER REFERENCES users (id)
);

CREATE INDEX ix_message_events_message_id ON message_events (message_id, id);

INSERT INTO message_events (message_id, at, status, detail)
SELECT id, created_at, 'sent', 'Sent before the outbox existed' FROM messages;

-- People (and users) who asked not to be sent messages on a channel, and when.
CREATE TABLE message_opt_outs (
    id            INTEGER PRIMARY KEY,
    person_id     INTEGER REFERENCES people (id) ON DELETE CASCADE,
    user_id       INTEGER REFERENCES users (id) ON DELETE CASCADE,
    channel       TEXT NOT NULL CHECK (channel IN ('Email', 'Text')),
    opted_out_at  TEXT NOT NULL,
    how           TEXT NOT NULL,
    recorded_by   INTEGER REFERENCES users (id),
    CHECK ((person_id IS NULL) <> (user_id IS NULL))
);

CREATE UNIQUE INDEX ux_message_opt_outs_person ON message_opt_outs (person_id, channel) WHERE person_id IS NOT NULL;
CREATE UNIQUE INDEX ux_message_opt_outs_user ON message_opt_outs (user_id, channel) WHERE user_id IS NOT NULL;
