"""Each resource's list parameters (and search's, the timeline's, the graph's, the
sub-collections'): its filters, sorts, facets and expansions, as the OpenAPI document
describes them, built on `app.api.params`."""

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from app.api.params import (
    ListParams,
    facets_param,
    fields_param,
    id_param,
    include_param,
    names_param,
    search_param,
    text_param,
    to_query,
)
from app.domain.dates import PARTIAL_DATE_PATTERN, parse_partial_date
from app.domain.vocab import (
    EventClassification,
    EventStatus,
    OrgClassification,
    OrgRole,
    PersonRole,
    PlaceKind,
    Side,
)
from app.queries import (
    cooperation_areas,
    delegates,
    delegations,
    events,
    organizations,
    places,
    sources,
)
from app.queries.graph import DEFAULT_LIMIT, KINDS, MAX_LIMIT
from app.queries.paging import ListQuery
from app.queries.search import Kind
from app.store.models.cooperation_area import CooperationAreaPublic
from app.store.models.delegate import DelegatePublic
from app.store.models.delegation import DelegationPublic
from app.store.models.event import EventPublic
from app.store.models.organization import OrganizationPublic
from app.store.models.place import PlacePublic
from app.store.models.source import CITING_KINDS, SourcePublic

# ---------------------------------------------------------------- delegates

DelegateSort = Literal["name", "-name", "id", "-id"]


class DelegateListParams(ListParams):
    sort: DelegateSort = Field("name", description="Order: `name` or `id`; `-` descends.")
    facet_names = tuple(delegates.FILTERS)
    facets: str | None = facets_param(*facet_names)
    include: str | None = include_param("position.organization", "position.place")
    fields: str | None = fields_param(DelegatePublic)
    organization: str | None = id_param("Holds a position here.")
    event: str | None = id_param("Took part in this event.")
    role: PersonRole | None = Field(
        None, description="Part played at an event (with `event`, there)."
    )
    side: Side | None = Field(
        None, description="Side taken at an event, visiting or host (with `event`, there)."
    )
    delegation: str | None = id_param("Member of this delegation.")


# ---------------------------------------------------------------- events

EventSort = Literal["name", "-name", "id", "-id", "start", "-start"]


DATE_HELP = "Partial date: YYYY, YYYY-MM, YYYY-MM-DD, YYYY-H1/H2 or YYYY-Q1..Q4."


class DateWindow(BaseModel):
    """`from` and `to`: partial dates bounding when events happen."""

    from_: str | None = Field(
        None,
        alias="from",
        max_length=10,
        pattern=PARTIAL_DATE_PATTERN,
        description=f"Events on or after this. {DATE_HELP}",
    )
    to: str | None = Field(
        None,
        max_length=10,
        pattern=PARTIAL_DATE_PATTERN,
        description=f"Events on or before this. {DATE_HELP}",
    )

    @field_validator("from_", "to", mode="before")
    @classmethod
    def _partial_date(cls, value: object) -> object:
        """Say why a date is refused ("February 2023 has 28 days") before the pattern can."""
        if isinstance(value, str) and len(value) <= 10:
            parse_partial_date(value)
        return value


class EventListParams(ListParams, DateWindow):
    sort: EventSort = Field(
        "name", description="Order; `start` is by earliest start date, then the source's order."
    )
    facet_names = tuple(events.FILTERS)
    facets: str | None = facets_param(*facet_names)
    include: str | None = include_param("parent", "place", "venue")
    fields: str | None = fields_param(EventPublic)
    status: EventStatus | None = Field(
        None, description="tentative, confirmed, passed or cancelled (Open Civic Data)."
    )
    year: str | None = Field(
        None,
        max_length=4,
        pattern=r"^[0-9]{4}$",
        description="Starts in this year (its earliest day).",
    )
    origin: str | None = id_param("A delegation from this place (id) took part.")
    classification: EventClassification | None = Field(None, description="Kind of event.")
    place: str | None = id_param("Place id where it happens.")
    parent: str | None = id_param("Id of the parent event.")
    delegation: str | None = id_param("A delegation took part.")
    cooperation_area: str | None = id_param("Explored this area.")
    organization: str | None = id_param("An organization took part.")
    delegate: str | None = id_param("A delegate took part.")


ParticipantSort = Literal["name", "-name"]


class ParticipantListParams(ListParams):
    sort: ParticipantSort = Field("name", description="Order by name; `-` descends.")


# ---------------------------------------------------------------- organizations

OrganizationSort = Literal["name", "-name", "id", "-id", "classification", "-classification"]


class OrganizationListParams(ListParams):
    sort: OrganizationSort = Field("name", description="Order; `-` descends.")
    facet_names = tuple(organizations.FILTERS)
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


# ---------------------------------------------------------------- places

