"""Helpers every resource's queries share: summaries in bulk, search filters, sorting."""

from collections.abc import Iterable
from typing import Any

from sqlalchemy import ColumnElement, literal_column
from sqlmodel import Session, col, select

from app.domain.text import fold
from app.queries.paging import AnySelect
from app.store.models.common import Record, Summary
from app.store.models.search import SearchText
from app.store.search_index import SEARCH_INDEX


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


def uses_search_index(session: Session, needle: str) -> bool:
    """Whether the trigram index (SQLite, app.store.search_index) can find `needle`: 3
    characters or more."""
    return len(needle) >= 3 and session.get_bind().dialect.name == "sqlite"


def fts_phrase(needle: str) -> str:
    """An FTS5 phrase: on a trigram index, the rows containing `needle` as a substring."""
    return '"' + needle.replace('"', '""') + '"'


def text_contains(session: Session, q: str) -> ColumnElement[bool]:
    """Search texts that contain `q`, folded: through the trigram index where it serves,
    else a LIKE, which PostgreSQL answers through its trigram GIN index (app.store.search_index) and
    either database by a scan for needles under 3 characters."""
    needle = fold(q)
    if uses_search_index(session, needle):
        hits = select(SEARCH_INDEX.c.rowid).where(
            literal_column(SEARCH_INDEX.name).op("MATCH")(fts_phrase(needle))
        )
        return col(SearchText.row).in_(hits)
    return col(SearchText.folded).contains(needle, autoescape=True)


def matching(session: Session, kind: str, q: str) -> AnySelect:
    """Ids of records of `kind` whose searchable texts contain `q` (folded)."""
    return select(SearchText.record_id).where(
        col(SearchText.kind) == kind, text_contains(session, q)
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
