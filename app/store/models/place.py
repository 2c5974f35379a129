"""Places (Popolo Area): countries, states, cities, with parents and friendship cities."""

from typing import Any

from sqlalchemy import JSON
from sqlmodel import Field, SQLModel

from app.domain.vocab import PlaceKind
from app.store.models.common import (
    FIRST_LINKED,
    Citation,
    OtherName,
    Out,
    PartialDateOut,
    Record,
    Summary,
    enum_type,
)


class Place(Record, table=True):
    __tablename__ = "place"

    other_names: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSON)
    kind: PlaceKind | None = Field(default=None, index=True, sa_type=enum_type(PlaceKind))
    parent_id: str | None = Field(default=None, foreign_key="place.id", index=True)
    country_id: str | None = Field(default=None, foreign_key="place.id", index=True)
    # The place as its list shows it, as JSON text rendered at load (app.ingest.derived).
    listed: str = ""


class Friendship(SQLModel, table=True):
    """A friendship-city link, stored in both directions."""

    __tablename__ = "friendship"

    place_id: str = Field(foreign_key="place.id", primary_key=True)
    other_id: str = Field(foreign_key="place.id", primary_key=True)
    # Each source's date for when the link was established: [{date, sources}], kept side
    # by side when sources disagree.
    established: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSON)
    sources: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSON)


class PlacePublic(Out):
    id: str
    name: str
    other_names: list[OtherName]
    kind: PlaceKind | None
    parent: Summary | None
    country: Summary | None


class EstablishedClaim(Out):
    """When a source says a friendship-city link was established."""

    date: PartialDateOut
    sources: list[Citation]


class FriendshipOut(Out):
    place: Summary
    established: list[EstablishedClaim] = Field(
        description="Each source's date, side by side when sources disagree; empty if none says."
    )
    sources: list[Citation]


def _first(what: str) -> str:
    return f"The first {FIRST_LINKED} {what}, by name."


def _total(what: str, path: str) -> str:
    return f"How many {what}; all of them, page by page, at `/v1/places/{{id}}/{path}`."


class PlaceDetail(PlacePublic):
    children: list[Summary] = Field(description=_first("places it includes"))
    children_total: int = Field(description=_total("places it includes", "places"))
    friendship_cities: list[FriendshipOut]
    events: list[Summary] = Field(description=_first("events held here"))
    events_total: int = Field(description=_total("events are held here", "events"))
    organizations: list[Summary] = Field(
        description=_first("organizations located here or whose country this is")
    )
    organizations_total: int = Field(
        description=_total(
            "organizations are located here or have this as their country", "organizations"
        )
    )
    delegations_from: list[Summary] = Field(description=_first("delegations from here"))
    delegations_from_total: int = Field(
        description=_total("delegations came from here", "delegations-from")
    )
    delegations_to: list[Summary] = Field(description=_first("delegations to here"))
    delegations_to_total: int = Field(description=_total("delegations came here", "delegations-to"))
    sources: list[Citation]
