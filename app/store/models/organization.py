"""Organizations (Popolo Organization), with classification and parent."""

from typing import Any

from sqlalchemy import JSON
from sqlmodel import Field

from app.domain.vocab import OrgClassification, OrgRole, Side
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


class Organization(Record, table=True):
    __tablename__ = "organization"

    other_names: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSON)
    classification: OrgClassification | None = Field(
        default=None, index=True, sa_type=enum_type(OrgClassification)
    )
    parent_id: str | None = Field(default=None, foreign_key="organization.id", index=True)
    country_id: str | None = Field(default=None, foreign_key="place.id", index=True)
    place_id: str | None = Field(default=None, foreign_key="place.id", index=True)
    # The organization as its list shows it, as JSON text rendered at load (app.ingest.derived).
    listed: str = ""


class OrganizationPublic(Out):
    id: str
    name: str
    other_names: list[OtherName]
    classification: OrgClassification | None
    parent: Summary | None
    country: Summary | None
    place: Summary | None


class OrganizationPerson(Out):
    person: Summary
    title: str
    date: PartialDateOut | None
    sources: list[Citation]


class OrganizationEvent(Out):
    event: Summary
    start: PartialDateOut | None
    role: OrgRole
    side: Side | None
    note: str | None
    sources: list[Citation]


class OrganizationDetail(OrganizationPublic):
    children: list[Summary] = Field(
        description=f"The first {FIRST_LINKED} organizations it includes, by name."
    )
    children_total: int = Field(
        description="How many organizations it includes (whose parent it is); all of them, "
        "page by page, at `/v1/organizations/{id}/organizations`."
    )
    people: list[OrganizationPerson] = Field(
        description=f"The first {FIRST_LINKED} titles held here, each with its person, in the "
        "order of the dates sources give them for (undated first)."
    )
    people_total: int = Field(
        description="How many titles are held here (a person given two titles counts twice); "
        "every one, page by page, at `/v1/organizations/{id}/positions` (the people alone, "
        "each once, at `/v1/organizations/{id}/delegates`)."
    )
    events: list[OrganizationEvent] = Field(
        description=f"The first {FIRST_LINKED} of its parts at events, each with the role "
        "played and the side taken, in date order (unknown dates first), then by event name."
    )
    events_total: int = Field(
        description="How many parts it played at events (two roles at one event count twice); "
        "every one, page by page, at `/v1/organizations/{id}/participations` (the events "
        "alone, each once, at `/v1/organizations/{id}/events`)."
    )
    sources: list[Citation]
