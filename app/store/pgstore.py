"""Data versions in PostgreSQL: loaded once, served by many read-only replicas.

Each data version lives in a schema of its own, named by the fixtures' content hash and the
code that builds it (``registry_<data version>_<builder>``). The schema ``registry`` holds the
catalogue of loaded versions and a one-row pointer naming the current and the previous one.

Loading (app.ingest.publish, with `new_version`, `switch` and `grant` from here) validates
the fixtures, creates the new schema, inserts every row, records the version and switches
the pointer, all in one transaction: a reader sees the old version or the new
one, never part of one. The previous version is kept (for rollback, and for cursors a client
is still following); older ones are dropped afterwards. Loading a version that is already
there only moves the pointer (a rollback is a load of the old fixtures, or `rollback`).

Servers read the pointer (`read_pointer`) and open a version (`open_version`) on a connection
whose ``search_path`` is that schema: queries name tables as usual, and every query of one
engine reads one version. A server needs only USAGE and SELECT, which loading grants to the
reader roles it is given; `write_rights` says what else a role may do.
"""

import json
import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC
from typing import Any

from sqlalchemy import Connection, text

from app.store.db import Database
from app.store.version import LoadResult, builder_fingerprint

log = logging.getLogger("app")

CONTROL = "registry"
LOCK = 20230822  # pg_advisory_xact_lock key: one loader at a time (the loader's own, too)
CONTROL_DDL = (
    f"CREATE SCHEMA IF NOT EXISTS {CONTROL}",
    f"""CREATE TABLE IF NOT EXISTS {CONTROL}.version (
        schema_name text PRIMARY KEY,
        data_version text NOT NULL,
        loaded_at timestamptz NOT NULL,
        meta jsonb NOT NULL
    )""",
    f"""CREATE TABLE IF NOT EXISTS {CONTROL}.pointer (
        one boolean PRIMARY KEY DEFAULT true CHECK (one),
        current text NOT NULL REFERENCES {CONTROL}.version,
        previous text REFERENCES {CONTROL}.version ON DELETE SET NULL,
        switched_at timestamptz NOT NULL DEFAULT now()
    )""",
)


@dataclass(frozen=True)
class Pointer:
    current: str
    previous: str | None


class AlreadyLoaded(Exception):
    """The data version being loaded is there already (another loader got there first)."""


def schema_name(data_version: str) -> str:
    return f"registry_{data_version}_{builder_fingerprint()}"


def quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def read_pointer(connection: Connection) -> Pointer | None:
    """The current and previous version's schemas; None when nothing was ever loaded."""
    exists = connection.execute(
        text("SELECT to_regclass(:name) IS NOT NULL"), {"name": f"{CONTROL}.pointer"}
    ).scalar_one()
    if not exists:
        return None
    row = connection.execute(text(f"SELECT current, previous FROM {CONTROL}.pointer")).first()
    return Pointer(row[0], row[1]) if row is not None else None


def _result(row: Any) -> LoadResult:
    meta = row.meta if isinstance(row.meta, dict) else json.loads(row.meta)
    loaded_at = row.loaded_at.astimezone(UTC)  # HTTP dates want UTC itself, not an offset
    return LoadResult(row.data_version, loaded_at, meta["counts"], meta["files"])


def version_of(connection: Connection, schema: str) -> LoadResult | None:
    row = connection.execute(
        text(f"SELECT data_version, loaded_at, meta FROM {CONTROL}.version WHERE schema_name = :s"),
        {"s": schema},
    ).first()
    return _result(row) if row is not None else None


def schema_of(connection: Connection, data_version: str) -> str | None:
    """The kept schema holding `data_version` (built by this code), if any."""
    schema = schema_name(data_version)
    found = connection.execute(
        text(f"SELECT 1 FROM {CONTROL}.version WHERE schema_name = :s"), {"s": schema}
    ).first()
    return schema if found is not None else None


def open_version(url: str, schema: str) -> tuple[Database, LoadResult]:
    """A read-only database whose every connection reads `schema`, with its version."""
    database = Database(url, schema=schema)
    database.read_only = True
    try:
        with database.engine.connect() as connection:
            result = version_of(connection, schema)
    except BaseException:
        database.close()
        raise
    if result is None:
        database.close()
        raise LookupError(f"data version schema {schema} is not in {CONTROL}.version")
    return database, result


