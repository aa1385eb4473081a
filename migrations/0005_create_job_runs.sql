-- When each scheduled job last ran, so administrators can see the scheduler is alive.
CREATE TABLE job_runs (
    job_id       TEXT PRIMARY KEY,
    last_run_at  TEXT NOT NULL,
    run_count    INTEGER NOT NULL DEFAULT 0
);
