"""Events: expos, visits and meetings, with partial dates, participants and sub-events."""

import functools
from typing import Any

from sqlalchemy import ColumnElement, String, and_, func, literal, or_, type_coerce, union_all
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from app.domain.dates import parse_partial_date
from app.queries import listing
from app.queries.common import (
    fetch_record,
    fetch_rows,
    fetch_values,
    summaries,
    summary_list,
)
from app.queries.filters import Filter
from app.queries.listing import list_page, rendered
from app.queries.matches import matching
from app.queries.paging import (
    AnySelect,
    ListQuery,
    paginate,
)
from app.store.models.common import Document, Listed, as_json, citations
from app.store.models.cooperation_area import CooperationArea
from app.store.models.delegate import Person
from app.store.models.delegation import Delegation, DelegationOrigin
from app.store.models.event import (
    Event,
    EventArea,
    EventDelegation,
    EventDelegationOut,
    EventDetail,
    EventOrganization,
    EventOrganizationOut,
    EventPerson,
    EventPersonOut,
    EventRelation,
    EventTopic,
    Participant,
    RelatedEventOut,
    TopicOut,
)
from app.store.models.organization import Organization
from app.store.models.place import Place

FILTERS = {
    "year": Filter(column=Event.year),
    "origin": Filter(
        link=(EventDelegation.event_id, DelegationOrigin.place_id),
        names=Place,
        on=col(EventDelegation.delegation_id) == col(DelegationOrigin.delegation_id),
    ),
    "status": Filter(column=Event.status),
    "classification": Filter(column=Event.classification),
    "place": Filter(column=Event.place_id, names=Place),
    "parent": Filter(column=Event.parent_id, names=Event),
    "delegation": Filter(
        link=(EventDelegation.event_id, EventDelegation.delegation_id), names=Delegation
    ),
    "cooperation_area": Filter(link=(EventArea.event_id, EventArea.area_id), names=CooperationArea),
    "organization": Filter(
        link=(EventOrganization.event_id, EventOrganization.organization_id), names=Organization
    ),
    "delegate": Filter(link=(EventPerson.event_id, EventPerson.person_id), names=Person),
}


@functools.cache
def start_key() -> ColumnElement[Any]:
    """Sort key for dates: events with no known start sort last (built once: an expression
    is immutable, and building it took longer than the query's own work)."""
    return func.coalesce(col(Event.start_earliest), "9999-12-31")


@functools.cache
def sequence_key() -> ColumnElement[Any]:
    """Among events that start alike, the order the source gives (unnumbered last)."""
    return func.coalesce(col(Event.sequence), 1_000_000)


def list_events(session: Session, params: ListQuery) -> Listed[Document]:
    stmt = select(Event)
    if params.get("from_"):
        earliest = parse_partial_date(params.get("from_")).earliest.isoformat()
        ends = func.coalesce(col(Event.end_latest), col(Event.start_latest))
        stmt = stmt.where(ends >= earliest)
    if params.get("to"):
        latest = parse_partial_date(params.get("to")).latest.isoformat()
        stmt = stmt.where(col(Event.start_earliest) <= latest)
    sorts = {"start": [start_key(), sequence_key()]}
    listing = list_page(session, Event, "event", stmt, params, sorts, FILTERS)
    return listing.page(rendered(listing.rows))


