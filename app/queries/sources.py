"""Source documents and the records each one supports."""

from typing import Literal

from pydantic import Field
from sqlmodel import Session, select

from app.models.common import Page, Record
from app.models.cooperation_area import CooperationArea
from app.models.delegate import Person
from app.models.delegation import Delegation
from app.models.event import Event
from app.models.organization import Organization
from app.models.place import Place
from app.models.source import CitingRecord, Source, SourceDetail, SourcePublic
from app.queries.common import Facet, filter_by, list_page
from app.queries.paging import ListParams, facets_param, fields_param, text_param

FACETS = {"publisher": Facet(column=Source.publisher)}

SourceSort = Literal["name", "-name", "id", "-id"]

CITING: list[tuple[str, type[Record]]] = [
    ("event", Event),
    ("delegation", Delegation),
    ("delegate", Person),
    ("organization", Organization),
    ("cooperation-area", CooperationArea),
    ("place", Place),
]


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


def get_source(session: Session, source_id: str) -> SourceDetail | None:
    source = session.get(Source, source_id)
    if source is None:
        return None
    records: list[CitingRecord] = []
    for kind, model in CITING:
        for record in session.exec(select(model).order_by(model.sort_name)).all():
            paragraphs = [c["paragraph"] for c in record.sources if c["source"]["id"] == source.id]
            if paragraphs:
                records.append(
                    CitingRecord(kind=kind, id=record.id, name=record.name, paragraphs=paragraphs)
                )
    return SourceDetail(**_public(source).model_dump(), records=records)
