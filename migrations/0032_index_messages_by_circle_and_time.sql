-- Staff see messages by their people's and circles' areas: with the time in both indexes, the newest page and the
-- count come from the indexes alone, without reading every message in the area.
CREATE INDEX ix_messages_circle_created_at ON messages (circle_id, created_at);
