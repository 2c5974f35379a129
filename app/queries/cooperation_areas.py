"""Cooperation areas: what a meeting set out to explore."""

from sqlmodel import Session, col, select

from app.queries.common import summaries, summary_list
from app.queries.filters import Filter
from app.queries.listing import list_page
from app.queries.paging import ListQuery
from app.store.models.common import Listed, citations
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
        params.sort,
        filters=FILTERS,
    )
    return listing.page([CooperationAreaPublic(id=a.id, name=a.name) for a in listing.rows])


def get_cooperation_area(session: Session, area_id: str) -> CooperationAreaDetail | None:
    area = session.get(CooperationArea, area_id)
    if area is None:
        return None
    event_ids = session.exec(
        select(EventArea.event_id).where(col(EventArea.area_id) == area.id)
    ).all()
    roles = session.exec(
        select(EventOrganization).where(col(EventOrganization.event_id).in_(event_ids))
    ).all()
    orgs = summaries(session, Organization, (r.organization_id for r in roles))
    events = summaries(session, Event, event_ids)
    return CooperationAreaDetail(
        id=area.id,
        name=area.name,
        events=summary_list(session, Event, event_ids),
        organizations=sorted(
            (
                AreaOrganization(
                    organization=orgs[r.organization_id], event=events[r.event_id], role=r.role
                )
                for r in roles
            ),
            key=lambda a: (a.organization.name, a.event.name, a.role),
        ),
        sources=citations(area.sources),
    )
