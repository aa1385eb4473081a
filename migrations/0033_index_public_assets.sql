-- Open Referral UK lists every asset except individuals (whose details are never published). Counting them read the
-- whole table, wide rows and all (5 ms at 20,000 assets); this partial index holds just their ids, and it orders the
-- unfiltered list by id too.
CREATE INDEX ix_community_assets_public ON community_assets (id) WHERE kind <> 'individual';
