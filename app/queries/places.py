"""Places: countries, states and cities, with parents and friendship cities."""

from typing import Any

from sqlalchemy import String
from sqlmodel import Session, col, func, select

from app.queries.common import Link, linked_summaries, plain, summaries, summary_list
from app.queries.filters import Filter
from app.queries.listing import list_page
from app.queries.paging import ListQuery
from app.store.models.common import Listed, citations
from app.store.models.delegation import Delegation, DelegationDestination, DelegationOrigin
from app.store.models.event import Event
from app.store.models.organization import Organization
from app.store.models.place import (
    EstablishedClaim,
    Friendship,
    FriendshipOut,
    Place,
    PlaceDetail,
)

FILTERS = {
    "kind": Filter(column=Place.kind),
    "country": Filter(column=Place.country_id, names=Place),
    "parent": Filter(column=Place.parent_id, names=Place),
    "friendship_city": Filter(link=(Friendship.other_id, Friendship.place_id), names=Place),
}


LINKS: tuple[Link, ...] = (("parent", "parent_id", Place), ("country", "country_id", Place))


def _public(session: Session, places: list[Any]) -> list[dict[str, Any]]:
    """PlacePublic as JSON-ready dicts, for rows of the place table."""
    linked = linked_summaries(session, Place, (p.id for p in places), LINKS)
    return [
        {
            "id": p.id,
            "name": p.name,
            "other_names": p.other_names,
            "kind": plain(p.kind),
            **linked[p.id],
        }
        for p in places
    ]


def list_places(session: Session, params: ListQuery) -> Listed[dict[str, Any]]:
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
        **_public(session, [place])[0],
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


def public_by_ids(session: Session, ids: list[str]) -> dict[str, dict[str, Any]]:
    """{id: public record} for `ids`, in a few queries."""
    rows = list(session.exec(select(Place).where(col(Place.id).in_(set(ids)))).all())
    return {record["id"]: record for record in _public(session, rows)}
