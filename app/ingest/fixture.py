"""The YAML input schema: strict pydantic models of one fixture file (one visit).

app.ingest.validate checks a set of files against them and across them;
app.ingest.fixture_schema publishes them as JSON Schema for editors.
"""

import sys
from typing import Annotated, TypeVar, cast

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
)
from pydantic import dataclasses as pydantic_dataclasses

from app.domain.patterns import SLUG, SLUG_MAX
from app.domain.vocab import (
    DelegationRole,
    EventClassification,
    EventStatus,
    OrgClassification,
    OrgRole,
    PersonRole,
    PlaceKind,
    Side,
    TimeOfDay,
)

# Ids are interned: the same id recurs wherever it is referred to (a source in every
# citation), and a registry's worth of copies adds up while it loads.
Slug = Annotated[
    str,
    StringConstraints(pattern=SLUG, min_length=1, max_length=SLUG_MAX),
    AfterValidator(sys.intern),
]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
DateText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=4, max_length=10)]

T = TypeVar("T")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# Records are slotted dataclasses, validated by pydantic as models would be: a 1,000-visit
# registry holds a million of them while it loads, and a model instance (its __dict__ and
# fields-set) weighs several times as much.
def record(cls: type[T]) -> type[T]:
    made = pydantic_dataclasses.dataclass(
        slots=True, frozen=True, kw_only=True, config=ConfigDict(extra="forbid")
    )(cls)
    return cast(type[T], made)


@record
class Cite:
    """Where a source states a fact: paragraph 0 is the headline, 1 the first body paragraph."""

    source: Slug
    paragraph: int | None = Field(default=None, ge=0)


def _shared(cites: list[Cite]) -> list[Cite]:
    """Equal citations (most of a visit's cite one source and paragraph) as one object."""
    return [SHARED_CITES.setdefault(cite, cite) for cite in cites]


SHARED_CITES: dict[Cite, Cite] = {}  # emptied when validation ends (app.ingest.validate)

Sources = Annotated[list[Cite], Field(min_length=1), AfterValidator(_shared)]


@record
class SourceIn:
    """A public page the registry cites: its address, as it states itself."""

    id: Slug
    title: Text
    publisher: Text | None = None
    updated: DateText | None = None
    published: DateText | None = None
    url: Text | None = None
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$")] | None = (
        None
    )
    complete: bool | None = Field(
        default=None, description="Whether the stored copy of the page is complete."
    )
    note: Text | None = None

    @property
    def name(self) -> str:
        return self.title


@record
class OtherNameIn:
    """Another name a source gives the record (another spelling, an abbreviation)."""

    name: Text
    sources: Sources


@record
class PlaceIn:
    id: Slug
    name: Text
    other_names: list[OtherNameIn] = Field(default_factory=list)
    kind: PlaceKind | None = None
    parent: Slug | None = None
    country: Slug | None = None
    sources: Sources


@record
class ClaimIn:
    """One source's value for a fact that sources may state differently."""

    date: DateText
    sources: Sources


@record
class FriendshipIn:
    """A friendship-city (sister-city) relationship between two places."""

    places: Annotated[list[Slug], Field(min_length=2, max_length=2)]
    established: list[ClaimIn] = Field(default_factory=list)
    sources: Sources


@record
class OrganizationIn:
    id: Slug
    name: Text
    other_names: list[OtherNameIn] = Field(default_factory=list)
    classification: OrgClassification | None = None
    parent: Slug | None = None
    country: Slug | None = None
    place: Slug | None = None
    sources: Sources


@record
class PositionIn:
    """A title a source gives a person, for the date it gives it for."""

    title: Text
    organization: Slug | None = None
    place: Slug | None = None
    date: DateText | None = None
    sources: Sources


@record
class PersonIn:
    id: Slug
    name: Text
    other_names: list[OtherNameIn] = Field(default_factory=list)
    positions: list[PositionIn] = Field(default_factory=list)
    sources: Sources


@record
class MemberIn:
    person: Slug
    role: DelegationRole
    sources: Sources


@record
class DelegationIn:
    id: Slug
    name: Text
    description: Text | None = None
    size: int | None = Field(default=None, ge=1, description="Members, as the source counts.")
    origins: list[Slug] = Field(default_factory=list)
    destinations: list[Slug] = Field(default_factory=list)
    members: list[MemberIn] = Field(default_factory=list)
    sources: Sources


@record
class CooperationAreaIn:
    id: Slug
    name: Text
    sources: Sources


@record
class EventPersonIn:
    person: Slug
    role: PersonRole
    side: Side | None = None
    activity: Text | None = None
    sources: Sources


@record
class EventOrganizationIn:
    organization: Slug
    role: OrgRole
    side: Side | None = None
    note: Text | None = Field(
        default=None, description="What the source says, e.g. of an official it does not name."
    )
    sources: Sources


@record
class EventDelegationIn:
    delegation: Slug
    side: Side | None = None
    sources: Sources


@record
class EventAreaIn:
    area: Slug
    sources: Sources


@record
class RelatedEventIn:
    """An event this one is related to without being part of it."""

    event: Slug
    sources: Sources


@record
class TopicIn:
    topic: Text
    sources: Sources


@record
class EventIn:
    id: Slug
    name: Text
    classification: EventClassification
    status: EventStatus | None = None
    parent: Slug | None = None
    related_to: list[RelatedEventIn] = Field(default_factory=list)
    sequence: int | None = Field(default=None, ge=1, description="Order among its siblings.")
    start: DateText | None = None
    end: DateText | None = None
    time_of_day: TimeOfDay | None = None
    place: Slug | None = None
    venue: Slug | None = None
    description: Text | None = None
    delegations: list[EventDelegationIn] = Field(default_factory=list)
    people: list[EventPersonIn] = Field(default_factory=list)
    organizations: list[EventOrganizationIn] = Field(default_factory=list)
    cooperation_areas: list[EventAreaIn] = Field(default_factory=list)
    topics: list[TopicIn] = Field(default_factory=list)
    sources: Sources


class FixtureFile(Strict):
    """One visit: the top level of a YAML fixture."""

    sources: list[SourceIn] = Field(default_factory=list)
    places: list[PlaceIn] = Field(default_factory=list)
    friendships: list[FriendshipIn] = Field(default_factory=list)
    organizations: list[OrganizationIn] = Field(default_factory=list)
    people: list[PersonIn] = Field(default_factory=list)
    delegations: list[DelegationIn] = Field(default_factory=list)
    cooperation_areas: list[CooperationAreaIn] = Field(default_factory=list)
    events: list[EventIn] = Field(default_factory=list)


KINDS: dict[str, str] = {
    "sources": "source",
    "places": "place",
    "organizations": "organization",
    "people": "person",
    "delegations": "delegation",
    "cooperation_areas": "cooperation area",
    "events": "event",
}
