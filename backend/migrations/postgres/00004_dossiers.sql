-- +goose Up
-- Dossiers of the cadastre and of surveying (SPEC §3), each with one
-- responsible surveyor.
CREATE TABLE dossiers (
    number          text PRIMARY KEY,
    kind            text NOT NULL CHECK (kind IN ('cadastre', 'arpentage')),
    title           text NOT NULL,
    status          text NOT NULL CHECK (status IN ('ouvert', 'en_traitement', 'ferme')),
    closing_date    date,
    responsible_id  uuid NOT NULL REFERENCES users (id),
    opened_at       timestamptz NOT NULL,
    CONSTRAINT dossiers_number_format CHECK (number ~ '^[0-9]{7}$')
);
CREATE INDEX dossiers_responsible ON dossiers (responsible_id, kind, opened_at DESC);

-- +goose Down
DROP TABLE dossiers;
