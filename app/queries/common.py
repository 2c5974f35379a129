"""Helpers every resource's queries share: summaries in bulk, search filters, sorting."""

from collections.abc import Iterable
from typing import Any

from sqlmodel import Session, col, select

from app.models.common import Record, Summary
from app.models.search import SearchText
from app.queries.paging import AnySelect, ListParams, paginate
from app.text import fold


def summaries(
    session: Session, model: type[Record], ids: Iterable[str | None]
) -> dict[str, Summary]:
    """{id: Summary} for every id given, in one query."""
    wanted = {i for i in ids if i}
    if not wanted:
        return {}
    rows = session.exec(select(model.id, model.name).where(col(model.id).in_(wanted))).all()
    return {row[0]: Summary(id=row[0], name=row[1]) for row in rows}


def summary_list(session: Session, model: type[Record], ids: Iterable[str]) -> list[Summary]:
    """Summaries of `ids`, sorted by name."""
    found = summaries(session, model, ids)
    return sorted(found.values(), key=lambda s: (fold(s.name), s.id))


def matching(kind: str, q: str) -> AnySelect:
    """Ids of records of `kind` whose searchable texts contain `q` (folded)."""
    return select(SearchText.record_id).where(
        col(SearchText.kind) == kind, col(SearchText.folded).contains(fold(q), autoescape=True)
    )


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


def list_page(
    session: Session,
    model: type[Record],
    kind: str,
    stmt: AnySelect,
    params: ListParams,
    sort: str,
    extra_sorts: dict[str, Any] | None = None,
) -> tuple[list[Any], int, str | None]:
    """Apply `q`, then page `stmt` (a select of `model`) by `sort`; rows are entities."""
    if params.q:
        stmt = stmt.where(col(model.id).in_(matching(kind, params.q)))
    keys = sort_keys(model, sort, extra_sorts)
    rows, total, cursor = paginate(session, stmt, keys, sort, params.limit, params.cursor)
    return [row[0] for row in rows], total, cursor
