-- +goose Up
-- The activity log (SPEC §6): one row per action, written in the action's
-- transaction. Names are copied at the time of the action so the log stays
-- a faithful record, and so it sorts by name without joins at scale.
CREATE TABLE activities (
    id              bigserial PRIMARY KEY,
    occurred_at     timestamptz NOT NULL,
    type            text NOT NULL,
    dossier_number  text,
    actor_id        uuid NOT NULL REFERENCES users (id),
    actor_name      text NOT NULL,
    principal_id    uuid NOT NULL REFERENCES users (id),
    principal_name  text NOT NULL
);
CREATE INDEX activities_actor_time ON activities (actor_id, occurred_at DESC, id DESC);
CREATE INDEX activities_principal_time ON activities (principal_id, occurred_at DESC, id DESC);

-- Append-only: no role of the application may change or remove an entry.
-- +goose StatementBegin
CREATE FUNCTION activities_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'le journal des activités ne peut être modifié (%)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
-- +goose StatementEnd
CREATE TRIGGER activities_no_update BEFORE UPDATE OR DELETE ON activities
    FOR EACH ROW EXECUTE FUNCTION activities_append_only();
CREATE TRIGGER activities_no_truncate BEFORE TRUNCATE ON activities
    FOR EACH STATEMENT EXECUTE FUNCTION activities_append_only();

-- +goose Down
DROP TABLE activities;
DROP FUNCTION activities_append_only();
