-- +goose Up
CREATE TABLE users (
    id                  text PRIMARY KEY,
    username            text NOT NULL,
    username_key        text NOT NULL,
    email               text NOT NULL,
    email_key           text NOT NULL,
    first_name          text NOT NULL,
    last_name           text NOT NULL,
    password_hash       text NOT NULL,
    password_changed_at datetime NOT NULL,
    is_admin            boolean NOT NULL DEFAULT 0,
    created_at          datetime NOT NULL,
    updated_at          datetime NOT NULL
);
-- Uniqueness is case-insensitive: the *_key columns hold the folded form.
CREATE UNIQUE INDEX users_username_key ON users (username_key);
CREATE UNIQUE INDEX users_email_key ON users (email_key);

CREATE TABLE surveyors (
    user_id    text PRIMARY KEY REFERENCES users (id),
    matricule  text NOT NULL,
    granted_at datetime NOT NULL,
    granted_by text REFERENCES users (id)
);
CREATE UNIQUE INDEX surveyors_matricule ON surveyors (matricule);

CREATE TABLE sessions (
    id                 text PRIMARY KEY,
    user_id            text NOT NULL REFERENCES users (id),
    acting_for_user_id text REFERENCES users (id),
    created_at         datetime NOT NULL,
    last_used_at       datetime NOT NULL,
    expires_at         datetime NOT NULL,
    revoked_at         datetime,
    revoked_reason     text,
    client_ip          text NOT NULL DEFAULT '',
    user_agent         text NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions (user_id) WHERE revoked_at IS NULL;

CREATE TABLE refresh_tokens (
    id          text PRIMARY KEY,
    session_id  text NOT NULL REFERENCES sessions (id),
    token_hash  text NOT NULL,
    created_at  datetime NOT NULL,
    expires_at  datetime NOT NULL,
    rotated_at  datetime
);
CREATE UNIQUE INDEX refresh_tokens_hash ON refresh_tokens (token_hash);
CREATE INDEX refresh_tokens_session ON refresh_tokens (session_id);

CREATE TABLE one_time_tokens (
    id          text PRIMARY KEY,
    user_id     text NOT NULL REFERENCES users (id),
    purpose     text NOT NULL,
    token_hash  text NOT NULL,
    created_at  datetime NOT NULL,
    expires_at  datetime NOT NULL,
    used_at     datetime
);
CREATE UNIQUE INDEX one_time_tokens_hash ON one_time_tokens (token_hash);

CREATE TABLE outbox (
    id              integer PRIMARY KEY AUTOINCREMENT,
    recipient       text NOT NULL,
    subject         text NOT NULL,
    text_body       text NOT NULL,
    html_body       text NOT NULL DEFAULT '',
    created_at      datetime NOT NULL,
    attempts        integer NOT NULL DEFAULT 0,
    next_attempt_at datetime NOT NULL,
    last_attempt_at datetime,
    last_error      text NOT NULL DEFAULT '',
    sent_at         datetime
);
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE sent_at IS NULL;

-- +goose Down
DROP TABLE outbox;
DROP TABLE one_time_tokens;
DROP TABLE refresh_tokens;
DROP TABLE sessions;
DROP TABLE surveyors;
DROP TABLE users;
