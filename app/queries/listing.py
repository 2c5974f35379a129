"""The list engine every resource's list shares: `q`, declared filters, keyset pages, facets."""

from dataclasses import dataclass
from typing import Any, TypeVar

from sqlmodel import Session, col, select

from app.queries.common import fetch_rows, sort_keys
from app.queries.filters import Filters, facets_of, given, narrow
from app.queries.matches import matching
from app.queries.paging import AnySelect, ListQuery, paginate, table_total
from app.store.models.common import Document, FacetValue, Listed, Record, as_json

T = TypeVar("T")


@dataclass(frozen=True)
class Listing:
    rows: list[Any]
    total: int
    cursor: str | None
    facets: dict[str, list[FacetValue] | None] | None

    def page(self, items: list[T]) -> Listed[T]:
        return Listed(items, self.total, self.cursor, self.facets)


def list_page(
    session: Session,
    model: type[Record],
    kind: str,
    base: AnySelect,
    params: ListQuery,
    extra_sorts: dict[str, Any] | None = None,
    filters: Filters | None = None,
) -> Listing:
    """Page `base` (a select of `model`, with any conditions of its own) under `q` and the
    `filters` that `params` sets, by `params.sort`; rows have the table's columns, by name
    (only `listed` where the table has it: `rendered`).

    With `params.facets`, also count the filtered (unpaged) records per value of each facet.
    """
    filters = filters or {}
    values = given(filters, params)
    # An unfiltered list is the whole table, whose size is known once counted.
    whole = not params.q and not values and base.compare(select(model))
    table = model.__table__  # type: ignore[attr-defined]
    total = table_total(session.connection(), table) if whole else None
    if params.q:
        base = base.where(col(model.id).in_(matching(session, kind, params.q)))
    # Rows of the table's columns (by name), not ORM entities: building entities cost more
    # than the query itself; of a table whose records are rendered at load, that alone.
    columns = [table.c.listed] if "listed" in table.c else table.columns
    stmt = narrow(base, model, filters, values).with_only_columns(*columns)
    keys = sort_keys(model, params.sort, extra_sorts)
    rows, total, cursor = paginate(
        session, stmt, keys, params.sort, params.limit, params.cursor, total
    )
    return Listing(rows, total, cursor, facets_of(session, base, model, filters, params, total))


def rendered(rows: list[Any]) -> list[Document]:
    """Each row's `listed` column: the record as its list shows it, rendered at load
    (app.ingest.derived), to send as it is."""
    return [Document(row.listed) for row in rows]


def public_by_ids(
    session: Session, model: type[Record], ids: list[str]
) -> dict[str, dict[str, Any]]:
    """{id: the record as its list shows it (JSON), rendered at load} for records `ids` of
    `model` (a table with `listed`), in one query: what `include=` expands a summary into."""
    table = model.__table__  # type: ignore[attr-defined]
    stmt = select(table.c.id, table.c.listed).where(table.c.id.in_(set(ids)))
    return {row.id: as_json(Document(row.listed)) for row in fetch_rows(session, stmt)}
