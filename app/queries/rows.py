"""Plain SQL on the session's own connection, for the routes where SQLAlchemy's statement
building and result processing cost more than the query (the 100,000-row tables).

SQL is written once with `?` placeholders; on PostgreSQL they become `%s` and string keys
compare byte-wise (`{C}` becomes `COLLATE "C"`), as the keyset paginator does, so that both
databases give the same pages. JSON columns arrive as text from SQLite and already decoded
from PostgreSQL; `json_value` accepts both.
"""

import functools
from collections.abc import Sequence
from typing import Any

import orjson
from sqlmodel import Session


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
