-- +goose Up
-- Scoped and dated delegations (SPEC §11) and recent authentication (§12).

-- services: the delegable service codes granted, comma-separated (every one
-- of them for delegations given before scopes existed). ends_on: the last
-- day in force, a Québec calendar date written YYYY-MM-DD (it compares as
-- text). reminder_sent_at: when the seven-day reminder was queued, so it is
-- sent once whatever the number of instances.
ALTER TABLE delegations
    ADD COLUMN services text NOT NULL DEFAULT 'lot_reservation,lot_correction_check,cadastre_dossiers,survey_dossiers,product_order,dm_prevalidation',
    ADD COLUMN ends_on text,
    ADD COLUMN reminder_sent_at timestamptz,
    ADD CONSTRAINT delegations_services_not_empty CHECK (services <> ''),
    ADD CONSTRAINT delegations_ends_on_format CHECK (ends_on IS NULL OR ends_on ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$');
ALTER TABLE delegations DROP CONSTRAINT delegations_end_reason;
ALTER TABLE delegations ADD CONSTRAINT delegations_end_reason
    CHECK (end_reason IS NULL OR end_reason IN ('removed', 'renounced', 'surveyor_status_withdrawn', 'expired'));
-- The deadline worker's scan: dated delegations still in force.
CREATE INDEX delegations_dated ON delegations (ends_on) WHERE ended_at IS NULL AND ends_on IS NOT NULL;

-- When the user last entered their password in this session (login,
-- reauthentication, password change).
ALTER TABLE sessions ADD COLUMN authenticated_at timestamptz;
UPDATE sessions SET authenticated_at = created_at;

-- +goose Down
ALTER TABLE sessions DROP COLUMN authenticated_at;
DROP INDEX delegations_dated;
ALTER TABLE delegations DROP CONSTRAINT delegations_end_reason;
UPDATE delegations SET end_reason = 'removed' WHERE end_reason = 'expired';
ALTER TABLE delegations ADD CONSTRAINT delegations_end_reason
    CHECK (end_reason IS NULL OR end_reason IN ('removed', 'renounced', 'surveyor_status_withdrawn'));
ALTER TABLE delegations DROP COLUMN services, DROP COLUMN ends_on, DROP COLUMN reminder_sent_at;
