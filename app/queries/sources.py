"""Source documents and the records each one supports."""

from typing import Any, Literal

from pydantic import Field
from sqlalchemy import Table, or_
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from app.queries.common import Facet, filter_by, list_page, matching
from app.queries.paging import (
    AnySelect,
    ListParams,
    facets_param,
    fields_param,
    names_param,
    paginate,
    text_param,
)
from app.store.models.common import FIRST_LINKED, Page
from app.store.models.source import (
    CITING_KINDS,
    CitingRecord,
    Source,
    SourceDetail,
    SourcePublic,
    SourceRecord,
)

FACETS = {"publisher": Facet(column=Source.publisher)}

SourceSort = Literal["name", "-name", "id", "-id"]


class SourceListParams(ListParams):
    sort: SourceSort = Field("name", description="Order (name is the title); `-` descends.")
    facet_names = tuple(FACETS)
    facets: str | None = facets_param(*facet_names)
    fields: str | None = fields_param(SourcePublic)
    publisher: str | None = text_param("Published by this publisher (its name, exactly).")


def _public(source: Source) -> SourcePublic:
    return SourcePublic.model_validate(source)


def list_sources(session: Session, params: SourceListParams) -> Page[SourcePublic]:
    stmt = filter_by(select(Source), Source, FACETS, params)
    listing = list_page(session, Source, "source", stmt, params, params.sort, facets=FACETS)
    return listing.page([_public(s) for s in listing.rows])


class SourceRecordListParams(ListParams):
    sort: Literal["kind", "-kind"] = Field(
        "kind", description="Order: by kind (events first, places last), then name; `-` descends."
    )
    kind: str | None = names_param("Only records of these kinds.", CITING_KINDS)


def list_source_records(
    session: Session, source_id: str, params: SourceRecordListParams
) -> Page[CitingRecord]:
    """The records citing a source, one page at a time, through the index of its key."""
    table: Table = SourceRecord.__table__  # type: ignore[attr-defined]
    stmt: AnySelect = sa_select(table).where(col(SourceRecord.source_id) == source_id)
    kinds = params.kind.split(",") if params.kind else None
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
    return Page[CitingRecord](items=[_citing(r) for r in rows], total=total, next_cursor=cursor)


def _citing(row: Any) -> CitingRecord:
    return CitingRecord(kind=row.kind, id=row.record_id, name=row.name, paragraphs=row.paragraphs)


def get_source(session: Session, source_id: str) -> SourceDetail | None:
    source = session.get(Source, source_id)
    if source is None:
        return None
    first = list_source_records(session, source_id, SourceRecordListParams(limit=FIRST_LINKED))
    return SourceDetail(
        **_public(source).model_dump(), records=first.items, records_total=first.total
    )
