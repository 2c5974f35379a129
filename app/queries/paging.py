"""What a list is asked for (ListQuery), and one keyset paginator for every list: opaque
cursors, stable under ties, exact totals."""

import base64
import binascii
import json
import weakref
from collections.abc import Iterable, Mapping, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Engine, Select, String, Table, func, select, tuple_
from sqlmodel import Session

from app.domain.errors import ParameterError

AnySelect = Select[*tuple[Any, ...]]


@dataclass(frozen=True)
class ListQuery:
    """What a list is asked for: its order, one page (`limit` items after `cursor`), the text
    to search, the facets to count, and its filters by name (`app.api.params` builds it from
    a request's parameters, validated there)."""

    sort: str = "name"
    limit: int = 20
    cursor: str | None = None
    q: str | None = None
    facets: tuple[str, ...] = ()
    filters: Mapping[str, Any] = field(default_factory=dict)

    def get(self, name: str) -> Any:
        """The value of filter `name`, None when not given."""
        return self.filters.get(name)


# The data version answering the current request (app.api.serving.pin sets it): sealed in the
# cursors it issues, so that the next page is read from the same version.
SERVING_VERSION: ContextVar[str | None] = ContextVar("serving_version", default=None)


def encode_cursor(sort: str, values: Sequence[Any]) -> str:
    version = SERVING_VERSION.get()
    sealed = [sort, list(values)] if version is None else [sort, list(values), version]
    raw = json.dumps(sealed, separators=(",", ":"), default=str).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decoded(cursor: str) -> Any:
    padded = cursor + "=" * (-len(cursor) % 4)
    return json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))


def cursor_version(cursor: str) -> str | None:
    """The data version a cursor was issued from (None: not said, or not a cursor)."""
    try:
        decoded = _decoded(cursor)
    except (ValueError, TypeError, binascii.Error, UnicodeError):
        return None
    if isinstance(decoded, list) and len(decoded) == 3 and isinstance(decoded[2], str):
        return decoded[2]
    return None


def decode_cursor(cursor: str, sort: str, size: int) -> list[Any]:
    try:
        decoded: Any = _decoded(cursor)
        sort_in, values, *version = decoded
        if len(version) > 1 or not all(isinstance(v, str) for v in version):
            raise ValueError("not a cursor")
    except (ValueError, TypeError, binascii.Error, UnicodeError):
        raise ParameterError("cursor", "query", "not a cursor this API issued") from None
    serving = SERVING_VERSION.get()
    if version and serving is not None and version[0] != serving:
        raise ParameterError(
            "cursor",
            "query",
            f"the cursor was issued for data version {version[0]}, which is no longer "
            "served: start again from the first page",
        )
    if sort_in != sort:
        raise ParameterError("cursor", "query", f"the cursor was issued for sort={sort_in!r}")
    valid = isinstance(values, list) and len(values) == size
    if not valid or not all(isinstance(v, str | int) and not isinstance(v, bool) for v in values):
        raise ParameterError("cursor", "query", "not a cursor this API issued")
    return list(values)


def paginate(
    session: Session,
    stmt: AnySelect,
    keys: Sequence[Any],
    sort: str,
    limit: int,
    cursor: str | None,
    total: int | None = None,
) -> tuple[list[Any], int, str | None]:
    """Run `stmt` ordered by `keys` (ending in a unique column), one page after `cursor`.

    `sort` names the order (a leading '-' means descending); it is sealed in the cursor so a
    cursor cannot be replayed under another order. Returns (rows, total, next cursor); each row
    has the columns `stmt` selects, by name (the key columns are left out).

    Rows are read with SQLAlchemy Core, not the ORM: building entities cost more than the
    query. `total`, when the caller knows it, saves counting, as does a first page that holds
    every row.
    """
    descending = sort.startswith("-")
    if session.get_bind().dialect.name == "postgresql":
        # Byte order, as on SQLite: the same pages whatever the database's collation.
        keys = [k.collate("C") if isinstance(k.type, String) else k for k in keys]
    connection = session.connection()
    labels = [f"_key{i}" for i in range(len(keys))]
    page = stmt.add_columns(*(key.label(label) for key, label in zip(keys, labels, strict=True)))
    if cursor is not None:
        after = decode_cursor(cursor, sort, len(keys))
        row_key, cursor_key = tuple_(*keys), tuple_(*after)
        page = page.where(row_key < cursor_key if descending else row_key > cursor_key)
    page = page.order_by(*(key.desc() if descending else key.asc() for key in keys))
    rows = list(connection.execute(page.limit(limit + 1)).all())
    more = len(rows) > limit
    rows = rows[:limit]
    if total is None and cursor is None and not more:
        total = len(rows)  # a first page that holds every row has counted them
    if total is None:
        counted = select(func.count()).select_from(stmt.order_by(None).subquery())
        total = connection.execute(counted).scalar_one()
    next_cursor = (
        encode_cursor(sort, [getattr(rows[-1], label) for label in labels])
        if more and rows
        else None
    )
    return rows, int(total), next_cursor


def keys_page(
    keys: Iterable[tuple[Any, ...]], sort: str, limit: int, after: Sequence[Any] | None
) -> tuple[list[tuple[Any, ...]], bool]:
    """The keyset paginator's page cut in Python from every key of a list (for a list whose
    every match is read anyway, to count it): up to `limit` keys after `after` in `sort`'s
    direction ('-' descends), and whether more follow. Python compares strings by code point,
    as SQLite (UTF-8 bytes) and PostgreSQL (COLLATE "C") do, so the pages are the same."""
    descending = sort.startswith("-")
    order = sorted(keys, reverse=descending)
    if after is not None:
        bound = tuple(after)
        order = [k for k in order if (k < bound if descending else k > bound)]
    return order[:limit], len(order) > limit


# Whole-table totals per engine (database), which cannot change once loaded.
_TABLE_TOTALS: weakref.WeakKeyDictionary[Engine, dict[str, int]] = weakref.WeakKeyDictionary()


def table_total(connection: Connection, table: Table) -> int:
    """The number of rows in `table`, counted once per database."""
    totals = _TABLE_TOTALS.setdefault(connection.engine, {})
    if table.name not in totals:
        count = connection.execute(select(func.count()).select_from(table)).scalar_one()
        totals[table.name] = int(count)
    return totals[table.name]
