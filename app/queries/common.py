"""Helpers every resource's queries share: summaries in bulk, records by id, sorting."""

import functools
from collections.abc import Iterable
from typing import Any

from sqlalchemy import bindparam
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from app.domain.text import fold
from app.queries.paging import AnySelect, paginate
from app.store.models.common import FIRST_LINKED, Record, Summary


def summaries(
    session: Session, model: type[Record], ids: Iterable[str | None]
) -> dict[str, Summary]:
    """{id: Summary} for every id given, in one query."""
    wanted = {i for i in ids if i}
    if not wanted:
        return {}
    stmt = select(model.id, model.name).where(col(model.id).in_(wanted))
    rows = session.connection().execute(stmt).all()
    return {row[0]: Summary(id=row[0], name=row[1]) for row in rows}


def summary_list(session: Session, model: type[Record], ids: Iterable[str]) -> list[Summary]:
    """Summaries of `ids`, sorted by name."""
    found = summaries(session, model, ids)
    return sorted(found.values(), key=lambda s: (fold(s.name), s.id))


def first_summaries(
    session: Session, model: type[Record], stmt: AnySelect
) -> tuple[list[Summary], int]:
    """The first FIRST_LINKED records of `stmt` (a select of `model`, filtered as its list
    filters it) in the list's default order, by name, and how many there are: a LIMIT and a
    count in SQL, so that a detail costs the same however many records link to it."""
    named = stmt.with_only_columns(col(model.id), col(model.name))
    rows, total, _ = paginate(session, named, sort_keys(model, "name"), "name", FIRST_LINKED, None)
    return [Summary(id=row.id, name=row.name) for row in rows], total


def sort_keys(model: type[Record], sort: str, extra: dict[str, Any] | None = None) -> list[Any]:
    """Key columns for `sort` ('name', 'id', or a resource's own, '-' for descending)."""
    name = sort.removeprefix("-")
    if name == "id":
        return [col(model.id)]
    if extra and name in extra:
        first = extra[name]
        return [
            *(first if isinstance(first, list) else [first]),
            col(model.sort_name),
            col(model.id),
        ]
    return [col(model.sort_name), col(model.id)]


def fetch_rows(session: Session, stmt: Any) -> list[Any]:
    """The rows of `stmt`, their columns by name (SQLAlchemy Core: a select of a table model
    reads its columns; no ORM entities are built)."""
    return list(session.connection().execute(stmt).all())


def fetch_values(session: Session, stmt: Any) -> list[Any]:
    """The first column of each row of `stmt`."""
    return list(session.connection().execute(stmt).scalars().all())


@functools.cache
def _exists(table: Any) -> Any:
    return sa_select(table.c.id).where(table.c.id == bindparam("id"))


def record_exists(session: Session, model: type[Record], record_id: str) -> bool:
    """Whether `model`'s table holds this id (its primary key alone is read)."""
    table = model.__table__  # type: ignore[attr-defined]
    return session.connection().execute(_exists(table), {"id": record_id}).first() is not None


def fetch_record(session: Session, model: type[Record], record_id: str) -> Any | None:
    """The row of `model`'s table with this id (its columns by name), or None."""
    table = model.__table__  # type: ignore[attr-defined]
    return session.connection().execute(sa_select(table).where(table.c.id == record_id)).first()
