-- +goose Up
-- The services of SPEC §3 and the read state of §7. Every record names the
-- surveyor it was done for (surveyor_id) and who did it (actor_id).

-- Read state belongs to the surveyor: whoever opens it in their name reads it for them.
ALTER TABLE dossiers ADD COLUMN read_at timestamptz;
ALTER TABLE dossiers ADD COLUMN read_by uuid REFERENCES users (id);

CREATE TABLE dossier_messages (
    id              uuid PRIMARY KEY,
    dossier_number  text NOT NULL REFERENCES dossiers (number),
    subject         text NOT NULL,
    body            text NOT NULL,
    posted_at       timestamptz NOT NULL,
    posted_by       uuid NOT NULL REFERENCES users (id),
    read_at         timestamptz,
    read_by         uuid REFERENCES users (id)
);
CREATE INDEX dossier_messages_dossier ON dossier_messages (dossier_number, posted_at DESC);

CREATE TABLE communiques (
    id            uuid PRIMARY KEY,
    subject       text NOT NULL,
    body          text NOT NULL,
    published_at  timestamptz NOT NULL,
    published_by  uuid NOT NULL REFERENCES users (id)
);
CREATE TABLE communique_reads (
    communique_id  uuid NOT NULL REFERENCES communiques (id),
    surveyor_id    uuid NOT NULL REFERENCES users (id),
    read_at        timestamptz NOT NULL,
    read_by        uuid NOT NULL REFERENCES users (id),
    PRIMARY KEY (communique_id, surveyor_id)
);

CREATE TABLE closing_date_extensions (
    id              uuid PRIMARY KEY,
    dossier_number  text NOT NULL REFERENCES dossiers (number),
    previous_date   date,
    new_date        date NOT NULL,
    reason          text NOT NULL,
    requested_at    timestamptz NOT NULL,
    actor_id        uuid NOT NULL REFERENCES users (id),
    surveyor_id     uuid NOT NULL REFERENCES users (id)
);

-- Counters hand out lot, order and dossier numbers; one UPDATE ... RETURNING
-- takes a block atomically, so concurrent requests never share a number.
CREATE TABLE counters (
    name   text PRIMARY KEY,
    value  bigint NOT NULL
);
INSERT INTO counters (name, value) VALUES ('lot', 6500000), ('product_order', 0), ('dossier', 1100000);

-- The cadastre's lots as far as this service knows them.
CREATE TABLE cadastre_lots (
    number          text PRIMARY KEY CHECK (number ~ '^[0-9]{7}$'),
    status          text NOT NULL CHECK (status IN ('en_vigueur', 'correction_requise', 'reserve')),
    dossier_number  text REFERENCES dossiers (number),
    note            text NOT NULL DEFAULT '',
    updated_at      timestamptz NOT NULL
);

CREATE TABLE lot_reservations (
    id                   uuid PRIMARY KEY,
    dossier_number       text NOT NULL REFERENCES dossiers (number),
    surveyor_id          uuid NOT NULL REFERENCES users (id),
    actor_id             uuid NOT NULL REFERENCES users (id),
    first_lot            bigint NOT NULL,
    lot_count            integer NOT NULL CHECK (lot_count BETWEEN 1 AND 50),
    complementary_plans  integer NOT NULL DEFAULT 0,
    reserved_at          timestamptz NOT NULL
);
CREATE INDEX lot_reservations_surveyor ON lot_reservations (surveyor_id, reserved_at DESC);

CREATE TABLE lot_correction_checks (
    id           uuid PRIMARY KEY,
    surveyor_id  uuid NOT NULL REFERENCES users (id),
    actor_id     uuid NOT NULL REFERENCES users (id),
    results      text NOT NULL,
    checked_at   timestamptz NOT NULL
);
CREATE INDEX lot_correction_checks_surveyor ON lot_correction_checks (surveyor_id, checked_at DESC);

CREATE TABLE product_orders (
    id            uuid PRIMARY KEY,
    order_number  text NOT NULL UNIQUE,
    surveyor_id   uuid NOT NULL REFERENCES users (id),
    actor_id      uuid NOT NULL REFERENCES users (id),
    product_type  text NOT NULL,
    lots          text NOT NULL,
    quantity      integer NOT NULL,
    format        text NOT NULL,
    status        text NOT NULL,
    ordered_at    timestamptz NOT NULL
);
CREATE INDEX product_orders_surveyor ON product_orders (surveyor_id, ordered_at DESC);

CREATE TABLE dm_prevalidations (
    id           uuid PRIMARY KEY,
    surveyor_id  uuid NOT NULL REFERENCES users (id),
    actor_id     uuid NOT NULL REFERENCES users (id),
    file_name    text NOT NULL,
    size         bigint NOT NULL,
    sha256       text NOT NULL,
    valid        boolean NOT NULL,
    findings     text NOT NULL,
    checked_at   timestamptz NOT NULL
);
CREATE INDEX dm_prevalidations_surveyor ON dm_prevalidations (surveyor_id, checked_at DESC);

CREATE TABLE dm_deposits (
    id              uuid PRIMARY KEY,
    surveyor_id     uuid NOT NULL REFERENCES users (id),
    file_name       text NOT NULL,
    size            bigint NOT NULL,
    sha256          text NOT NULL,
    content         bytea NOT NULL,
    lot_count       integer NOT NULL,
    dossier_number  text NOT NULL REFERENCES dossiers (number),
    deposited_at    timestamptz NOT NULL
);
CREATE INDEX dm_deposits_surveyor ON dm_deposits (surveyor_id, deposited_at DESC);

-- +goose Down
DROP TABLE dm_deposits;
DROP TABLE dm_prevalidations;
DROP TABLE product_orders;
DROP TABLE lot_correction_checks;
DROP TABLE lot_reservations;
DROP TABLE cadastre_lots;
DROP TABLE counters;
DROP TABLE closing_date_extensions;
DROP TABLE communique_reads;
DROP TABLE communiques;
DROP TABLE dossier_messages;
ALTER TABLE dossiers DROP COLUMN read_by;
ALTER TABLE dossiers DROP COLUMN read_at;
