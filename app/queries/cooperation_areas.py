"""Cooperation areas: what a meeting set out to explore."""

from typing import Any

from sqlalchemy import String, type_coerce
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from app.queries import events
from app.queries.common import fetch_record, first_summaries
from app.queries.filters import Filter, narrow
from app.queries.listing import list_page
from app.queries.matches import matching
from app.queries.paging import AnySelect, ListQuery, paginate
from app.store.models.common import FIRST_LINKED, Listed, Summary, citations
from app.store.models.cooperation_area import (
    AreaOrganization,
    CooperationArea,
    CooperationAreaDetail,
    CooperationAreaPublic,
)
from app.store.models.event import Event, EventArea, EventOrganization
from app.store.models.organization import Organization

FILTERS = {"event": Filter(link=(EventArea.area_id, EventArea.event_id), names=Event)}


def list_cooperation_areas(session: Session, params: ListQuery) -> Listed[CooperationAreaPublic]:
    listing = list_page(
        session,
        CooperationArea,
        "cooperation-area",
        select(CooperationArea),
        params,
        filters=FILTERS,
    )
    return listing.page([CooperationAreaPublic(id=a.id, name=a.name) for a in listing.rows])


def list_area_participations(
    session: Session, area_id: str, params: ListQuery
) -> Listed[AreaOrganization]:
    """Each organization at each event that explored the area, with its role there: one page
    at a time, in the order the area's detail lists them."""
    explored = select(EventArea.event_id).where(col(EventArea.area_id) == area_id)
    stmt: AnySelect = (
        sa_select(
            col(EventOrganization.organization_id).label("organization_id"),
            col(Organization.name).label("organization_name"),
            col(EventOrganization.event_id).label("event_id"),
            col(Event.name).label("event_name"),
            type_coerce(col(EventOrganization.role), String).label("role"),
        )
        .select_from(EventOrganization)
        .join(Organization, col(Organization.id) == col(EventOrganization.organization_id))
        .join(Event, col(Event.id) == col(EventOrganization.event_id))
        .where(col(EventOrganization.event_id).in_(explored))
    )
    if params.q:
        found = matching(session, "organization", params.q)
        stmt = stmt.where(col(EventOrganization.organization_id).in_(found))
    keys = [
        col(Organization.name),
        col(Organization.id),
        col(Event.name),
        col(Event.id),
        type_coerce(col(EventOrganization.role), String),
    ]
    rows, total, cursor = paginate(session, stmt, keys, params.sort, params.limit, params.cursor)
    return Listed([_entry(r) for r in rows], total, cursor)


def _entry(row: Any) -> AreaOrganization:
    return AreaOrganization(
        organization=Summary(id=row.organization_id, name=row.organization_name),
        event=Summary(id=row.event_id, name=row.event_name),
        role=row.role,
    )


def get_cooperation_area(session: Session, area_id: str) -> CooperationAreaDetail | None:
    area = fetch_record(session, CooperationArea, area_id)
    if area is None:
        return None
    explored = narrow(select(Event), Event, events.FILTERS, {"cooperation_area": area.id})
    first_events, events_total = first_summaries(session, Event, explored)
    entries = list_area_participations(session, area.id, ListQuery(limit=FIRST_LINKED))
    return CooperationAreaDetail(
        id=area.id,
        name=area.name,
        events=first_events,
        events_total=events_total,
        organizations=entries.items,
        organizations_total=entries.total,
        sources=citations(area.sources),
    )
