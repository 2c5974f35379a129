"""Organizations (Popolo Organization), with classification and parent."""

from typing import Any

from sqlalchemy import JSON
from sqlmodel import Field

from app.domain.vocab import OrgClassification, OrgRole, Side
from app.store.models.common import (
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
    children: list[Summary]
    people: list[OrganizationPerson]
    events: list[OrganizationEvent]
    sources: list[Citation]
