-- +goose Up
-- SPEC §13, an audit trail that names things.
--
-- Each entry says what it was about in French (detail: « Édith Descartes »,
-- « Lots 6 123 401, 6 123 402 »...) and through which channel it came (web:
-- the portal; api: an API token of §14). Entries written before this version
-- keep a null detail; they all came through the portal. Adding a column with
-- a constant default rewrites nothing and fires no trigger.
ALTER TABLE activities
    ADD COLUMN detail  text,
    ADD COLUMN channel text NOT NULL DEFAULT 'web' CHECK (channel IN ('web', 'api'));

-- The administration journal: administrators' actions (surveyor status
-- granted or withdrawn, dossiers opened, messages and communiqués posted)
-- and the command line's. A table of its own rather than a scope column on
-- activities: the users' log keeps its two covering indexes and its
-- queries unchanged (no extra condition on the hot path at 10 million
-- entries), and no administration entry can ever leak into a surveyor's
-- « Suivi des activités » through a forgotten filter. Same columns, so the
-- same code reads, sorts, filters and exports both.
CREATE TABLE admin_activities (
    id                   bigserial PRIMARY KEY,
    occurred_at          timestamptz NOT NULL,
    type                 text NOT NULL,
    dossier_number       text,
    actor_id             uuid NOT NULL REFERENCES users (id),
    actor_name           text NOT NULL,
    actor_first_name     text NOT NULL,
    actor_last_name      text NOT NULL,
    actor_matricule      text,
    actor_sort           text NOT NULL,
    principal_id         uuid NOT NULL REFERENCES users (id),
    principal_name       text NOT NULL,
    principal_first_name text NOT NULL,
    principal_last_name  text NOT NULL,
    principal_matricule  text,
    principal_sort       text NOT NULL,
    detail               text,
    channel              text NOT NULL DEFAULT 'web' CHECK (channel IN ('web', 'api'))
);
CREATE INDEX admin_activities_time ON admin_activities (occurred_at DESC, id DESC);
-- Append-only like the activity log, with the same trigger function: the
-- runtime role gets INSERT and SELECT only on every table it guards
-- (store.AppendOnlyTables).
CREATE TRIGGER admin_activities_no_update BEFORE UPDATE OR DELETE ON admin_activities
    FOR EACH ROW EXECUTE FUNCTION activities_append_only();
CREATE TRIGGER admin_activities_no_truncate BEFORE TRUNCATE ON admin_activities
    FOR EACH STATEMENT EXECUTE FUNCTION activities_append_only();

-- Withdrawing surveyor status keeps the record: who withdrew it and when.
-- A withdrawn row delegates nothing and acts for nobody: every read of
-- surveyors filters withdrawn_at IS NULL. A matricule is unique among the
-- surveyors in office; re-granting the same person brings their row back.
ALTER TABLE surveyors
    ADD COLUMN withdrawn_at timestamptz,
    ADD COLUMN withdrawn_by uuid REFERENCES users (id);
DROP INDEX surveyors_matricule;
CREATE UNIQUE INDEX surveyors_matricule ON surveyors (matricule) WHERE withdrawn_at IS NULL;

-- The named actor of command-line actions (« Système (ligne de commande) »).
-- Its keys begin with a space, which no folded input can: nobody can log in
-- as it, find it, reset its password or delegate to it; its password hash
-- is not a hash.
INSERT INTO users (id, username, username_key, email, email_key, first_name, last_name,
    password_hash, password_changed_at, is_admin, created_at, updated_at)
VALUES ('00000000-0000-4000-8000-00000000c11a', 'systeme', ' systeme', '', ' systeme',
    'Système', '(ligne de commande)', '!', now(), false, now(), now());

-- +goose Down
DROP INDEX surveyors_matricule;
DELETE FROM surveyors WHERE withdrawn_at IS NOT NULL;
CREATE UNIQUE INDEX surveyors_matricule ON surveyors (matricule);
ALTER TABLE surveyors DROP COLUMN withdrawn_by, DROP COLUMN withdrawn_at;
DROP TABLE admin_activities;
ALTER TABLE activities DROP COLUMN channel, DROP COLUMN detail;
