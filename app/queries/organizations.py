"""Organizations, with parents, children, people and their roles at events."""

from typing import Literal

from pydantic import Field
from sqlalchemy import ColumnElement, String, type_coerce, union_all
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, func, select

from app.domain.vocab import OrgClassification, OrgRole
from app.queries.common import Facet, filter_by, first_summaries, list_page, matching, summaries
from app.queries.paging import (
    AnySelect,
    ListParams,
    facets_param,
    fields_param,
    id_param,
    include_param,
    paginate,
    search_param,
)
from app.store.models.common import (
    FIRST_LINKED,
    Page,
    Summary,
    citations,
    other_names,
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
    OrganizationPublic,
)
from app.store.models.place import Place

FACETS = {
    "classification": Facet(column=Organization.classification),
    "country": Facet(column=Organization.country_id, names=Place),
    "place": Facet(column=Organization.place_id, names=Place),
    "parent": Facet(column=Organization.parent_id, names=Organization),
    "event": Facet(
        link=(EventOrganization.organization_id, EventOrganization.event_id), names=Event
    ),
    "role": Facet(link=(EventOrganization.organization_id, EventOrganization.role)),
    "cooperation_area": Facet(
        link=(EventOrganization.organization_id, EventArea.area_id),
        names=CooperationArea,
        on=col(EventArea.event_id) == col(EventOrganization.event_id),
    ),
}

OrganizationSort = Literal["name", "-name", "id", "-id", "classification", "-classification"]


class OrganizationListParams(ListParams):
    sort: OrganizationSort = Field("name", description="Order; `-` descends.")
    facet_names = tuple(FACETS)
    facets: str | None = facets_param(*facet_names)
    include: str | None = include_param("parent", "country", "place")
    fields: str | None = fields_param(OrganizationPublic)
    classification: OrgClassification | None = Field(None, description="Kind of organization.")
    country: str | None = id_param("Place id of its country.")
    place: str | None = id_param("Place id where it is located.")
    parent: str | None = id_param("Id of its parent organization.")
    event: str | None = id_param("Took part in this event.")
    role: OrgRole | None = Field(None, description="Its role at an event (with `event`, there).")
    cooperation_area: str | None = id_param("Took part in an event that explored this area.")


def _public(session: Session, orgs: list[Organization]) -> list[OrganizationPublic]:
    parents = summaries(session, Organization, (o.parent_id for o in orgs))
    places = summaries(session, Place, [p for o in orgs for p in (o.country_id, o.place_id)])
    return [
        OrganizationPublic(
            id=o.id,
            name=o.name,
            other_names=other_names(o.other_names),
            classification=o.classification,
            parent=parents.get(o.parent_id or ""),
            country=places.get(o.country_id or ""),
            place=places.get(o.place_id or ""),
        )
        for o in orgs
    ]


def of_place(place_id: str) -> ColumnElement[bool]:
    """A place's organizations: located there, or whose country it is. (A union of the two,
    which SQLite reads through an index each, where an OR would scan the table.)"""
    located = select(Organization.id).where(col(Organization.place_id) == place_id)
    of_country = select(Organization.id).where(col(Organization.country_id) == place_id)
    return col(Organization.id).in_(union_all(located, of_country))


def list_organizations(
    session: Session, params: OrganizationListParams
) -> Page[OrganizationPublic]:
    return _list(session, params)


def list_organizations_of_place(
    session: Session, params: OrganizationListParams
) -> Page[OrganizationPublic]:
    """`list_organizations`, but `place` also takes the organizations whose country it is, as
    a place's detail lists them (`of_place`)."""
    return _list(session, params, place_or_country=True)


def _list(
    session: Session, params: OrganizationListParams, place_or_country: bool = False
) -> Page[OrganizationPublic]:
    # event, role and cooperation_area go together: the role at such an event
    together = ("event", "role", "cooperation_area")
    skip = (*together, "place") if place_or_country else together
    stmt = filter_by(select(Organization), Organization, FACETS, params, skip=skip)
    if place_or_country and params.place:
        stmt = stmt.where(of_place(params.place))
    if params.event or params.role or params.cooperation_area:
        at = select(EventOrganization.organization_id)
        if params.event:
            at = at.where(col(EventOrganization.event_id) == params.event)
        if params.role:
            at = at.where(col(EventOrganization.role) == params.role)
        if params.cooperation_area:
            explored = select(EventArea.event_id).where(
                col(EventArea.area_id) == params.cooperation_area
            )
            at = at.where(col(EventOrganization.event_id).in_(explored))
        stmt = stmt.where(col(Organization.id).in_(at))
    extra = {"classification": func.coalesce(col(Organization.classification), "", type_=String)}
    listing = list_page(
        session, Organization, "organization", stmt, params, params.sort, extra, FACETS
    )
    return listing.page(_public(session, listing.rows))


class PositionListParams(ListParams):
    sort: Literal["date", "-date"] = Field(
        "date",
        description="Order: by the date the source gives the title for (undated first), then "
        "the order the sources give; `-` descends.",
    )
    q: str | None = search_param(
        description="People whose names, other names or titles contain this (case- and "
        "accent-insensitive)."
    )


def list_positions(
    session: Session, org_id: str, params: PositionListParams
) -> Page[OrganizationPerson]:
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
    return Page[OrganizationPerson](items=items, total=total, next_cursor=cursor)


class ParticipationListParams(ListParams):
    sort: Literal["start", "-start"] = Field(
        "start",
        description="Order: by the event's earliest start (unknown first), then its name, then "
        "the role; `-` descends.",
    )
    q: str | None = search_param(
        description="Events whose names contain this (case- and accent-insensitive)."
    )


def list_participations(
    session: Session, org_id: str, params: ParticipationListParams
) -> Page[OrganizationEvent]:
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
    return Page[OrganizationEvent](items=items, total=total, next_cursor=cursor)


def get_organization(session: Session, org_id: str) -> OrganizationDetail | None:
    org = session.get(Organization, org_id)
    if org is None:
        return None
    children = filter_by(
        select(Organization), Organization, FACETS, OrganizationListParams(parent=org.id)
    )
    first_children, children_total = first_summaries(session, Organization, children)
    people = list_positions(session, org.id, PositionListParams(limit=FIRST_LINKED))
    events = list_participations(session, org.id, ParticipationListParams(limit=FIRST_LINKED))
    return OrganizationDetail(
        **_public(session, [org])[0].model_dump(),
        children=first_children,
        children_total=children_total,
        people=people.items,
        people_total=people.total,
        events=events.items,
        events_total=events.total,
        sources=citations(org.sources),
    )


def public_by_ids(session: Session, ids: list[str]) -> dict[str, OrganizationPublic]:
    """{id: public record} for `ids`, in a few queries."""
    rows = list(session.exec(select(Organization).where(col(Organization.id).in_(set(ids)))).all())
    return {record.id: record for record in _public(session, rows)}
