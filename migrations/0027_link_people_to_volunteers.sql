-- A circle member who is one of our volunteers, so what they may be asked to do can be checked against their DBS.
ALTER TABLE people ADD COLUMN volunteer_id INTEGER REFERENCES volunteers (id);
CREATE INDEX ix_people_volunteer_id ON people (volunteer_id);
