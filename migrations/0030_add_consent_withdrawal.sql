-- Consent to hold a person's details can be withdrawn: the day, who recorded it, and how the person told us.
ALTER TABLE people ADD COLUMN consent_withdrawn_on TEXT;
ALTER TABLE people ADD COLUMN consent_withdrawn_by INTEGER REFERENCES users (id);
ALTER TABLE people ADD COLUMN consent_withdrawn_how TEXT;
