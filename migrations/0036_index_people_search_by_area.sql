-- People search matched a name across the whole country, then looked up every match to keep those in the viewer's
-- areas ("smith" read 5,000 people at tier L to show 20). The area is now in the full-text index too, so words and
-- reach are matched together in the index; it is there for reach only and counts for nothing in the ranking.
DROP TRIGGER people_search_insert;
DROP TRIGGER people_search_delete;
DROP TRIGGER people_search_update;
DROP TABLE people_search;

CREATE VIRTUAL TABLE people_search USING fts5 (
    full_name, preferred_name, postcode, area_id,
    content = 'people', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
);

INSERT INTO people_search (people_search, rank) VALUES ('rank', 'bm25(1.0, 1.0, 1.0, 0.0)');
INSERT INTO people_search (people_search) VALUES ('rebuild');

CREATE TRIGGER people_search_insert AFTER INSERT ON people BEGIN
    INSERT INTO people_search (rowid, full_name, preferred_name, postcode, area_id)
    VALUES (new.id, new.full_name, new.preferred_name, new.postcode, new.area_id);
END;

CREATE TRIGGER people_search_delete AFTER DELETE ON people BEGIN
    INSERT INTO people_search (people_search, rowid, full_name, preferred_name, postcode, area_id)
    VALUES ('delete', old.id, old.full_name, old.preferred_name, old.postcode, old.area_id);
END;

CREATE TRIGGER people_search_update AFTER UPDATE OF full_name, preferred_name, postcode, area_id ON people BEGIN
    INSERT INTO people_search (people_search, rowid, full_name, preferred_name, postcode, area_id)
    VALUES ('delete', old.id, old.full_name, old.preferred_name, old.postcode, old.area_id);
    INSERT INTO people_search (rowid, full_name, preferred_name, postcode, area_id)
    VALUES (new.id, new.full_name, new.preferred_name, new.postcode, new.area_id);
END;
