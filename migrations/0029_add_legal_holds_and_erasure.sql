-- A legal hold stops a person being erased (who set it, when and why); erased_at marks a record whose details are gone.
ALTER TABLE people ADD COLUMN legal_hold_reason TEXT;
ALTER TABLE people ADD COLUMN legal_hold_by INTEGER REFERENCES users (id);
ALTER TABLE people ADD COLUMN legal_hold_at TEXT;
ALTER TABLE people ADD COLUMN erased_at TEXT;
