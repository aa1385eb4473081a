-- Asset search near a postcode looks within a distance (10 miles unless asked wider): a box on latitude and longitude
-- reads only the assets that could be inside it, where ranking every match in the country by distance read them all.
-- Assets with no fixed place (latitude NULL) come from the same index.
CREATE INDEX ix_community_assets_location ON community_assets (latitude, longitude);
