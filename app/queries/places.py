"""Places: countries, states and cities, with parents and friendship cities."""

from sqlalchemy import String
from sqlmodel import Session, col, func, select

from app.queries.common import summaries, summary_list
from app.queries.filters import Filter
from app.queries.listing import list_page
from app.queries.paging import ListQuery
from app.store.models.common import Listed, citations, other_names
from app.store.models.delegation import Delegation, DelegationDestination, DelegationOrigin
from app.store.models.event import Event
from app.store.models.organization import Organization
from app.store.models.place import (
    EstablishedClaim,
    Friendship,
    FriendshipOut,
    Place,
    PlaceDetail,
    PlacePublic,
)

FILTERS = {
    "kind": Filter(column=Place.kind),
    "country": Filter(column=Place.country_id, names=Place),
    "parent": Filter(column=Place.parent_id, names=Place),
    "friendship_city": Filter(link=(Friendship.other_id, Friendship.place_id), names=Place),
}


def _public(session: Session, places: list[Place]) -> list[PlacePublic]:
    linked = summaries(session, Place, [i for p in places for i in (p.parent_id, p.country_id)])
    return [
        PlacePublic(
            id=p.id,
            name=p.name,
            other_names=other_names(p.other_names),
            kind=p.kind,
            parent=linked.get(p.parent_id or ""),
            country=linked.get(p.country_id or ""),
        )
        for p in places
    ]


def list_places(session: Session, params: ListQuery) -> Listed[PlacePublic]:
    sorts = {"kind": func.coalesce(col(Place.kind), "", type_=String)}  # unknown kinds first
    listing = list_page(session, Place, "place", select(Place), params, params.sort, sorts, FILTERS)
    return listing.page(_public(session, listing.rows))


def get_place(session: Session, place_id: str) -> PlaceDetail | None:
    place = session.get(Place, place_id)
    if place is None:
        return None
    children = session.exec(select(Place.id).where(col(Place.parent_id) == place.id)).all()
    friendships = session.exec(select(Friendship).where(col(Friendship.place_id) == place.id)).all()
    friends = summaries(session, Place, (f.other_id for f in friendships))
    events = session.exec(select(Event.id).where(col(Event.place_id) == place.id)).all()
    orgs = session.exec(
        select(Organization.id).where(
            (col(Organization.place_id) == place.id) | (col(Organization.country_id) == place.id)
        )
    ).all()
    delegations = session.exec(
        select(DelegationOrigin.delegation_id).where(col(DelegationOrigin.place_id) == place.id)
    ).all()
    delegations_to = session.exec(
        select(DelegationDestination.delegation_id).where(
            col(DelegationDestination.place_id) == place.id
        )
    ).all()
    return PlaceDetail(
        **_public(session, [place])[0].model_dump(),
        children=summary_list(session, Place, children),
        friendship_cities=sorted(
            (
                FriendshipOut(
                    place=friends[f.other_id],
                    established=[EstablishedClaim.model_validate(c) for c in f.established],
                    sources=citations(f.sources),
                )
                for f in friendships
            ),
            key=lambda f: f.place.name,
        ),
        events=summary_list(session, Event, events),
        organizations=summary_list(session, Organization, orgs),
        delegations_from=summary_list(session, Delegation, delegations),
        delegations_to=summary_list(session, Delegation, delegations_to),
        sources=citations(place.sources),
    )


def public_by_ids(session: Session, ids: list[str]) -> dict[str, PlacePublic]:
    """{id: public record} for `ids`, in a few queries."""
    rows = list(session.exec(select(Place).where(col(Place.id).in_(set(ids)))).all())
    return {record.id: record for record in _public(session, rows)}
