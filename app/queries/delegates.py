"""Delegates: every named person."""

from typing import Literal

from pydantic import Field
from sqlmodel import Session, col, select

from app.models.common import Page, citations
from app.models.delegate import (
    DelegateDelegation,
    DelegateDetail,
    DelegateEvent,
    DelegatePublic,
    Person,
    Position,
    PositionOut,
)
from app.models.delegation import Delegation, DelegationMember
from app.models.event import Event, EventPerson
from app.models.organization import Organization
from app.queries.common import Facet, filter_by, list_page, summaries
from app.queries.paging import ListParams, facets_param, fields_param, include_param
from app.vocab import PersonRole, Side

FACETS = {
    "side": Facet(column=Person.side),
    "organization": Facet(link=(Position.person_id, Position.organization_id), names=Organization),
    "event": Facet(link=(EventPerson.person_id, EventPerson.event_id), names=Event),
    "role": Facet(link=(EventPerson.person_id, EventPerson.role)),
    "delegation": Facet(
        link=(DelegationMember.person_id, DelegationMember.delegation_id), names=Delegation
    ),
}

DelegateSort = Literal["name", "-name", "id", "-id"]


class DelegateListParams(ListParams):
    sort: DelegateSort = Field("name", description="Order: `name` or `id`; `-` descends.")
    facets: str | None = facets_param("side", "organization", "event", "role", "delegation")
    include: str | None = include_param("positions.organization")
    fields: str | None = fields_param(DelegatePublic)
    organization: str | None = Field(None, max_length=120, description="Holds a position here.")
    event: str | None = Field(None, max_length=120, description="Took part in this event.")
    role: PersonRole | None = Field(
        None, description="Part played at an event (with `event`, there)."
    )
    side: Side | None = Field(None, description="Visiting or host side.")
    delegation: str | None = Field(None, max_length=120, description="Member of this delegation.")


def _positions(session: Session, person_ids: list[str]) -> dict[str, list[PositionOut]]:
    rows = session.exec(
        select(Position)
        .where(col(Position.person_id).in_(person_ids))
        .order_by(col(Position.title))
    ).all()
    orgs = summaries(session, Organization, (r.organization_id for r in rows))
    out: dict[str, list[PositionOut]] = {pid: [] for pid in person_ids}
    for position in rows:
        out[position.person_id].append(
            PositionOut(
                title=position.title,
                organization=orgs[position.organization_id],
                sources=citations(position.sources),
            )
        )
    return out


def _public(person: Person, positions: list[PositionOut]) -> DelegatePublic:
    return DelegatePublic(
        id=person.id,
        name=person.name,
        other_names=person.other_names,
        side=person.side,
        positions=positions,
    )


def list_delegates(session: Session, params: DelegateListParams) -> Page[DelegatePublic]:
    # event and role go together: the part played at that event
    stmt = filter_by(select(Person), Person, FACETS, params, skip=("event", "role"))
    if params.event or params.role:
        took_part = select(EventPerson.person_id)
        if params.event:
            took_part = took_part.where(col(EventPerson.event_id) == params.event)
        if params.role:
            took_part = took_part.where(col(EventPerson.role) == params.role)
        stmt = stmt.where(col(Person.id).in_(took_part))
    listing = list_page(session, Person, "delegate", stmt, params, params.sort, facets=FACETS)
    people: list[Person] = listing.rows
    positions = _positions(session, [p.id for p in people])
    return listing.page([_public(p, positions[p.id]) for p in people])


def get_delegate(session: Session, delegate_id: str) -> DelegateDetail | None:
    person = session.get(Person, delegate_id)
    if person is None:
        return None
    public = _public(person, _positions(session, [person.id])[person.id])
    took_part = session.exec(
        select(EventPerson, Event.start_earliest)
        .join(Event, col(Event.id) == col(EventPerson.event_id))
        .where(col(EventPerson.person_id) == person.id)
        .order_by(col(Event.start_earliest), col(Event.sort_name), col(EventPerson.role))
    ).all()
    events = summaries(session, Event, (row[0].event_id for row in took_part))
    memberships = session.exec(
        select(DelegationMember).where(col(DelegationMember.person_id) == person.id)
    ).all()
    delegations = summaries(session, Delegation, (row.delegation_id for row in memberships))
    return DelegateDetail(
        **public.model_dump(),
        events=[
            DelegateEvent(
                event=events[ep.event_id],
                role=ep.role,
                activity=ep.activity,
                sources=citations(ep.sources),
            )
            for ep, _ in took_part
        ],
        delegations=[
            DelegateDelegation(
                delegation=delegations[dm.delegation_id],
                role=dm.role,
                sources=citations(dm.sources),
            )
            for dm in memberships
        ],
        sources=citations(person.sources),
    )
