"""Places: countries, states and cities, with parents and friendship cities."""

from typing import Literal

from pydantic import Field
from sqlalchemy import String
from sqlmodel import Session, col, func, select

from app.domain.vocab import PlaceKind
from app.queries import delegations, events, organizations
from app.queries.common import Facet, filter_by, first_summaries, list_page, summaries
from app.queries.paging import ListParams, facets_param, fields_param, id_param, include_param
from app.store.models.common import Page, citations, other_names
from app.store.models.delegation import Delegation
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

FACETS = {
    "kind": Facet(column=Place.kind),
    "country": Facet(column=Place.country_id, names=Place),
    "parent": Facet(column=Place.parent_id, names=Place),
    "friendship_city": Facet(link=(Friendship.other_id, Friendship.place_id), names=Place),
}

PlaceSort = Literal["name", "-name", "id", "-id", "kind", "-kind"]


class PlaceListParams(ListParams):
    sort: PlaceSort = Field("name", description="Order; `-` descends.")
    facet_names = tuple(FACETS)
    facets: str | None = facets_param(*facet_names)
    include: str | None = include_param("parent", "country")
    fields: str | None = fields_param(PlacePublic)
    kind: PlaceKind | None = Field(None, description="country, state, province, region or city.")
    country: str | None = id_param("Place id of its country.")
    parent: str | None = id_param("Place id of its parent.")
    friendship_city: str | None = id_param("Has a friendship-city link with this place.")


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


def list_places(session: Session, params: PlaceListParams) -> Page[PlacePublic]:
    stmt = filter_by(select(Place), Place, FACETS, params)
    sorts = {"kind": func.coalesce(col(Place.kind), "", type_=String)}  # unknown kinds first
    listing = list_page(session, Place, "place", stmt, params, params.sort, sorts, FACETS)
    return listing.page(_public(session, listing.rows))


def get_place(session: Session, place_id: str) -> PlaceDetail | None:
    place = session.get(Place, place_id)
    if place is None:
        return None
    friendships = session.exec(select(Friendship).where(col(Friendship.place_id) == place.id)).all()
    friends = summaries(session, Place, (f.other_id for f in friendships))
    # Each list that grows with the registry: its first records, and how many (its list's
    # filter, as the sub-collection at /v1/places/{id}/... applies it).
    children = filter_by(select(Place), Place, FACETS, PlaceListParams(parent=place.id))
    held = filter_by(select(Event), Event, events.FACETS, events.EventListParams(place=place.id))
    located = select(Organization).where(organizations.of_place(place.id))
    came_from = filter_by(
        select(Delegation),
        Delegation,
        delegations.FACETS,
        delegations.DelegationListParams(origin=place.id),
    )
    came_to = filter_by(
        select(Delegation),
        Delegation,
        delegations.FACETS,
        delegations.DelegationListParams(destination=place.id),
    )
    first_children, children_total = first_summaries(session, Place, children)
    first_events, events_total = first_summaries(session, Event, held)
    first_orgs, orgs_total = first_summaries(session, Organization, located)
    first_from, from_total = first_summaries(session, Delegation, came_from)
    first_to, to_total = first_summaries(session, Delegation, came_to)
    return PlaceDetail(
        **_public(session, [place])[0].model_dump(),
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


def public_by_ids(session: Session, ids: list[str]) -> dict[str, PlacePublic]:
    """{id: public record} for `ids`, in a few queries."""
    rows = list(session.exec(select(Place).where(col(Place.id).in_(set(ids)))).all())
    return {record.id: record for record in _public(session, rows)}
