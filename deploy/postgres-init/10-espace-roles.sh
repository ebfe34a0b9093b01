#!/bin/sh
# Run once by the postgres image on an empty data directory: the database of
# the service, owned by espace_owner (who runs the migrations), and the role
# the service runs as, espace_app, which `espace migrate` grants no more than
# it needs: INSERT and SELECT only on the activity log (SPEC §17).
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v owner_password="$ESPACE_OWNER_PASSWORD" -v app_password="$ESPACE_APP_PASSWORD" <<'SQL'
CREATE ROLE espace_owner LOGIN PASSWORD :'owner_password';
CREATE ROLE espace_app LOGIN PASSWORD :'app_password';
CREATE DATABASE espace OWNER espace_owner;
\connect espace
-- Only the owner creates objects; nobody else gets rights by default.
ALTER SCHEMA public OWNER TO espace_owner;
REVOKE ALL ON SCHEMA public FROM PUBLIC;
REVOKE ALL ON DATABASE espace FROM PUBLIC;
GRANT CONNECT ON DATABASE espace TO espace_app;
SQL