def write_rights(connection: Connection, schema: str) -> list[str]:
    """What the connected role may do beyond reading (empty for a read-only role)."""
    row = connection.execute(
        text(
            """
            SELECT current_user AS role,
                   (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser,
                   has_database_privilege(current_database(), 'CREATE') AS create_schema,
                   has_schema_privilege(:control, 'CREATE') AS create_control,
                   has_schema_privilege(:schema, 'CREATE') AS create_version,
                   (SELECT string_agg(schemaname || '.' || tablename, ', ' ORDER BY 1)
                      FROM pg_tables
                     WHERE schemaname IN (:control, :schema)
                       AND has_table_privilege(
                             quote_ident(schemaname) || '.' || quote_ident(tablename),
                             'INSERT, UPDATE, DELETE, TRUNCATE')) AS writable_tables
            """
        ),
        {"control": CONTROL, "schema": schema},
    ).one()
    rights = []
    if row.superuser:
        rights.append(f"role {row.role} is a superuser")
    if row.create_schema:
        rights.append(f"role {row.role} may create schemas in the database")
    if row.create_control or row.create_version:
        rights.append(f"role {row.role} may create tables in {CONTROL} or {schema}")
    if row.writable_tables:
        rights.append(f"role {row.role} may change {row.writable_tables}")
    return rights


@contextmanager
def new_version(database: Database, schema: str) -> Iterator[Connection]:
    """A transaction that creates `schema` and reads and writes in it (for
    app.ingest.loader.load); raises AlreadyLoaded, before any change, when that version is
    already there."""
    with database.engine.begin() as connection:
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": LOCK})
        for ddl in CONTROL_DDL:
            connection.exec_driver_sql(ddl)
        # The trigram operators for the search index (app.store.search_index), once per
        # database; pg_trgm is a trusted extension, so the loader role may create it.
        connection.exec_driver_sql(f"CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA {CONTROL}")
        if version_of(connection, schema) is not None:
            raise AlreadyLoaded  # another loader got there first
        connection.exec_driver_sql(f"DROP SCHEMA IF EXISTS {quote(schema)} CASCADE")
        connection.exec_driver_sql(f"CREATE SCHEMA {quote(schema)}")
        connection.exec_driver_sql(f"SET LOCAL search_path TO {quote(schema)}")
        yield connection


def switch(connection: Connection, schema: str) -> None:
    """Make `schema` current, the current one previous (inside the caller's transaction)."""
    pointer = read_pointer(connection)
    if pointer is None:
        connection.execute(
            text(f"INSERT INTO {CONTROL}.pointer (current) VALUES (:s)"), {"s": schema}
        )
    elif pointer.current != schema:
        connection.execute(
            text(
                f"UPDATE {CONTROL}.pointer SET current = :s, previous = current, "
                "switched_at = now()"
            ),
            {"s": schema},
        )


def grant(connection: Connection, schema: str, readers: Sequence[str]) -> None:
    for reader in readers:
        role = quote(reader)
        connection.exec_driver_sql(f"GRANT USAGE ON SCHEMA {CONTROL} TO {role}")
        connection.exec_driver_sql(f"GRANT SELECT ON ALL TABLES IN SCHEMA {CONTROL} TO {role}")
        connection.exec_driver_sql(f"GRANT USAGE ON SCHEMA {quote(schema)} TO {role}")
        connection.exec_driver_sql(
            f"GRANT SELECT ON ALL TABLES IN SCHEMA {quote(schema)} TO {role}"
        )


def rollback(url: str) -> Pointer:
    """Make the previous version current again (and the current one previous)."""
    database = Database(url)
    try:
        with database.engine.begin() as connection:
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": LOCK})
            pointer = read_pointer(connection)
            if pointer is None or pointer.previous is None:
                raise LookupError("no previous data version to roll back to")
            connection.execute(
                text(
                    f"UPDATE {CONTROL}.pointer SET current = previous, previous = current, "
                    "switched_at = now()"
                )
            )
            return Pointer(pointer.previous, pointer.current)
    finally:
        database.close()


def prune(database: Database, keep: int) -> list[str]:
    """Drop the versions beyond the `keep` most recent (never the current or the previous).
    A drop waits at most 10 s for readers still holding the old schema; one that cannot is
    left for the next load."""
    dropped: list[str] = []
    with database.engine.connect() as connection:
        pointer = read_pointer(connection)
        rows = connection.execute(
            text(f"SELECT schema_name FROM {CONTROL}.version ORDER BY loaded_at DESC")
        ).all()
    if pointer is None:
        return dropped
    held = {pointer.current, pointer.previous}
    kept = [row[0] for row in rows if row[0] in held]
    others = [row[0] for row in rows if row[0] not in held]
    for schema in others[max(0, keep - len(kept)) :]:
        try:
            with database.engine.begin() as connection:
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": LOCK})
                connection.exec_driver_sql("SET LOCAL lock_timeout = '10s'")
                connection.execute(
                    text(f"DELETE FROM {CONTROL}.version WHERE schema_name = :s"), {"s": schema}
                )
                connection.exec_driver_sql(f"DROP SCHEMA IF EXISTS {quote(schema)} CASCADE")
            dropped.append(schema)
        except Exception as exc:  # pruning is housekeeping: the load itself succeeded
            log.warning("could not drop old data version %s yet: %s", schema, exc)
    return dropped
