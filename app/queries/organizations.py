"""Organizations, with parents, children, people and their roles at events."""

from dataclasses import replace
from typing import Any

from sqlalchemy import ColumnElement, String, type_coerce, union_all
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, func, select

from app.queries import listing
from app.queries.common import (
    fetch_record,
    first_summaries,
)
from app.queries.filters import Filter, narrow
from app.queries.listing import list_page, rendered
from app.queries.matches import matching
from app.queries.paging import AnySelect, ListQuery, paginate
from app.store.models.common import (
    FIRST_LINKED,
    Document,
    Listed,
    Summary,
    as_json,
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


def of_place(place_id: str) -> ColumnElement[bool]:
    """A place's organizations: located there, or whose country it is. (A union of the two,
    which SQLite reads through an index each, where an OR would scan the table.)"""
    located = select(Organization.id).where(col(Organization.place_id) == place_id)
    of_country = select(Organization.id).where(col(Organization.country_id) == place_id)
    return col(Organization.id).in_(union_all(located, of_country))


def list_organizations(session: Session, params: ListQuery) -> Listed[Document]:
    return _list(session, params, select(Organization))


def list_organizations_of_place(session: Session, params: ListQuery) -> Listed[Document]:
    """`list_organizations`, but `place` also takes the organizations whose country it is, as
    a place's detail lists them (`of_place`)."""
    place = params.get("place")
    if place is None:
        return list_organizations(session, params)
    others = {name: value for name, value in params.filters.items() if name != "place"}
    base = select(Organization).where(of_place(place))
    return _list(session, replace(params, filters=others), base)


def _list(session: Session, params: ListQuery, base: Any) -> Listed[Document]:
    extra = {"classification": func.coalesce(col(Organization.classification), "", type_=String)}
    listing = list_page(
        session,
        Organization,
        "organization",
        base,
        params,
        extra,
        FILTERS,
    )
    return listing.page(rendered(listing.rows))


def list_positions(session: Session, org_id: str, params: ListQuery) -> Listed[OrganizationPerson]:
    """The titles held in an organization, each with its person, one page at a time, in the
    order the organization's detail lists them."""
    stmt: AnySelect = (
        sa_select(
            col(Position.person_id).label("person_id"),
            col(Person.name).label("person_name"),
            col(Position.title).label("title"),
            col(Position.date).label("date"),
            col(Position.date_precision).label("date_precision"),
            col(Position.date_earliest).label("date_earliest"),
            col(Position.date_latest).label("date_latest"),
            col(Position.sources).label("sources"),
        )
        .select_from(Position)
        .join(Person, col(Person.id) == col(Position.person_id))
        .where(col(Position.organization_id) == org_id)
    )
    if params.q:
        stmt = stmt.where(col(Position.person_id).in_(matching(session, "delegate", params.q)))
    keys = [func.coalesce(col(Position.date_earliest), ""), col(Position.row)]
    rows, total, cursor = paginate(session, stmt, keys, params.sort, params.limit, params.cursor)
    items = [
        OrganizationPerson(
            person=Summary(id=r.person_id, name=r.person_name),
            title=r.title,
            date=partial_date(r.date, r.date_precision, r.date_earliest, r.date_latest),
            sources=citations(r.sources),
        )
        for r in rows
    ]
    return Listed(items, total, cursor)


def list_participations(
    session: Session, org_id: str, params: ListQuery
) -> Listed[OrganizationEvent]:
    """The organization's parts at events (role, side, note), one page at a time, in the
    order its detail lists them."""
    stmt: AnySelect = (
        sa_select(
            col(EventOrganization.event_id).label("event_id"),
            col(Event.name).label("event_name"),
            col(Event.start).label("start"),
            col(Event.start_precision).label("start_precision"),
            col(Event.start_earliest).label("start_earliest"),
            col(Event.start_latest).label("start_latest"),
            col(EventOrganization.role).label("role"),
            col(EventOrganization.side).label("side"),
            col(EventOrganization.note).label("note"),
            col(EventOrganization.sources).label("sources"),
        )
        .select_from(EventOrganization)
        .join(Event, col(Event.id) == col(EventOrganization.event_id))
        .where(col(EventOrganization.organization_id) == org_id)
    )
    if params.q:
        stmt = stmt.where(col(EventOrganization.event_id).in_(matching(session, "event", params.q)))
    keys = [
        func.coalesce(col(Event.start_earliest), ""),
        col(Event.sort_name),
        col(Event.id),
        type_coerce(col(EventOrganization.role), String),
    ]
    rows, total, cursor = paginate(session, stmt, keys, params.sort, params.limit, params.cursor)
    items = [
        OrganizationEvent(
            event=Summary(id=r.event_id, name=r.event_name),
            start=partial_date(r.start, r.start_precision, r.start_earliest, r.start_latest),
            role=r.role,
            side=r.side,
            note=r.note,
            sources=citations(r.sources),
        )
        for r in rows
    ]
    return Listed(items, total, cursor)


def get_organization(session: Session, org_id: str) -> OrganizationDetail | None:
    org = fetch_record(session, Organization, org_id)
    if org is None:
        return None
    children = narrow(select(Organization), Organization, FILTERS, {"parent": org.id})
    first_children, children_total = first_summaries(session, Organization, children)
    people = list_positions(session, org.id, ListQuery(sort="date", limit=FIRST_LINKED))
    events = list_participations(session, org.id, ListQuery(sort="start", limit=FIRST_LINKED))
    return OrganizationDetail(
        **as_json(Document(org.listed)),
        children=first_children,
        children_total=children_total,
        people=people.items,
        people_total=people.total,
        events=events.items,
        events_total=events.total,
        sources=citations(org.sources),
    )


def public_by_ids(session: Session, ids: list[str]) -> dict[str, dict[str, Any]]:
    """{id: public record (JSON)} for `ids`, in a few queries."""
    return listing.public_by_ids(session, Organization, ids)
