"""Records whose searchable texts contain `q` (a substring, case- and accent-folded), read
from search_record: one row per record, numbered in the order (kind, sort_name, record_id).

A kind's records are one range of row numbers, in the order of their lists by name. So the
first page of a kind's matches by name is the first matching rows of its range, which the
trigram index (SQLite, app.store.search_index) walks in row order and stops after; the total
is a count over the index alone; and a cursor is a row number to start after. Neither grows
with the number of matches but by the index's own work. On PostgreSQL, and for needles of
fewer than 3 characters, the same statements test the folded text with LIKE (PostgreSQL's
trigram GIN index serves it)."""

import weakref
from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Engine, func, literal_column, tuple_
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from app.domain.text import fold
from app.queries.paging import AnySelect
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


def _hits(session: Session, q: str) -> tuple[Any, ColumnElement[bool]]:
    """The row-number column to select, and the condition under which its rows are those
    whose folded texts contain `q`: the index's rowid, or search_record's own row."""
    needle = fold(q)
    if uses_search_index(session, needle):
        match = literal_column(SEARCH_INDEX.name).op("MATCH")(fts_phrase(needle))
        return SEARCH_INDEX.c.rowid, match
    return ROW, col(SearchRecord.folded).contains(needle, autoescape=True)


def hit_rows(session: Session, kind: str | None, q: str) -> AnySelect:
    """Row numbers of the records (of `kind`, or of every kind) that match `q`."""
    row, hit = _hits(session, q)
    rows = sa_select(row).where(hit)
    return rows.where(row.between(*kind_rows(session, kind))) if kind else rows


def matching(session: Session, kind: str, q: str) -> AnySelect:
    """Ids of `kind`'s records that match `q`."""
    return select(SearchRecord.record_id).where(ROW.in_(hit_rows(session, kind, q)))


def count_matches(session: Session, kind: str | None, q: str) -> int:
    """How many records (of `kind`, or of every kind) match `q`: a count over the index."""
    counted = sa_select(func.count()).select_from(hit_rows(session, kind, q).subquery())
    return int(session.connection().execute(counted).scalar_one())


def sort_key(session: Session) -> tuple[ColumnElement[str], ColumnElement[str]]:
    """(sort_name, record_id), compared byte-wise as the rows are numbered."""
    sort_name: ColumnElement[str] = SearchRecord.__table__.c.sort_name  # type: ignore[attr-defined]
    record_id: ColumnElement[str] = SearchRecord.__table__.c.record_id  # type: ignore[attr-defined]
    if session.get_bind().dialect.name == "postgresql":
        return sort_name.collate("C"), record_id.collate("C")
    return sort_name, record_id


def after_key(session: Session, key: Sequence[Any], descending: bool) -> ColumnElement[bool]:
    """Records after the cursor key `key` (sort_name, record_id) in the list's direction."""
    row_key, cursor_key = tuple_(*sort_key(session)), tuple_(*key)
    return row_key < cursor_key if descending else row_key > cursor_key


def first_matches(
    session: Session,
    kind: str,
    q: str,
    limit: int,
    descending: bool = False,
    after: Sequence[Any] | ColumnElement[bool] | None = None,
) -> list[Any]:
    """Up to `limit` of `kind`'s records that match `q`, by name (descending: backwards),
    after `after`: a cursor key (sort_name, record_id), or a condition on search_record's
    sort columns. Rows of (row, record_id, name, sort_name).

    Rows are numbered in key order, so the records after a key are those beyond one row
    number (found through the primary key's order within the kind), and the index walks
    its matches from there."""
    row, hit = _hits(session, q)
    first, last = kind_rows(session, kind)
    rows = sa_select(row).where(hit, row.between(first, last))
    if after is not None:
        beyond = (
            after if isinstance(after, ColumnElement) else after_key(session, after, descending)
        )
        at = (
            sa_select(func.max(ROW) if descending else func.min(ROW))
            .where(col(SearchRecord.kind) == kind, beyond, ROW.between(first, last))
            .scalar_subquery()
        )
        edge = func.coalesce(at, first - 1 if descending else last + 1)
        rows = rows.where(row <= edge if descending else row >= edge)
    rows = rows.order_by(row.desc() if descending else row).limit(limit)
    found = sa_select(
        ROW,
        col(SearchRecord.record_id),
        col(SearchRecord.name),
        col(SearchRecord.sort_name),
    ).where(ROW.in_(rows))
    out = list(session.connection().execute(found).all())
    out.sort(key=lambda r: r[0], reverse=descending)
    return out
