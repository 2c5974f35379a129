"""Source documents and the records each one supports."""

from typing import Any

from sqlalchemy import Table, or_
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from app.queries.common import fetch_record
from app.queries.filters import Filter
from app.queries.listing import list_page
from app.queries.matches import matching
from app.queries.paging import (
    AnySelect,
    ListQuery,
    paginate,
)
from app.store.models.common import FIRST_LINKED, Listed
from app.store.models.source import (
    CITING_KINDS,
    CitingRecord,
    Source,
    SourceDetail,
    SourcePublic,
    SourceRecord,
)

FILTERS = {"publisher": Filter(column=Source.publisher)}


def _public(source: Source) -> SourcePublic:
    return SourcePublic.model_validate(source)


def list_sources(session: Session, params: ListQuery) -> Listed[SourcePublic]:
    listing = list_page(session, Source, "source", select(Source), params, filters=FILTERS)
    return listing.page([_public(s) for s in listing.rows])


def list_source_records(
    session: Session, source_id: str, params: ListQuery
) -> Listed[CitingRecord]:
    """The records citing a source, one page at a time, through the index of its key."""
    table: Table = SourceRecord.__table__  # type: ignore[attr-defined]
    stmt: AnySelect = sa_select(table).where(col(SourceRecord.source_id) == source_id)
    kinds = params.get("kind").split(",") if params.get("kind") else None
    if kinds:
        stmt = stmt.where(col(SourceRecord.rank).in_([CITING_KINDS.index(k) for k in kinds]))
    if params.q:
        stmt = stmt.where(
            or_(
                *(
                    (col(SourceRecord.rank) == rank)
                    & col(SourceRecord.record_id).in_(matching(session, kind, params.q))
                    for rank, kind in enumerate(CITING_KINDS)
                    if kinds is None or kind in kinds
                )
            )
        )
    keys = [col(SourceRecord.rank), col(SourceRecord.sort_name), col(SourceRecord.record_id)]
    rows, total, cursor = paginate(session, stmt, keys, params.sort, params.limit, params.cursor)
    return Listed[CitingRecord](items=[_citing(r) for r in rows], total=total, next_cursor=cursor)


def _citing(row: Any) -> CitingRecord:
    return CitingRecord(kind=row.kind, id=row.record_id, name=row.name, paragraphs=row.paragraphs)


def get_source(session: Session, source_id: str) -> SourceDetail | None:
    source = fetch_record(session, Source, source_id)
    if source is None:
        return None
    first = list_source_records(session, source_id, ListQuery(sort="kind", limit=FIRST_LINKED))
    return SourceDetail(
        **_public(source).model_dump(), records=first.items, records_total=first.total
    )
