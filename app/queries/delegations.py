"""Delegations: who travelled together, from where, to which events."""

from sqlmodel import Session, col, select

from app.queries.common import fetch_record, fetch_rows, fetch_values, summaries, summary_list
from app.queries.filters import Filter
from app.queries.listing import list_page
from app.queries.paging import ListQuery
from app.store.models.common import Listed, citations
from app.store.models.delegate import Person
from app.store.models.delegation import (
    Delegation,
    DelegationDestination,
    DelegationDetail,
    DelegationMember,
    DelegationMemberOut,
    DelegationOrigin,
    DelegationPublic,
)
from app.store.models.event import Event, EventDelegation
from app.store.models.place import Place

FILTERS = {
    "origin": Filter(link=(DelegationOrigin.delegation_id, DelegationOrigin.place_id), names=Place),
    "destination": Filter(
        link=(DelegationDestination.delegation_id, DelegationDestination.place_id), names=Place
    ),
    "event": Filter(link=(EventDelegation.delegation_id, EventDelegation.event_id), names=Event),
    "member": Filter(
        link=(DelegationMember.delegation_id, DelegationMember.person_id), names=Person
    ),
}


def _public(session: Session, delegations: list[Delegation]) -> list[DelegationPublic]:
    ids = [d.id for d in delegations]
    origins = fetch_rows(
        session, select(DelegationOrigin).where(col(DelegationOrigin.delegation_id).in_(ids))
    )
    destinations = fetch_rows(
        session,
        select(DelegationDestination).where(col(DelegationDestination.delegation_id).in_(ids)),
    )
    linked = [o.place_id for o in origins] + [d.place_id for d in destinations]
    places = summaries(session, Place, linked)
    by_delegation: dict[str, list[str]] = {i: [] for i in ids}
    for origin in origins:
        by_delegation[origin.delegation_id].append(origin.place_id)
    to: dict[str, list[str]] = {i: [] for i in ids}
    for destination in destinations:
        to[destination.delegation_id].append(destination.place_id)
    return [
        DelegationPublic(
            id=d.id,
            name=d.name,
            description=d.description,
            size=d.size,
            origins=sorted((places[p] for p in by_delegation[d.id]), key=lambda s: s.name),
            destinations=sorted((places[p] for p in to[d.id]), key=lambda s: s.name),
        )
        for d in delegations
    ]


def list_delegations(session: Session, params: ListQuery) -> Listed[DelegationPublic]:
    listing = list_page(
        session, Delegation, "delegation", select(Delegation), params, filters=FILTERS
    )
    return listing.page(_public(session, listing.rows))


def get_delegation(session: Session, delegation_id: str) -> DelegationDetail | None:
    delegation = fetch_record(session, Delegation, delegation_id)
    if delegation is None:
        return None
    members = fetch_rows(
        session,
        select(DelegationMember).where(col(DelegationMember.delegation_id) == delegation.id),
    )
    people = summaries(session, Person, (m.person_id for m in members))
    events = fetch_values(
        session,
        select(EventDelegation.event_id).where(col(EventDelegation.delegation_id) == delegation.id),
    )
    return DelegationDetail(
        **_public(session, [delegation])[0].model_dump(),
        members=sorted(
            (
                DelegationMemberOut(
                    person=people[m.person_id], role=m.role, sources=citations(m.sources)
                )
                for m in members
            ),
            key=lambda m: (m.person.name, m.role),
        ),
        events=summary_list(session, Event, events),
        sources=citations(delegation.sources),
    )
