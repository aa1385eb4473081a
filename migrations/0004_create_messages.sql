-- Messages sent to people (invitations, password resets): the record staff see on the Messages page.
CREATE TABLE messages (
    id          INTEGER PRIMARY KEY,
    created_at  TEXT NOT NULL,
    channel     TEXT NOT NULL CHECK (channel IN ('Email', 'Text')),
    recipient   TEXT NOT NULL,
    template    TEXT NOT NULL,
    subject     TEXT NOT NULL,
    body        TEXT NOT NULL,
    status      TEXT NOT NULL,
    sender      TEXT NOT NULL,
    sent_at     TEXT
);

CREATE INDEX ix_messages_created_at ON messages (created_at);
