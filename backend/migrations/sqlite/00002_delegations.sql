-- +goose Up
CREATE TABLE delegations (
    id           text PRIMARY KEY,
    delegant_id  text NOT NULL REFERENCES users (id),
    delegate_id  text NOT NULL REFERENCES users (id),
    created_at   datetime NOT NULL,
    created_by   text NOT NULL REFERENCES users (id),
    ended_at     datetime,
    ended_by     text REFERENCES users (id),
    end_reason   text,
    CONSTRAINT delegations_not_self CHECK (delegant_id <> delegate_id),
    CONSTRAINT delegations_end_reason CHECK (end_reason IS NULL OR end_reason IN ('removed', 'renounced', 'surveyor_status_withdrawn'))
);
CREATE UNIQUE INDEX delegations_active_pair ON delegations (delegant_id, delegate_id) WHERE ended_at IS NULL;
CREATE INDEX delegations_active_delegate ON delegations (delegate_id) WHERE ended_at IS NULL;

-- +goose Down
DROP TABLE delegations;
