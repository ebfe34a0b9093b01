-- +goose Up
-- See the PostgreSQL migration of the same version for the why.
ALTER TABLE activities ADD COLUMN actor_first_name text NOT NULL DEFAULT '';
ALTER TABLE activities ADD COLUMN actor_last_name text NOT NULL DEFAULT '';
ALTER TABLE activities ADD COLUMN actor_matricule text;
ALTER TABLE activities ADD COLUMN actor_sort text NOT NULL DEFAULT '';
ALTER TABLE activities ADD COLUMN principal_first_name text NOT NULL DEFAULT '';
ALTER TABLE activities ADD COLUMN principal_last_name text NOT NULL DEFAULT '';
ALTER TABLE activities ADD COLUMN principal_matricule text;
ALTER TABLE activities ADD COLUMN principal_sort text NOT NULL DEFAULT '';

-- Entries written before this version (the append-only trigger is lifted for
-- this one-time schema change only, then restored as it was).
DROP TRIGGER activities_no_update;
UPDATE activities SET
    actor_first_name     = CASE WHEN instr(actor_name, ' ') > 0 THEN substr(actor_name, 1, instr(actor_name, ' ') - 1) ELSE actor_name END,
    actor_last_name      = CASE WHEN instr(actor_name, ' ') > 0 THEN substr(actor_name, instr(actor_name, ' ') + 1) ELSE '' END,
    actor_matricule      = (SELECT matricule FROM surveyors WHERE user_id = actor_id),
    actor_sort           = lower(actor_name),
    principal_first_name = CASE WHEN instr(principal_name, ' ') > 0 THEN substr(principal_name, 1, instr(principal_name, ' ') - 1) ELSE principal_name END,
    principal_last_name  = CASE WHEN instr(principal_name, ' ') > 0 THEN substr(principal_name, instr(principal_name, ' ') + 1) ELSE '' END,
    principal_matricule  = (SELECT matricule FROM surveyors WHERE user_id = principal_id),
    principal_sort       = lower(principal_name);
-- +goose StatementBegin
CREATE TRIGGER activities_no_update BEFORE UPDATE ON activities
BEGIN
    SELECT RAISE(ABORT, 'le journal des activités ne peut être modifié');
END;
-- +goose StatementEnd

-- As on PostgreSQL, each branch of the table's query can filter and sort from
-- its index alone (SQLite has no INCLUDE: the extra columns go at the end of
-- the key, which serves the same purpose).
DROP INDEX activities_actor_time;
CREATE INDEX activities_actor_time ON activities (actor_id, occurred_at DESC, id DESC,
    principal_id, type, dossier_number, actor_sort, principal_sort);
DROP INDEX activities_principal_time;
CREATE INDEX activities_principal_time ON activities (principal_id, occurred_at DESC, id DESC,
    actor_id, type, dossier_number, actor_sort, principal_sort);

-- +goose Down
DROP INDEX activities_actor_time;
CREATE INDEX activities_actor_time ON activities (actor_id, occurred_at DESC, id DESC);
DROP INDEX activities_principal_time;
CREATE INDEX activities_principal_time ON activities (principal_id, occurred_at DESC, id DESC);
ALTER TABLE activities DROP COLUMN actor_first_name;
ALTER TABLE activities DROP COLUMN actor_last_name;
ALTER TABLE activities DROP COLUMN actor_matricule;
ALTER TABLE activities DROP COLUMN actor_sort;
ALTER TABLE activities DROP COLUMN principal_first_name;
ALTER TABLE activities DROP COLUMN principal_last_name;
ALTER TABLE activities DROP COLUMN principal_matricule;
ALTER TABLE activities DROP COLUMN principal_sort;
