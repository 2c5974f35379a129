"""Helpers every resource's queries share: summaries in bulk, search filters, sorting."""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, func, literal_column
from sqlmodel import Session, col, select

from app.domain.text import fold
from app.queries.paging import AnySelect, ListParams, paginate, table_total
from app.store.models.common import FIRST_LINKED, FacetValue, Page, Record, Summary
from app.store.models.search import SearchText
from app.store.search_index import SEARCH_INDEX

T = TypeVar("T")


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


FACET_SIZE = 50  # values per facet, the most frequent first


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


@dataclass(frozen=True)
class Facet:
    """A field to filter and facet by: a column of the listed table, or a link table's
    (owner, value) columns, the owner being the listed record's id."""

    column: Any = None
    link: tuple[Any, Any] | None = None
    names: type[Record] | None = None  # label the values (ids) with this table's names
    on: Any = None  # how the link's owner and value tables join, when they are two


def filter_by(
    stmt: AnySelect,
    model: type[Record],
    fields: dict[str, Facet],
    params: ListParams,
    skip: tuple[str, ...] = (),
) -> AnySelect:
    """Apply every filter parameter that names one of `fields` (the list's facets too)."""
    for name, field in fields.items():
        value = getattr(params, name, None)
        if value is None or name in skip:
            continue
        if field.link is None:
            stmt = stmt.where(col(field.column) == value)
            continue
        owner, linked = field.link
        having = select(owner).where(col(linked) == value)
        if field.on is not None:
            having = having.where(field.on)
        stmt = stmt.where(col(model.id).in_(having))
    return stmt


def facet_counts(
    session: Session, filtered: AnySelect, model: type[Record], facet: Facet
) -> list[FacetValue]:
    listed = filtered.order_by(None).subquery()
    if facet.link is not None:
        owner, value = facet.link
        stmt = (
            select(value, func.count(func.distinct(owner)))
            .where(owner.in_(select(listed.c.id)))
            .group_by(value)
        )
        if facet.on is not None:
            stmt = stmt.where(facet.on)
    else:
        value = listed.c[facet.column.key]
        stmt = select(value, func.count()).select_from(listed).group_by(value)
    # The most frequent values only: a facet over a large registry (organizations of 100,000
    # delegates) would otherwise list thousands.
    stmt = stmt.order_by(func.count().desc(), value).limit(FACET_SIZE)
    counts = [(None if v is None else str(v), int(n)) for v, n in session.exec(stmt).all()]
    names = summaries(session, facet.names, (v for v, _ in counts)) if facet.names else {}
    values = [
        FacetValue(value=v, label=names[v].name if v in names else (v or "unknown"), count=n)
        for v, n in counts
    ]
    return sorted(values, key=lambda f: (-f.count, f.label))


@dataclass(frozen=True)
class Listing:
    rows: list[Any]
    total: int
    cursor: str | None
    facets: dict[str, list[FacetValue]] | None

    def page(self, items: list[T]) -> Page[T]:
        page = Page[T](items=items, total=self.total, next_cursor=self.cursor)
        page._facets = self.facets
        return page


def list_page(
    session: Session,
    model: type[Record],
    kind: str,
    stmt: AnySelect,
    params: ListParams,
    sort: str,
    extra_sorts: dict[str, Any] | None = None,
    facets: dict[str, Facet] | None = None,
) -> Listing:
    """Apply `q`, then page `stmt` (a select of `model`) by `sort`; rows have the table's
    columns, by name.

    With `params.facets`, also count the filtered (unpaged) records per value of each facet.
    """
    # An unfiltered list is the whole table, whose size is known once counted.
    whole = not params.q and stmt.whereclause is None and stmt.compare(select(model))
    table = model.__table__  # type: ignore[attr-defined]
    total = table_total(session.connection(), table) if whole else None
    if params.q:
        stmt = stmt.where(col(model.id).in_(matching(session, kind, params.q)))
    # Rows of the table's columns (by name), not ORM entities: building entities cost more
    # than the query itself.
    stmt = stmt.with_only_columns(*table.columns)
    keys = sort_keys(model, sort, extra_sorts)
    rows, total, cursor = paginate(session, stmt, keys, sort, params.limit, params.cursor, total)
    counted = None
    asked: str | None = getattr(params, "facets", None)
    if asked:
        available = facets or {}
        counted = {
            name: facet_counts(session, stmt, model, available[name]) for name in asked.split(",")
        }
    return Listing(rows, total, cursor, counted)
