"""The query parameters of every route, validated and documented for HTTP (the OpenAPI
document is built from them); `query()` hands the queries what they read, a `ListQuery`."""

import re
from collections.abc import Callable, Iterable
from typing import Any, ClassVar, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic.fields import FieldInfo

from app.domain.dates import PARTIAL_DATE_PATTERN, parse_partial_date
from app.domain.patterns import CURSOR, CURSOR_MAX, SEARCH, SLUG, SLUG_MAX, TEXT
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

# What every list reads beside its filters (ListQuery's own fields), and what only HTTP does
# with a page (its media type, linked records, fields).
SHAPE = frozenset({"format", "limit", "cursor", "q", "sort", "facets", "include", "fields"})


def to_query(params: BaseModel) -> ListQuery:
    """What `params` asks of a query: sort, page, search, facets, and every filter it sets."""
    values = {name: getattr(params, name) for name in type(params).model_fields}
    facets = values.get("facets")
    return ListQuery(
        sort=values.get("sort") or "name",
        limit=values["limit"],
        cursor=values.get("cursor"),
        q=values.get("q"),
        facets=tuple(facets.split(",")) if facets else (),
        filters={k: v for k, v in values.items() if k not in SHAPE and v is not None},
    )


# ---------------------------------------------------------------- paging


def id_param(description: str, **extra: Any) -> Any:
    """A filter naming a record by its id (a slug)."""
    return Field(None, max_length=SLUG_MAX, pattern=SLUG, description=description, **extra)


def text_param(description: str, max_length: int = 200) -> Any:
    """A filter by free text (anything but control characters)."""
    return Field(None, max_length=max_length, pattern=TEXT, description=description)


def search_param(
    default: Any = None,
    description: str = "Case- and accent-insensitive search over names, other names and titles.",
) -> Any:
    """`q`: text to search, with something other than white space in it."""
    return Field(default, min_length=1, max_length=200, pattern=SEARCH, description=description)


def names_param(what: str, names: Iterable[str]) -> Any:
    """A comma-separated list of `names`, enumerated in the OpenAPI document."""
    allowed = sorted(names)
    odd = [n for n in allowed if not re.fullmatch(r"[a-z]+(?:[_.-][a-z]+)*", n)]
    if odd:
        raise ValueError(f"names the pattern below does not escape: {odd}")
    # Names are lower-case words joined by "_", "-" or "."; only "." needs escaping, and
    # ECMA-262 (JSON Schema's regular expressions, Unicode mode) refuses a needless "\-".
    one = "|".join(n.replace(".", r"\.") for n in allowed)
    return Field(
        None,
        max_length=500,
        pattern=f"^({one})(,({one}))*$",
        description=f"{what} Comma-separated, from: {', '.join(allowed)}.",
    )


def facets_param(*names: str) -> Any:
    return names_param(
        "Count the filtered records per value of these fields (the 50 most frequent values of "
        "each).",
        names,
    )


def include_param(*paths: str) -> Any:
    return names_param("Expand these linked summaries into full records.", paths)


def fields_param(model: type[BaseModel]) -> Any:
    return names_param("Return only these fields of each item.", model.model_fields)


class ListParams(BaseModel):
    """Parameters every list takes."""

    model_config = ConfigDict(extra="forbid")

    facet_names: ClassVar[tuple[str, ...]] = ()
    """What `facets` may name: filters of the same names (a facet value's link sets one)."""

    format: Literal["json", "csv", "ndjson"] | None = Field(
        None,
        description="Export every page as CSV or NDJSON (overrides `Accept`); `json` is a page.",
    )

    limit: int = Field(20, ge=1, le=100, description="Items per page (1-100).")
    cursor: str | None = Field(
        None,
        max_length=CURSOR_MAX,
        pattern=CURSOR,
        description="Opaque cursor from a previous page's `next_cursor`; omit for the first page.",
    )
    q: str | None = search_param()

    def query(self) -> ListQuery:
        return to_query(self)


P = TypeVar("P", bound=ListParams)
OPTIONAL_TEXT: Any = str | None


def fixed_by_path(field: str) -> Callable[[type[P]], type[P]]:
    """A class decorator for the parameters of a sub-collection whose path fixes the filter
    `field`: they offer neither that parameter nor its facet (whose links would set it), and
    a request that still sends it is refused as any unknown parameter is (extra="forbid")."""

    def fix(scoped: type[P]) -> type[P]:
        fields = scoped.__pydantic_fields__
        del fields[field]
        names = tuple(name for name in scoped.facet_names if name != field)
        if names != scoped.facet_names:
            scoped.facet_names = names
            facets = FieldInfo.from_annotated_attribute(OPTIONAL_TEXT, facets_param(*names))
            fields["facets"] = facets
        scoped.model_rebuild(force=True)
        return scoped

    return fix


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
