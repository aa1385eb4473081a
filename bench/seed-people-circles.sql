-- Bulk data for query-plan checks and benchmarks: 100,000 people across 10 areas, 10,000 circles
-- with members, meetings and actions. Deterministic; run on a migrated database with no people yet.
-- A connector for area 1 is created by the caller.
BEGIN;

INSERT INTO areas (name, created_at)
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10)
SELECT 'Bench area ' || i, '2026-01-01T00:00:00.0000000Z' FROM n
WHERE NOT EXISTS (SELECT 1 FROM areas WHERE name = 'Bench area ' || i);

INSERT INTO people (full_name, preferred_name, postcode, area_id, preferred_channel, member_only, created_at, updated_at)
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)
SELECT
    (CASE i % 8 WHEN 0 THEN 'Margaret' WHEN 1 THEN 'John' WHEN 2 THEN 'Aisha' WHEN 3 THEN 'Tomasz' WHEN 4 THEN 'Mary'
                WHEN 5 THEN 'David' WHEN 6 THEN 'Priya' ELSE 'George' END) || ' ' ||
    (CASE (i / 8) % 10 WHEN 0 THEN 'Jones' WHEN 1 THEN 'Smith' WHEN 2 THEN 'Khan' WHEN 3 THEN 'Nowak' WHEN 4 THEN 'Williams'
                       WHEN 5 THEN 'Brown' WHEN 6 THEN 'Patel' WHEN 7 THEN 'Taylor' WHEN 8 THEN 'Evans' ELSE 'Walker' END) || ' ' || i,
    CASE WHEN i % 5 = 0 THEN 'Pal ' || i END,
    'EF' || (i % 20) || ' ' || (i % 9) || 'AB',
    (SELECT id FROM areas WHERE name = 'Bench area ' || (1 + i % 10)),
    'phone', CASE WHEN i % 10 >= 8 THEN 1 ELSE 0 END,
    '2026-01-01T00:00:00.0000000Z', '2026-01-01T00:00:00.0000000Z'
FROM n;

INSERT INTO introductions (person_id, introduced_by, introduced_on, level, status, created_at)
SELECT id, 'self', '2026-10-01', 1 + (id % 2), CASE WHEN id % 3 = 0 THEN 'new' ELSE 'in_conversation' END, '2026-10-01T00:00:00.0000000Z'
FROM people WHERE member_only = 0;

INSERT INTO circles (focus_person_id, purpose, area_id, status, created_at, updated_at)
SELECT id, 'See people every week',
       area_id,
       CASE id % 6 WHEN 0 THEN 'enquiry' WHEN 1 THEN 'forming' WHEN 2 THEN 'active' WHEN 3 THEN 'active' WHEN 4 THEN 'self_sustaining' ELSE 'closed' END,
       '2026-02-01T00:00:00.0000000Z', '2026-02-01T00:00:00.0000000Z'
FROM people WHERE member_only = 0 AND id % 7 = 1 LIMIT 10000;

INSERT INTO circle_members (circle_id, person_id, role, joined_on)
SELECT id, focus_person_id, 'focus', '2026-02-01' FROM circles;

INSERT INTO circle_members (circle_id, person_id, role, joined_on)
SELECT c.id, c.focus_person_id + 1, 'family', '2026-02-01' FROM circles c;

INSERT INTO meetings (circle_id, starts_at, ends_at, place, status, created_at)
SELECT id, '2026-' || printf('%02d', 1 + id % 12) || '-15T14:00:00.0000000Z', '2026-' || printf('%02d', 1 + id % 12) || '-15T15:30:00.0000000Z',
       'Church hall', CASE WHEN id % 12 < 10 THEN 'held' ELSE 'planned' END, '2026-01-01T00:00:00.0000000Z'
FROM circles;

INSERT INTO actions (circle_id, description, owner_member_id, due_on, status, created_at)
SELECT m.circle_id, 'Find out about the allotment society', m.id, '2026-' || printf('%02d', 1 + m.id % 12) || '-20',
       CASE WHEN m.id % 3 = 0 THEN 'done' ELSE 'open' END, '2026-01-01T00:00:00.0000000Z'
FROM circle_members m;

COMMIT;
ANALYZE;
