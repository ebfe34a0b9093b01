-- +goose Up
-- Scoped and dated delegations (SPEC §11) and recent authentication (§12).
-- SQLite cannot change a CHECK constraint in place: the table is rebuilt
-- (nothing references it).
CREATE TABLE delegations_new (
    id               text PRIMARY KEY,
    delegant_id      text NOT NULL REFERENCES users (id),
    delegate_id      text NOT NULL REFERENCES users (id),
    created_at       datetime NOT NULL,
    created_by       text NOT NULL REFERENCES users (id),
    ended_at         datetime,
    ended_by         text REFERENCES users (id),
    end_reason       text,
    services         text NOT NULL DEFAULT 'lot_reservation,lot_correction_check,cadastre_dossiers,survey_dossiers,product_order,dm_prevalidation',
    ends_on          text,
    reminder_sent_at datetime,
    CONSTRAINT delegations_not_self CHECK (delegant_id <> delegate_id),
    CONSTRAINT delegations_end_reason CHECK (end_reason IS NULL OR end_reason IN ('removed', 'renounced', 'surveyor_status_withdrawn', 'expired')),
    CONSTRAINT delegations_services_not_empty CHECK (services <> ''),
    CONSTRAINT delegations_ends_on_format CHECK (ends_on IS NULL OR ends_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')
);
INSERT INTO delegations_new (id, delegant_id, delegate_id, created_at, created_by, ended_at, ended_by, end_reason)
    SELECT id, delegant_id, delegate_id, created_at, created_by, ended_at, ended_by, end_reason FROM delegations;
DROP TABLE delegations;
ALTER TABLE delegations_new RENAME TO delegations;
CREATE UNIQUE INDEX delegations_active_pair ON delegations (delegant_id, delegate_id) WHERE ended_at IS NULL;
CREATE INDEX delegations_active_delegate ON delegations (delegate_id) WHERE ended_at IS NULL;
CREATE INDEX delegations_dated ON delegations (ends_on) WHERE ended_at IS NULL AND ends_on IS NOT NULL;

ALTER TABLE sessions ADD COLUMN authenticated_at datetime;
UPDATE sessions SET authenticated_at = created_at;

-- +goose Down
-- The delegation columns stay (SQLite cannot drop a column a CHECK names);
-- the previous code ignores them.
ALTER TABLE sessions DROP COLUMN authenticated_at;
DROP INDEX delegations_dated;
