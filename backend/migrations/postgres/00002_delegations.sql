-- +goose Up
-- A delegation lets a surveyor (délégant) have a user (délégataire) act in
-- their name (SPEC §2). Rows are never deleted: ending one sets ended_at.
CREATE TABLE delegations (
    id           uuid PRIMARY KEY,
    delegant_id  uuid NOT NULL REFERENCES users (id),
    delegate_id  uuid NOT NULL REFERENCES users (id),
    created_at   timestamptz NOT NULL,
    created_by   uuid NOT NULL REFERENCES users (id),
    ended_at     timestamptz,
    ended_by     uuid REFERENCES users (id),
    end_reason   text,
    CONSTRAINT delegations_not_self CHECK (delegant_id <> delegate_id),
    CONSTRAINT delegations_end_reason CHECK (end_reason IS NULL OR end_reason IN ('removed', 'renounced', 'surveyor_status_withdrawn'))
);
-- At most one active delegation per pair, whatever the concurrency (§2.6).
CREATE UNIQUE INDEX delegations_active_pair ON delegations (delegant_id, delegate_id) WHERE ended_at IS NULL;
CREATE INDEX delegations_active_delegate ON delegations (delegate_id) WHERE ended_at IS NULL;

-- +goose Down
DROP TABLE delegations;
