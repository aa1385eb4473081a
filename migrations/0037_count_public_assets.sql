-- Open Referral UK's unfiltered list says how many public assets there are, on every page. Counting them walked the
-- index of public assets entry by entry: 0.8 ms a request at 20,000 assets (tier L), and a harvester reading every
-- page recounted them each time. Triggers now keep the count beside the table, in the same transaction as each change,
-- so it is never out of step. Public means what the index says: every kind but an individual's gifts and skills.
CREATE TABLE public_asset_count (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n  INTEGER NOT NULL CHECK (n >= 0)
);

INSERT INTO public_asset_count (id, n) SELECT 1, count(*) FROM community_assets WHERE kind <> 'individual';

CREATE TRIGGER public_asset_count_insert AFTER INSERT ON community_assets WHEN new.kind <> 'individual' BEGIN
    UPDATE public_asset_count SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER public_asset_count_delete AFTER DELETE ON community_assets WHEN old.kind <> 'individual' BEGIN
    UPDATE public_asset_count SET n = n - 1 WHERE id = 1;
END;

CREATE TRIGGER public_asset_count_kind AFTER UPDATE OF kind ON community_assets
WHEN (old.kind <> 'individual') <> (new.kind <> 'individual') BEGIN
    UPDATE public_asset_count SET n = n + (new.kind <> 'individual') - (old.kind <> 'individual') WHERE id = 1;
END;