PlaceSort = Literal["name", "-name", "id", "-id", "kind", "-kind"]


class PlaceListParams(ListParams):
    sort: PlaceSort = Field("name", description="Order; `-` descends.")
    facet_names = tuple(places.FILTERS)
    facets: str | None = facets_param(*facet_names)
    include: str | None = include_param("parent", "country")
    fields: str | None = fields_param(PlacePublic)
    kind: PlaceKind | None = Field(None, description="country, state, province, region or city.")
    country: str | None = id_param("Place id of its country.")
    parent: str | None = id_param("Place id of its parent.")
    friendship_city: str | None = id_param("Has a friendship-city link with this place.")


# ---------------------------------------------------------------- delegations

DelegationSort = Literal["name", "-name", "id", "-id"]


class DelegationListParams(ListParams):
    sort: DelegationSort = Field("name", description="Order; `-` descends.")
    facet_names = tuple(delegations.FILTERS)
    facets: str | None = facets_param(*facet_names)
    include: str | None = include_param("origins", "destinations")
    fields: str | None = fields_param(DelegationPublic)
    origin: str | None = id_param("Place id it came from.")
    destination: str | None = id_param("Place id it went to.")
    event: str | None = id_param("Took part in this event.")
    member: str | None = id_param("Delegate id of a member.")


# ---------------------------------------------------------------- cooperation_areas

CooperationAreaSort = Literal["name", "-name", "id", "-id"]


class CooperationAreaListParams(ListParams):
    sort: CooperationAreaSort = Field("name", description="Order; `-` descends.")
    facet_names = tuple(cooperation_areas.FILTERS)
    facets: str | None = facets_param(*facet_names)
    fields: str | None = fields_param(CooperationAreaPublic)
    event: str | None = id_param("Explored at this event.")


# ---------------------------------------------------------------- sources

SourceSort = Literal["name", "-name", "id", "-id"]


class SourceListParams(ListParams):
    sort: SourceSort = Field("name", description="Order (name is the title); `-` descends.")
    facet_names = tuple(sources.FILTERS)
    facets: str | None = facets_param(*facet_names)
    fields: str | None = fields_param(SourcePublic)
    publisher: str | None = text_param("Published by this publisher (its name, exactly).")


class SourceRecordListParams(ListParams):
    sort: Literal["kind", "-kind"] = Field(
        "kind", description="Order: by kind (events first, places last), then name; `-` descends."
    )
    kind: str | None = names_param("Only records of these kinds.", CITING_KINDS)


# ---------------------------------------------------------------- search


class SearchParams(ListParams):
    q: str = search_param(
        ..., "Text to find, case- and accent-insensitive, in names, other names and titles."
    )
    kind: Kind | None = Field(None, description="Only records of this kind.")


# ---------------------------------------------------------------- timeline


class TimelineParams(ListParams, DateWindow):
    status: EventStatus | None = Field(None, description="Only events of this status.")
    place: str | None = id_param("Place id where it happens.")
    parent: str | None = id_param("Sub-events of this event.")


# ---------------------------------------------------------------- graph


def _id_param(what: str, example: str) -> Any:
    return id_param(what, examples=[example])


class GraphParams(BaseModel):
    model_config = ConfigDict(extra="forbid")

    event: str | None = _id_param(
        "Only this event, its sub-events and what is linked to them.",
        "california-baja-california-delegation-changchun-visit-2023",
    )
    place: str | None = _id_param("Only this place and what is linked to it.", "changchun")
    organization: str | None = _id_param(
        "Only this organization and what is linked to it.", "imperial-valley-edc"
    )
    delegate: str | None = _id_param("Only this person and what is linked to them.", "ou-shuo")
    kind: str | None = names_param("Only nodes of these kinds.", KINDS)
    limit: int = Field(
        DEFAULT_LIMIT,
        ge=1,
        le=MAX_LIMIT,
        description=f"Most nodes to return (1-{MAX_LIMIT}); a larger graph is a 422 that asks "
        "for a narrower scope.",
    )

    def query(self) -> ListQuery:
        return to_query(self)


# ------------------------------------------------------- cooperation_areas (sub-collections)


class AreaParticipationListParams(ListParams):
    sort: Literal["name", "-name"] = Field(
        "name",
        description="Order: by organization name, then event name, then role; `-` descends.",
    )
    q: str | None = search_param(
        description="Organizations whose names or other names contain this (case- and "
        "accent-insensitive)."
    )


# ----------------------------------------------------------- organizations (sub-collections)


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


class ParticipationListParams(ListParams):
    sort: Literal["start", "-start"] = Field(
        "start",
        description="Order: by the event's earliest start (unknown first), then its name, then "
        "the role; `-` descends.",
    )
    q: str | None = search_param(
        description="Events whose names contain this (case- and accent-insensitive)."
    )
