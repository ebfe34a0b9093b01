-- +goose Up
-- API tokens for surveyor-office software (§14): stored hashed; exchanged
-- for access tokens of a session of channel 'api' linked to the token.
CREATE TABLE api_tokens (
    id           uuid PRIMARY KEY,
    user_id      uuid NOT NULL REFERENCES users (id),
    name         text NOT NULL,
    token_hash   text NOT NULL,
    created_at   timestamptz NOT NULL,
    expires_on   text NOT NULL,
    expires_at   timestamptz NOT NULL,
    last_used_at timestamptz,
    revoked_at   timestamptz
);
CREATE UNIQUE INDEX api_tokens_hash ON api_tokens (token_hash);
CREATE INDEX api_tokens_user ON api_tokens (user_id) WHERE revoked_at IS NULL;

ALTER TABLE sessions ADD COLUMN channel text NOT NULL DEFAULT 'web';
ALTER TABLE sessions ADD COLUMN api_token_id uuid REFERENCES api_tokens (id);
CREATE INDEX sessions_api_token ON sessions (api_token_id) WHERE api_token_id IS NOT NULL AND revoked_at IS NULL;

-- +goose Down
DROP INDEX sessions_api_token;
ALTER TABLE sessions DROP COLUMN api_token_id;
ALTER TABLE sessions DROP COLUMN channel;
DROP TABLE api_tokens;
