-- 20,000 community assets around one town, with interests, regular times and postcodes, for the asset search
-- benchmark and query-plan checks. Deterministic; run on a migrated database with no assets yet.
BEGIN;

INSERT INTO areas (name, created_at)
SELECT 'Bench area 1', '2026-01-01T00:00:00.0000000Z' WHERE NOT EXISTS (SELECT 1 FROM areas WHERE name = 'Bench area 1');

INSERT INTO postcodes (postcode, latitude, longitude)
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 399)
SELECT 'EF' || (i / 20) || ' ' || (i % 10) || char(65 + (i % 20)) || 'B', 51.45 + (i / 20) * 0.005, -0.20 + (i % 20) * 0.008 FROM n
WHERE true ON CONFLICT (postcode) DO NOTHING;

INSERT INTO interests (name, created_at)
SELECT name, '2026-01-01T00:00:00.0000000Z' FROM (
  SELECT 'knitting' AS name UNION ALL SELECT 'gardening' UNION ALL SELECT 'walking' UNION ALL SELECT 'singing' UNION ALL SELECT 'football'
  UNION ALL SELECT 'tea' UNION ALL SELECT 'crafts' UNION ALL SELECT 'reading' UNION ALL SELECT 'bowls' UNION ALL SELECT 'cooking')
WHERE true ON CONFLICT DO NOTHING;

INSERT INTO community_assets (uid, name, kind, description, postcode, latitude, longitude, accessibility, status, area_id, tags,
                              last_verified_on, created_at, updated_at)
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
SELECT
    lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-8' || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))),
    (CASE i % 10 WHEN 0 THEN 'Knit and Natter' WHEN 1 THEN 'Garden club' WHEN 2 THEN 'Walking group' WHEN 3 THEN 'Community choir'
                 WHEN 4 THEN 'Walking football' WHEN 5 THEN 'Tea dance' WHEN 6 THEN 'Craft café' WHEN 7 THEN 'Book club'
                 WHEN 8 THEN 'Bowls club' ELSE 'Lunch club' END) || ' ' || i,
    CASE i % 6 WHEN 0 THEN 'association' WHEN 1 THEN 'institution' WHEN 2 THEN 'physical_space' WHEN 3 THEN 'local_economy'
               WHEN 4 THEN 'culture' ELSE 'association' END,
    'A friendly group that meets in the community centre. Everyone welcome, first visit free, tea and biscuits. ' || i,
    'EF' || ((i % 400) / 20) || ' ' || ((i % 400) % 10) || char(65 + ((i % 400) % 20)) || 'B',
    51.45 + ((i % 400) / 20) * 0.005 + (i % 7) * 0.0003, -0.20 + ((i % 400) % 20) * 0.008 + (i % 5) * 0.0003,
    CASE i % 3 WHEN 0 THEN ',step_free,hearing_loop,' WHEN 1 THEN ',step_free,' ELSE ',' END,
    CASE WHEN i % 20 = 0 THEN 'inactive' WHEN i % 15 = 0 THEN 'temporarily_closed' ELSE 'active' END,
    (SELECT id FROM areas WHERE name = 'Bench area 1'),
    CASE i % 10 WHEN 0 THEN 'knitting, tea' WHEN 1 THEN 'gardening' WHEN 2 THEN 'walking' WHEN 3 THEN 'singing' WHEN 4 THEN 'football, walking'
                WHEN 5 THEN 'tea' WHEN 6 THEN 'crafts, tea' WHEN 7 THEN 'reading' WHEN 8 THEN 'bowls' ELSE 'cooking, tea' END,
    date('2026-11-01', '-' || (i % 500) || ' days'), '2026-01-01T00:00:00.0000000Z', '2026-01-01T00:00:00.0000000Z'
FROM n;

INSERT INTO asset_interests (asset_id, interest_id)
SELECT a.id, i.id FROM community_assets a JOIN interests i ON (', ' || a.tags || ',') LIKE ('%, ' || i.name || ',%');

INSERT INTO asset_schedules (uid, asset_id, freq, interval, byday, opens_at, closes_at)
SELECT lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-8' || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))), id,
       CASE WHEN id % 2 = 0 THEN 'WEEKLY' ELSE 'MONTHLY' END, 1,
       CASE id % 4 WHEN 0 THEN 'TU' WHEN 1 THEN '2TU,4TU' WHEN 2 THEN 'MO,TH' ELSE '1FR' END,
       '10:00', '12:00'
FROM community_assets;

COMMIT;
