#!/bin/sh
# Creates the loader role (may create schemas: publishes data versions) and the reader role
# (may only connect; `python -m app load` grants it SELECT on each version it publishes).
# Run once by PostgreSQL's image on an empty data directory (/docker-entrypoint-initdb.d).
set -eu
psql -v ON_ERROR_STOP=1 --username "${POSTGRES_USER:-postgres}" --dbname "${POSTGRES_DB:-registry}" \
  -v db="${POSTGRES_DB:-registry}" -v loader_password="$REGISTRY_LOADER_PASSWORD" -v reader_password="$REGISTRY_READER_PASSWORD" <<'SQL'
CREATE ROLE registry_loader LOGIN PASSWORD :'loader_password';
CREATE ROLE registry_reader LOGIN PASSWORD :'reader_password';
GRANT CREATE ON DATABASE :"db" TO registry_loader;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
SQL
