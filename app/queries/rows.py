"""Plain SQL on the session's own connection, for the routes where SQLAlchemy's statement
building and result processing cost more than the query (the 100,000-row tables).

SQL is written once with `?` placeholders; on PostgreSQL they become `%s` and string keys
compare byte-wise (`{C}` becomes `COLLATE "C"`), as the keyset paginator does, so that both
databases give the same pages. JSON columns arrive as text from SQLite and already decoded
from PostgreSQL; `json_value` accepts both.
"""

import functools
from collections.abc import Mapping, Sequence
from enum import Enum
from typing import Any

import orjson
from sqlmodel import Session

from app.queries.filters import Filters


@functools.cache
def _dialect_sql(sql: str, dialect: str) -> str:
    if dialect == "postgresql":
        return sql.replace("%", "%%").replace("?", "%s").replace("{C}", ' COLLATE "C"')
    return sql.replace("{C}", "")


def fetch(session: Session, sql: str, params: Sequence[Any] = ()) -> list[Any]:
    """The rows (tuples) of `sql` with `params` bound in order."""
    connection = session.connection()
    cursor = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(_dialect_sql(sql, connection.dialect.name), tuple(params))
        return list(cursor.fetchall())
    finally:
        cursor.close()


def json_value(value: Any) -> Any:
    """A JSON column's value, decoded if the driver left it as text."""
    return orjson.loads(value) if isinstance(value, str | bytes) else value


def placeholders(count: int) -> str:
    """`?, ?, ...` for an IN list of `count` values."""
    return ", ".join("?" * count)


def like_contains(text: str) -> str:
    """A LIKE pattern (escape character `\\`) matching `text` anywhere."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def filter_sql(
    alias: str, filters: Filters, values: Mapping[str, Any]
) -> tuple[list[str], list[Any]]:
    """SQL conditions on `alias`, the listed table (and their parameters), for the declared
    `filters` that `values` sets: the plain-SQL reading of `app.queries.filters.narrow`, for
    filters of one table's column or of a link table's (owner, value) columns, without
    joins (`on`)."""
    conditions: list[str] = []
    args: list[Any] = []
    groups: dict[str, tuple[str, list[str], list[Any]]] = {}
    for name, value in values.items():
        spec = filters[name]
        arg = value.value if isinstance(value, Enum) else value
        if spec.link is None:
            conditions.append(f"{alias}.{spec.column.name} = ?")
            args.append(arg)
            continue
        if spec.on is not None:
            raise ValueError(f"filter {name!r} joins two tables: read it with narrow()")
        owner, linked = spec.link
        if spec.group is None:
            conditions.append(
                f"{alias}.id IN (SELECT {owner.name} FROM {owner.table.name}"
                f" WHERE {linked.name} = ?)"
            )
            args.append(arg)
            continue
        group = groups.setdefault(spec.group, (f"{owner.name} FROM {owner.table.name}", [], []))
        group[1].append(f"{linked.name} = ?")
        group[2].append(arg)
    for selected, on_row, row_args in groups.values():
        conditions.append(f"{alias}.id IN (SELECT {selected} WHERE {' AND '.join(on_row)})")
        args += row_args
    return conditions, args