def get_event(session: Session, event_id: str) -> EventDetail | None:
    event = fetch_record(session, Event, event_id)
    if event is None:
        return None
    children = fetch_values(session, select(Event.id).where(col(Event.parent_id) == event.id))
    child_order = {
        e.id: (e.sequence or 0, e.start_earliest or "", e.sort_name)
        for e in fetch_rows(session, select(Event).where(col(Event.id).in_(children)))
    }
    child_summaries = summaries(session, Event, children)
    people_rows = fetch_rows(
        session, select(EventPerson).where(col(EventPerson.event_id) == event.id)
    )
    people = summaries(session, Person, (p.person_id for p in people_rows))
    org_rows = fetch_rows(
        session, select(EventOrganization).where(col(EventOrganization.event_id) == event.id)
    )
    orgs = summaries(session, Organization, (o.organization_id for o in org_rows))
    delegation_rows = fetch_rows(
        session, select(EventDelegation).where(col(EventDelegation.event_id) == event.id)
    )
    delegations = summaries(session, Delegation, (d.delegation_id for d in delegation_rows))
    relation_rows = fetch_rows(
        session, select(EventRelation).where(col(EventRelation.event_id) == event.id)
    )
    related = summaries(session, Event, (r.other_id for r in relation_rows))
    area_ids = fetch_values(
        session, select(EventArea.area_id).where(col(EventArea.event_id) == event.id)
    )
    topics = fetch_rows(
        session,
        select(EventTopic)
        .where(col(EventTopic.event_id) == event.id)
        .order_by(col(EventTopic.position)),
    )
    return EventDetail(
        **as_json(Document(event.listed)),
        children=[child_summaries[c] for c in sorted(children, key=lambda c: child_order[c])],
        related=sorted(
            (
                RelatedEventOut(event=related[r.other_id], sources=citations(r.sources))
                for r in relation_rows
            ),
            key=lambda r: (r.event.name, r.event.id),
        ),
        people=sorted(
            (
                EventPersonOut(
                    person=people[p.person_id],
                    role=p.role,
                    side=p.side,
                    activity=p.activity,
                    sources=citations(p.sources),
                )
                for p in people_rows
            ),
            key=lambda p: (p.person.name, p.role),
        ),
        organizations=sorted(
            (
                EventOrganizationOut(
                    organization=orgs[o.organization_id],
                    role=o.role,
                    side=o.side,
                    note=o.note,
                    sources=citations(o.sources),
                )
                for o in org_rows
            ),
            key=lambda o: (o.role, o.organization.name),
        ),
        delegations=sorted(
            (
                EventDelegationOut(
                    delegation=delegations[d.delegation_id],
                    side=d.side,
                    sources=citations(d.sources),
                )
                for d in delegation_rows
            ),
            key=lambda d: (d.delegation.name, d.delegation.id),
        ),
        cooperation_areas=summary_list(session, CooperationArea, area_ids),
        topics=[TopicOut(topic=t.topic, sources=citations(t.sources)) for t in topics],
        sources=citations(event.sources),
    )


def list_participants(session: Session, event_id: str, params: ListQuery) -> Listed[Participant]:
    people: AnySelect = (
        sa_select(
            literal("delegate").label("kind"),
            col(Person.id).label("id"),
            col(Person.name).label("name"),
            col(Person.sort_name).label("sort_name"),
            type_coerce(col(EventPerson.role), String).label("role"),
            type_coerce(col(EventPerson.side), String).label("side"),
            col(EventPerson.activity).label("activity"),
        )
        .join(Person, col(Person.id) == col(EventPerson.person_id))
        .where(col(EventPerson.event_id) == event_id)
    )
    orgs: AnySelect = (
        sa_select(
            literal("organization").label("kind"),
            col(Organization.id).label("id"),
            col(Organization.name).label("name"),
            col(Organization.sort_name).label("sort_name"),
            type_coerce(col(EventOrganization.role), String).label("role"),
            type_coerce(col(EventOrganization.side), String).label("side"),
            col(EventOrganization.note).label("activity"),
        )
        .join(Organization, col(Organization.id) == col(EventOrganization.organization_id))
        .where(col(EventOrganization.event_id) == event_id)
    )
    both = union_all(people, orgs).subquery()
    stmt = sa_select(both)
    if params.q:
        stmt = stmt.where(
            or_(
                and_(
                    both.c.kind == "delegate",
                    both.c.id.in_(matching(session, "delegate", params.q)),
                ),
                and_(
                    both.c.kind == "organization",
                    both.c.id.in_(matching(session, "organization", params.q)),
                ),
            )
        )
    keys = [both.c.sort_name, both.c.kind, both.c.id, both.c.role]
    rows, total, cursor = paginate(session, stmt, keys, params.sort, params.limit, params.cursor)
    items = [
        Participant(
            kind=r.kind, id=r.id, name=r.name, role=str(r.role), side=r.side, activity=r.activity
        )
        for r in rows
    ]
    return Listed[Participant](items=items, total=total, next_cursor=cursor)


def public_by_ids(session: Session, ids: list[str]) -> dict[str, dict[str, Any]]:
    """{id: public record (JSON)} for `ids`, in a few queries."""
    return listing.public_by_ids(session, Event, ids)
