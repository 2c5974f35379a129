"""Organizations, with parents, children, people and their roles at events."""

from typing import Any

from sqlalchemy import String
from sqlmodel import Session, col, func, select

from app.queries.common import Link, linked_summaries, plain, summaries, summary_list
from app.queries.filters import Filter
from app.queries.listing import list_page
from app.queries.paging import ListQuery
from app.store.models.common import (
    Listed,
    PartialDateOut,
    Summary,
    citations,
    partial_date,
)
from app.store.models.cooperation_area import CooperationArea
from app.store.models.delegate import Person, Position
from app.store.models.event import Event, EventArea, EventOrganization
from app.store.models.organization import (
    Organization,
    OrganizationDetail,
    OrganizationEvent,
    OrganizationPerson,
)
from app.store.models.place import Place

# event, role and cooperation_area hold on one participation: the role at such an event
FILTERS = {
    "classification": Filter(column=Organization.classification),
    "country": Filter(column=Organization.country_id, names=Place),
    "place": Filter(column=Organization.place_id, names=Place),
    "parent": Filter(column=Organization.parent_id, names=Organization),
    "event": Filter(
        link=(EventOrganization.organization_id, EventOrganization.event_id),
        names=Event,
        group="took_part",
    ),
    "role": Filter(
        link=(EventOrganization.organization_id, EventOrganization.role), group="took_part"
    ),
    "cooperation_area": Filter(
        link=(EventOrganization.organization_id, EventArea.area_id),
        names=CooperationArea,
        on=col(EventArea.event_id) == col(EventOrganization.event_id),
        group="took_part",
    ),
}


LINKS: tuple[Link, ...] = (
    ("parent", "parent_id", Organization),
    ("country", "country_id", Place),
    ("place", "place_id", Place),
)


def _public(session: Session, orgs: list[Any]) -> list[dict[str, Any]]:
    """OrganizationPublic as JSON-ready dicts, for rows of the organization table."""
    linked = linked_summaries(session, Organization, (o.id for o in orgs), LINKS)
    return [
        {
            "id": o.id,
            "name": o.name,
            "other_names": o.other_names,
            "classification": plain(o.classification),
            **linked[o.id],
        }
        for o in orgs
    ]


def list_organizations(session: Session, params: ListQuery) -> Listed[dict[str, Any]]:
    extra = {"classification": func.coalesce(col(Organization.classification), "", type_=String)}
    listing = list_page(
        session,
        Organization,
        "organization",
        select(Organization),
        params,
        params.sort,
        extra,
        FILTERS,
    )
    return listing.page(_public(session, listing.rows))


def _start(event: Event) -> PartialDateOut | None:
    return partial_date(
        event.start, event.start_precision, event.start_earliest, event.start_latest
    )


def get_organization(session: Session, org_id: str) -> OrganizationDetail | None:
    org = session.get(Organization, org_id)
    if org is None:
        return None
    children = session.exec(
        select(Organization.id).where(col(Organization.parent_id) == org.id)
    ).all()
    positions = session.exec(
        select(Position)
        .where(col(Position.organization_id) == org.id)
        .order_by(func.coalesce(col(Position.date_earliest), ""), col(Position.row))
    ).all()
    people = summaries(session, Person, (p.person_id for p in positions))
    roles = session.exec(
        select(EventOrganization)
        .join(Event, col(Event.id) == col(EventOrganization.event_id))
        .where(col(EventOrganization.organization_id) == org.id)
        .order_by(col(Event.start_earliest), col(Event.sort_name), col(EventOrganization.role))
    ).all()
    events = {
        e.id: e
        for e in session.exec(select(Event).where(col(Event.id).in_({r.event_id for r in roles})))
    }
    return OrganizationDetail(
        **_public(session, [org])[0],
        children=summary_list(session, Organization, children),
        people=[
            OrganizationPerson(
                person=people[p.person_id],
                title=p.title,
                date=partial_date(p.date, p.date_precision, p.date_earliest, p.date_latest),
                sources=citations(p.sources),
            )
            for p in positions
        ],
        events=[
            OrganizationEvent(
                event=Summary(id=r.event_id, name=events[r.event_id].name),
                start=_start(events[r.event_id]),
                role=r.role,
                side=r.side,
                note=r.note,
                sources=citations(r.sources),
            )
            for r in roles
        ],
        sources=citations(org.sources),
    )


def public_by_ids(session: Session, ids: list[str]) -> dict[str, dict[str, Any]]:
    """{id: public record} for `ids`, in a few queries."""
    rows = list(session.exec(select(Organization).where(col(Organization.id).in_(set(ids)))).all())
    return {record["id"]: record for record in _public(session, rows)}
