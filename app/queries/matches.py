"""Records whose searchable texts contain `q` (a substring, case- and accent-folded), read
from search_record: one row per record, numbered in the order (kind, sort_name, record_id).

A kind's records are one range of row numbers, in the order of their lists by name. So the
first page of a kind's matches by name is the first matching rows of its range, which the
trigram index (SQLite, app.store.search_index) walks in row order and stops after; the total
is a count over the index alone; and a cursor is a row number to start after. Neither grows
with the number of matches but by the index's own work. On PostgreSQL, and for needles of
fewer than 3 characters, the same statements test the folded text with LIKE (PostgreSQL's
trigram GIN index serves it)."""

import functools
import weakref
from collections.abc import Sequence
from typing import Any, Literal

from sqlalchemy import (
    ColumnElement,
    Engine,
    bindparam,
    func,
    literal_column,
    tuple_,
    union_all,
)
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from app.domain.text import fold
from app.queries.paging import AnySelect
from app.queries.rows import like_contains
from app.store.models.search import SearchRecord
from app.store.search_index import SEARCH_INDEX

ROW = col(SearchRecord.row)

# Each kind's first and last row number, per database: fixed once it is loaded.
_KIND_ROWS: weakref.WeakKeyDictionary[Engine, dict[str, tuple[int, int]]] = (
    weakref.WeakKeyDictionary()
)


def kind_rows(session: Session, kind: str) -> tuple[int, int]:
    """The first and last row numbers of `kind`'s records ((1, 0), an empty range, if none)."""
    connection = session.connection()
    ranges = _KIND_ROWS.get(connection.engine)
    if ranges is None:
        found = connection.execute(
            sa_select(col(SearchRecord.kind), func.min(ROW), func.max(ROW)).group_by(
                col(SearchRecord.kind)
            )
        )
        ranges = {kind: (int(lo), int(hi)) for kind, lo, hi in found}
        _KIND_ROWS[connection.engine] = ranges
    return ranges.get(kind, (1, 0))


def uses_search_index(session: Session, needle: str) -> bool:
    """Whether the trigram index (SQLite) can find `needle`: 3 characters or more."""
    return len(needle) >= 3 and session.get_bind().dialect.name == "sqlite"


def fts_phrase(needle: str) -> str:
    """An FTS5 phrase: on a trigram index, the rows containing `needle` as a substring."""
    return '"' + needle.replace('"', '""') + '"'


def _hits(indexed: bool, needle: Any = None) -> tuple[Any, ColumnElement[bool]]:
    """The row-number column to select, and the condition under which its rows are those
    whose folded texts contain `needle` (else the bound parameter `needle`): the index's
    rowid (`needle` an FTS5 phrase), or search_record's own row (`needle` a LIKE pattern)."""
    value = bindparam("needle") if needle is None else needle
    if indexed:
        return SEARCH_INDEX.c.rowid, literal_column(SEARCH_INDEX.name).op("MATCH")(value)
    return ROW, col(SearchRecord.folded).like(value, escape="\\")


def needle_of(session: Session, q: str) -> tuple[bool, str]:
    """Whether the index serves `q`, and the value to bind as `needle`."""
    needle = fold(q)
    if uses_search_index(session, needle):
        return True, fts_phrase(needle)
    return False, like_contains(needle)


def hit_rows(session: Session, kind: str, q: str) -> AnySelect:
    """Row numbers of `kind`'s records that match `q` (its own values, not bound names: a
    statement may hold several)."""
    row, hit = _hits(*needle_of(session, q))
    return sa_select(row).where(hit, row.between(*kind_rows(session, kind)))


def matching(session: Session, kind: str, q: str) -> AnySelect:
    """Ids of `kind`'s records that match `q`."""
    return select(SearchRecord.record_id).where(ROW.in_(hit_rows(session, kind, q)))


@functools.cache
def _count(indexed: bool, every_kind: bool) -> AnySelect:
    row, hit = _hits(indexed)
    counted = sa_select(func.count()).select_from(row.table).where(hit)
    return (
        counted if every_kind else counted.where(row.between(bindparam("first"), bindparam("last")))
    )


def count_matches(session: Session, kind: str | None, q: str) -> int:
    """How many records (of `kind`, or of every kind) match `q`: a count over the index."""
    indexed, needle = needle_of(session, q)
    first, last = kind_rows(session, kind) if kind else (0, 0)
    counted = _count(indexed, kind is None)
    values = (
        {"needle": needle} if kind is None else {"needle": needle, "first": first, "last": last}
    )
    return int(session.connection().execute(counted, values).scalar_one())


