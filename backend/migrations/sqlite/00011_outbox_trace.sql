-- +goose Up
-- See the PostgreSQL migration of the same version for the why.
ALTER TABLE outbox ADD COLUMN trace_parent text;

-- +goose Down
ALTER TABLE outbox DROP COLUMN trace_parent;
