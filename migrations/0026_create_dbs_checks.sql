-- DBS checks for volunteers: level, workforce, certificate, Update Service, and when the organisation re-checks.
CREATE TABLE dbs_checks (
    id                          INTEGER PRIMARY KEY,
    volunteer_id                INTEGER NOT NULL REFERENCES volunteers (id) ON DELETE CASCADE,
    level                       TEXT NOT NULL CHECK (level IN ('basic', 'standard', 'enhanced', 'enhanced_barred')),
    workforce                   TEXT NOT NULL CHECK (workforce IN ('adult', 'child', 'adult_and_child', 'other')),
    issued_on                   TEXT NOT NULL,
    certificate_number          TEXT NOT NULL,
    update_service              INTEGER NOT NULL DEFAULT 0,
    status_checked_on           TEXT,
    recheck_due_on              TEXT NOT NULL,
    recorded_at                 TEXT NOT NULL,
    recorded_by                 INTEGER REFERENCES users (id)
);

CREATE INDEX ix_dbs_checks_volunteer_id ON dbs_checks (volunteer_id, issued_on);
CREATE INDEX ix_dbs_checks_recheck_due_on ON dbs_checks (recheck_due_on);