# Where a page starts, given the cursor: after a (sort_name, record_id) key in the list's
# direction ("key"), or at the first name from `after_name` on ("name>=") or after it ("name>").
After = Literal["key", "name>=", "name>"] | None


@functools.cache
def _rows(indexed: bool, descending: bool, after: After, byte_order: bool, n: int) -> AnySelect:
    """Row numbers of up to `limit_<n>` rows between `first_<n>` and `last_<n>` that match
    `needle`, in row order (descending: backwards), from where `after` says (`after_name_<n>`,
    `after_id_<n>`, in kind `kind_<n>`): the `n`th of the ranges one statement reads."""
    row, hit = _hits(indexed)
    first: Any = bindparam(f"first_{n}")
    last: Any = bindparam(f"last_{n}")
    rows = sa_select(row).where(hit, row.between(first, last))
    if after is not None:
        sort_name: ColumnElement[str] = SearchRecord.__table__.c.sort_name  # type: ignore[attr-defined]
        record_id: ColumnElement[str] = SearchRecord.__table__.c.record_id  # type: ignore[attr-defined]
        if byte_order:
            sort_name, record_id = sort_name.collate("C"), record_id.collate("C")
        name: Any = bindparam(f"after_name_{n}")
        key = tuple_(sort_name, record_id)
        cursor = tuple_(name, bindparam(f"after_id_{n}"))
        beyond = {
            "key": key < cursor if descending else key > cursor,
            "name>=": sort_name >= name,
            "name>": sort_name > name,
        }[after]
        # Rows are numbered in key order: the rows beyond the key start at one row number,
        # the first beyond it in key order, found by a seek in (kind, sort_name, record_id).
        kind = col(SearchRecord.kind) == bindparam(f"kind_{n}")
        order = (sort_name.desc(), record_id.desc()) if descending else (sort_name, record_id)
        at = sa_select(ROW).where(kind, beyond).order_by(*order).limit(1).scalar_subquery()
        edge = func.coalesce(at, first - 1 if descending else last + 1)
        rows = rows.where(row <= edge if descending else row >= edge)
    return rows.order_by(row.desc() if descending else row).limit(bindparam(f"limit_{n}"))


@functools.cache
def _first(
    indexed: bool, descending: bool, afters: tuple[After, ...], byte_order: bool
) -> AnySelect:
    """(row, kind, record_id, name, sort_name) of the first matches of several kinds' ranges
    (`_rows`), in one statement."""
    parts = [_rows(indexed, descending, after, byte_order, n) for n, after in enumerate(afters)]
    if len(parts) == 1:
        rows: Any = parts[0]
    else:  # a compound's members cannot be limited themselves: each is read from a subquery
        members = [sa_select(part.subquery().c[0]) for part in parts]
        rows = union_all(*members)
    return sa_select(
        ROW,
        col(SearchRecord.kind),
        col(SearchRecord.record_id),
        col(SearchRecord.name),
        col(SearchRecord.sort_name),
    ).where(ROW.in_(rows))


Wanted = tuple[str, Sequence[Any] | None, After]
"""A kind, the cursor key (sort_name, record_id) to start after (or None), and how (`After`)."""


def first_matches(
    session: Session, q: str, limit: int, wanted: Sequence[Wanted], descending: bool = False
) -> list[Any]:
    """Up to `limit` records of each wanted kind that match `q`, by name (descending:
    backwards), in one statement: rows of (row, kind, record_id, name, sort_name) in row
    order. A kind's cursor key selects those after it (`"key"`), or from its name on
    (`"name>="`) or after its name (`"name>"`)."""
    indexed, needle = needle_of(session, q)
    postgresql = session.get_bind().dialect.name == "postgresql"
    values: dict[str, Any] = {"needle": needle}
    afters: list[After] = []
    for n, (kind, after, how) in enumerate(wanted):
        values[f"first_{n}"], values[f"last_{n}"] = kind_rows(session, kind)
        values[f"limit_{n}"], values[f"kind_{n}"] = limit, kind
        afters.append(how if after is not None else None)
        if after is not None:
            values[f"after_name_{n}"] = after[0]
            values[f"after_id_{n}"] = after[1] if len(after) > 1 else ""
    statement = _first(indexed, descending, tuple(afters), postgresql)
    out = list(session.connection().execute(statement, values).all())
    out.sort(key=lambda r: r[0], reverse=descending)
    return out
