-- +goose Up
-- See the PostgreSQL migration of the same version for the why.
ALTER TABLE activities ADD COLUMN detail text;
ALTER TABLE activities ADD COLUMN channel text NOT NULL DEFAULT 'web' CHECK (channel IN ('web', 'api'));

CREATE TABLE admin_activities (
    id                   integer PRIMARY KEY AUTOINCREMENT,
    occurred_at          datetime NOT NULL,
    type                 text NOT NULL,
    dossier_number       text,
    actor_id             text NOT NULL REFERENCES users (id),
    actor_name           text NOT NULL,
    actor_first_name     text NOT NULL,
    actor_last_name      text NOT NULL,
    actor_matricule      text,
    actor_sort           text NOT NULL,
    principal_id         text NOT NULL REFERENCES users (id),
    principal_name       text NOT NULL,
    principal_first_name text NOT NULL,
    principal_last_name  text NOT NULL,
    principal_matricule  text,
    principal_sort       text NOT NULL,
    detail               text,
    channel              text NOT NULL DEFAULT 'web' CHECK (channel IN ('web', 'api'))
);
CREATE INDEX admin_activities_time ON admin_activities (occurred_at DESC, id DESC);
-- +goose StatementBegin
CREATE TRIGGER admin_activities_no_update BEFORE UPDATE ON admin_activities
BEGIN
    SELECT RAISE(ABORT, 'le journal d''administration ne peut être modifié');
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER admin_activities_no_delete BEFORE DELETE ON admin_activities
BEGIN
    SELECT RAISE(ABORT, 'le journal d''administration ne peut être modifié');
END;
-- +goose StatementEnd

ALTER TABLE surveyors ADD COLUMN withdrawn_at datetime;
ALTER TABLE surveyors ADD COLUMN withdrawn_by text REFERENCES users (id);
DROP INDEX surveyors_matricule;
CREATE UNIQUE INDEX surveyors_matricule ON surveyors (matricule) WHERE withdrawn_at IS NULL;

INSERT INTO users (id, username, username_key, email, email_key, first_name, last_name,
    password_hash, password_changed_at, is_admin, created_at, updated_at)
VALUES ('00000000-0000-4000-8000-00000000c11a', 'systeme', ' systeme', '', ' systeme',
    'Système', '(ligne de commande)', '!', CURRENT_TIMESTAMP, 0, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP);

-- +goose Down
DROP INDEX surveyors_matricule;
DELETE FROM surveyors WHERE withdrawn_at IS NOT NULL;
CREATE UNIQUE INDEX surveyors_matricule ON surveyors (matricule);
ALTER TABLE surveyors DROP COLUMN withdrawn_by;
ALTER TABLE surveyors DROP COLUMN withdrawn_at;
DROP TABLE admin_activities;
ALTER TABLE activities DROP COLUMN channel;
ALTER TABLE activities DROP COLUMN detail;
