-- Accounts for ASP.NET Core Identity (our own Dapper store), their roles and areas.
CREATE TABLE users (
    id                    INTEGER PRIMARY KEY,
    user_name             TEXT NOT NULL,
    normalized_user_name  TEXT NOT NULL,
    email                 TEXT NOT NULL,
    normalized_email      TEXT NOT NULL,
    email_confirmed       INTEGER NOT NULL DEFAULT 0,
    display_name          TEXT NOT NULL,
    password_hash         TEXT,
    security_stamp        TEXT NOT NULL,
    concurrency_stamp     TEXT NOT NULL,
    lockout_end           TEXT,
    lockout_enabled       INTEGER NOT NULL DEFAULT 1,
    access_failed_count   INTEGER NOT NULL DEFAULT 0,
    two_factor_enabled    INTEGER NOT NULL DEFAULT 0,
    authenticator_key     TEXT,
    recovery_codes        TEXT,
    created_at            TEXT NOT NULL,
    disabled_at           TEXT,
    last_sign_in_at       TEXT
);

CREATE UNIQUE INDEX ux_users_normalized_user_name ON users (normalized_user_name);
CREATE UNIQUE INDEX ux_users_normalized_email ON users (normalized_email);
CREATE INDEX ix_users_display_name ON users (display_name COLLATE NOCASE);

CREATE TABLE user_roles (
    user_id  INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role     TEXT NOT NULL CHECK (role IN ('Administrator', 'Coordinator', 'Connector', 'Volunteer')),
    PRIMARY KEY (user_id, role)
);

CREATE INDEX ix_user_roles_role ON user_roles (role, user_id);

CREATE TABLE user_areas (
    user_id  INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    area_id  INTEGER NOT NULL REFERENCES areas (id),
    PRIMARY KEY (user_id, area_id)
);

CREATE INDEX ix_user_areas_area_id ON user_areas (area_id, user_id);
