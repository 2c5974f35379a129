"""Places: countries, states and cities, with parents and friendship cities."""

from typing import Any

from sqlalchemy import String
from sqlmodel import Session, col, func, select

from app.queries import delegations, events, listing, organizations
from app.queries.common import (
    fetch_record,
    fetch_rows,
    first_summaries,
    summaries,
)
from app.queries.filters import Filter, narrow
from app.queries.listing import list_page, rendered
from app.queries.paging import ListQuery
from app.store.models.common import Document, Listed, as_json, citations
from app.store.models.delegation import Delegation
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


def list_places(session: Session, params: ListQuery) -> Listed[Document]:
    sorts = {"kind": func.coalesce(col(Place.kind), "", type_=String)}  # unknown kinds first
    listing = list_page(session, Place, "place", select(Place), params, sorts, FILTERS)
    return listing.page(rendered(listing.rows))


def get_place(session: Session, place_id: str) -> PlaceDetail | None:
    place = fetch_record(session, Place, place_id)
    if place is None:
        return None
    friendships = fetch_rows(
        session, select(Friendship).where(col(Friendship.place_id) == place.id)
    )
    friends = summaries(session, Place, (f.other_id for f in friendships))
    # Each list that grows with the registry: its first records, and how many (its list's
    # filter, as the sub-collection at /v1/places/{id}/... applies it).
    children = narrow(select(Place), Place, FILTERS, {"parent": place.id})
    held = narrow(select(Event), Event, events.FILTERS, {"place": place.id})
    located = select(Organization).where(organizations.of_place(place.id))
    came_from = narrow(select(Delegation), Delegation, delegations.FILTERS, {"origin": place.id})
    came_to = narrow(select(Delegation), Delegation, delegations.FILTERS, {"destination": place.id})
    first_children, children_total = first_summaries(session, Place, children)
    first_events, events_total = first_summaries(session, Event, held)
    first_orgs, orgs_total = first_summaries(session, Organization, located)
    first_from, from_total = first_summaries(session, Delegation, came_from)
    first_to, to_total = first_summaries(session, Delegation, came_to)
    return PlaceDetail(
        **as_json(Document(place.listed)),
        children=first_children,
        children_total=children_total,
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
        events=first_events,
        events_total=events_total,
        organizations=first_orgs,
        organizations_total=orgs_total,
        delegations_from=first_from,
        delegations_from_total=from_total,
        delegations_to=first_to,
        delegations_to_total=to_total,
        sources=citations(place.sources),
    )


def public_by_ids(session: Session, ids: list[str]) -> dict[str, dict[str, Any]]:
    """{id: public record (JSON)} for `ids`, in a few queries."""
    return listing.public_by_ids(session, Place, ids)
