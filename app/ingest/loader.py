"""Validated fixtures -> rows, inserted in one transaction (all of the data or none of it)."""

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import Connection, Table, text
from sqlalchemy.schema import CreateTable
from sqlmodel import SQLModel

from app.ingest.columns import Row, columns_of, layout
from app.ingest.derived import Finish, derive
from app.ingest.rows import build_rows
from app.ingest.validate import collector_paused, validate
from app.store.search_index import (
    create_search_index,
    drop_search_index,
    fill_search_records,
)
from app.store.version import LoadResult, content_hash


def _insert_sqlite(connection: Connection, table: Table, rows: list[Row], finish: Finish) -> None:
    """Insert `rows` (plain values, JSON as text) with the driver's own executemany:
    SQLAlchemy's per-row parameter processing cost twice the inserts themselves."""
    names = columns_of(table.name)
    sql = f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
    for start in range(0, len(rows), INSERT_CHUNK):
        connection.exec_driver_sql(sql, [finish(row) for row in rows[start : start + INSERT_CHUNK]])


def _insert(connection: Connection, table: Table, rows: list[Row], finish: Finish) -> None:
    """Insert `rows` through SQLAlchemy (PostgreSQL), their JSON text passed through as is."""
    names, json_at, _ = layout(table.name)
    for start in range(0, len(rows), INSERT_CHUNK):
        params = []
        for row in rows[start : start + INSERT_CHUNK]:
            values = list(finish(row))
            for i in json_at:
                values[i] = orjson.Fragment(values[i])
            params.append(dict(zip(names, values, strict=True)))
        connection.execute(table.insert(), params)


INSERT_CHUNK = 20_000


def _as_it_is(row: Row) -> Row:
    return row


def insert_rows(
    connection: Connection, tables: dict[str, list[Row]], finish: dict[str, Finish]
) -> None:
    """Recreate the schema and insert every row, each table's through its `finish` (which
    fills in derived columns; app.ingest.derived); the caller holds the transaction. Each
    table's rows are let go once inserted."""
    metadata = SQLModel.metadata
    sqlite = connection.dialect.name == "sqlite"
    if connection.dialect.name == "postgresql":
        # Replicas starting together on one database load it one after the other.
        connection.execute(text("SELECT pg_advisory_xact_lock(20230822)"))
    drop_search_index(connection)
    metadata.drop_all(connection)
    for table in metadata.sorted_tables:
        connection.execute(CreateTable(table))
    for table in metadata.sorted_tables:
        rows = tables.pop(table.name, [])
        finish_row = finish.get(table.name, _as_it_is)
        if rows and sqlite:
            _insert_sqlite(connection, table, rows, finish_row)
        elif rows:
            _insert(connection, table, rows, finish_row)
        del rows
    fill_search_records(connection)
    # Indexes once the rows are in: building one is faster than keeping it up row by row.
    for table in metadata.sorted_tables:
        for index in sorted(table.indexes, key=lambda index: str(index.name)):
            index.create(connection)
    create_search_index(connection)
    # Statistics, so that the planner knows a filter's selectivity (e.g. sorting by name then
    # filtering beats filtering then sorting, for a filter that half the rows pass).
    connection.execute(text("ANALYZE"))


def load(
    paths: list[Path],
    begin: Callable[[], Any],
    finish: Callable[[Connection, LoadResult], None] | None = None,
) -> LoadResult:
    """Validate `paths`, then insert everything inside the transaction `begin()` opens;
    `finish`, when given, runs last in that transaction (app.ingest.publish publishes there).

    Raises FixtureInvalid before touching the database when any fixture is wrong.
    """
    with collector_paused():
        registry = validate(paths)
        files = [str(f.document.path.name) for f in registry.files]
        tables = build_rows(registry)
        del registry  # the rows hold what is inserted
        finish_rows = derive(tables)
        counts = {
            "sources": len(tables.get("source", [])),
            "places": len(tables.get("place", [])),
            "organizations": len(tables.get("organization", [])),
            "delegates": len(tables.get("person", [])),
            "delegations": len(tables.get("delegation", [])),
            "cooperation_areas": len(tables.get("cooperation_area", [])),
            "events": len(tables.get("event", [])),
        }
        result = LoadResult(content_hash(paths), datetime.now(UTC), counts, files)
        with begin() as connection:
            insert_rows(connection, tables, finish_rows)
            if finish is not None:
                finish(connection, result)
    return result
