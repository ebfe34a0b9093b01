-- +goose Up
CREATE TABLE dossiers (
    number          text PRIMARY KEY,
    kind            text NOT NULL CHECK (kind IN ('cadastre', 'arpentage')),
    title           text NOT NULL,
    status          text NOT NULL CHECK (status IN ('ouvert', 'en_traitement', 'ferme')),
    closing_date    date,
    responsible_id  text NOT NULL REFERENCES users (id),
    opened_at       datetime NOT NULL,
    CONSTRAINT dossiers_number_format CHECK (length(number) = 7 AND number NOT GLOB '*[^0-9]*')
);
CREATE INDEX dossiers_responsible ON dossiers (responsible_id, kind, opened_at DESC);

-- +goose Down
DROP TABLE dossiers;
