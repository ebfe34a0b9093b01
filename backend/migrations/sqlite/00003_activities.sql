-- +goose Up
CREATE TABLE activities (
    id              integer PRIMARY KEY AUTOINCREMENT,
    occurred_at     datetime NOT NULL,
    type            text NOT NULL,
    dossier_number  text,
    actor_id        text NOT NULL REFERENCES users (id),
    actor_name      text NOT NULL,
    principal_id    text NOT NULL REFERENCES users (id),
    principal_name  text NOT NULL
);
CREATE INDEX activities_actor_time ON activities (actor_id, occurred_at DESC, id DESC);
CREATE INDEX activities_principal_time ON activities (principal_id, occurred_at DESC, id DESC);

-- +goose StatementBegin
CREATE TRIGGER activities_no_update BEFORE UPDATE ON activities
BEGIN
    SELECT RAISE(ABORT, 'le journal des activités ne peut être modifié');
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER activities_no_delete BEFORE DELETE ON activities
BEGIN
    SELECT RAISE(ABORT, 'le journal des activités ne peut être modifié');
END;
-- +goose StatementEnd

-- +goose Down
DROP TABLE activities;
