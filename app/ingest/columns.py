"""A table's columns as the rows built from fixtures give them: plain tuples in the order
of the table's columns (app.ingest.rows builds them, app.ingest.loader inserts them)."""

import functools
from typing import Any

from sqlalchemy import JSON, Column, Integer
from sqlalchemy import Enum as SAEnum
from sqlmodel import SQLModel

import app.store.models  # noqa: F401  (every table, with its indexes, is in the metadata)

Row = tuple[Any, ...]


@functools.cache
def columns_of(table: str) -> tuple[str, ...]:
    """The columns a row of `table` gives, in order: all but a generated integer key."""
    columns = SQLModel.metadata.tables[table].columns
    return tuple(c.name for c in columns if not _generated_key(c))


def _generated_key(column: Column[Any]) -> bool:
    table = column.table
    return (
        column.primary_key
        and isinstance(column.type, Integer)
        and len(table.primary_key.columns) == 1
        and column.autoincrement in (True, "auto")
    )


def parent_first(table: str, rows: list[Row], *refs: str) -> list[Row]:
    """Order rows so that a row referring to another row of the same table follows it."""
    columns = columns_of(table)
    key, at = columns.index("id"), [columns.index(ref) for ref in refs]
    by_id = {row[key]: row for row in rows}
    done: set[str] = set()
    out: list[Row] = []

    def visit(row: Row) -> None:
        if row[key] in done:
            return
        done.add(row[key])
        for i in at:
            target = by_id.get(row[i])
            if target is not None:
                visit(target)
        out.append(row)

    for row in rows:
        visit(row)
    return out


@functools.cache
def layout(table: str) -> tuple[tuple[str, ...], list[int], list[int]]:
    """A table's columns, and which of them hold JSON and which enums."""
    names = columns_of(table)
    columns = [SQLModel.metadata.tables[table].c[name] for name in names]
    json_at = [i for i, column in enumerate(columns) if isinstance(column.type, JSON)]
    enum_at = [i for i, column in enumerate(columns) if isinstance(column.type, SAEnum)]
    return names, json_at, enum_at
