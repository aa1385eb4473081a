-- Full-text index of people's names and postcodes for search (SQLite FTS5; PostgreSQL will use its own).
CREATE VIRTUAL TABLE people_search USING fts5 (
    full_name, preferred_name, postcode,
    content = 'people', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER people_search_insert AFTER INSERT ON people BEGIN
    INSERT INTO people_search (rowid, full_name, preferred_name, postcode)
    VALUES (new.id, new.full_name, new.preferred_name, new.postcode);
END;

CREATE TRIGGER people_search_delete AFTER DELETE ON people BEGIN
    INSERT INTO people_search (people_search, rowid, full_name, preferred_name, postcode)
    VALUES ('delete', old.id, old.full_name, old.preferred_name, old.postcode);
END;

CREATE TRIGGER people_search_update AFTER UPDATE OF full_name, preferred_name, postcode ON people BEGIN
    INSERT INTO people_search (people_search, rowid, full_name, preferred_name, postcode)
    VALUES ('delete', old.id, old.full_name, old.preferred_name, old.postcode);
    INSERT INTO people_search (rowid, full_name, preferred_name, postcode)
    VALUES (new.id, new.full_name, new.preferred_name, new.postcode);
END;
