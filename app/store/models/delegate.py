"""Delegates: every named person, with the titles sources give them (Popolo Membership)."""

from typing import Any

from sqlalchemy import JSON
from sqlmodel import Field, SQLModel

from app.domain.dates import Precision
from app.domain.vocab import DelegationRole, PersonRole, Side
from app.store.models.common import (
    Citation,
    OtherName,
    Out,
    PartialDateOut,
    Record,
    Summary,
    enum_type,
)


class Person(Record, table=True):
    __tablename__ = "person"

    other_names: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSON)
    # The person as the delegates lists show them (DelegatePublic, with their latest title),
    # as JSON text rendered at load: a page sends it as it is (app.queries.delegates).
    listed: str = ""


class Position(SQLModel, table=True):
    """A title a source gives a person, in an organization or of a place, for a date."""

    __tablename__ = "position"

    row: int | None = Field(default=None, primary_key=True)
    person_id: str = Field(foreign_key="person.id", index=True)
    organization_id: str | None = Field(default=None, foreign_key="organization.id", index=True)
    place_id: str | None = Field(default=None, foreign_key="place.id", index=True)
    title: str
    date: str | None = None
    date_precision: Precision | None = Field(default=None, sa_type=enum_type(Precision))
    # The order of a person's titles: by the earliest day their date may denote.
    date_earliest: str | None = None
    date_latest: str | None = None
    sources: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSON)


class PositionOut(Out):
    title: str
    organization: Summary | None
    place: Summary | None
    date: PartialDateOut | None
    sources: list[Citation]


class DelegatePublic(Out):
    id: str
    name: str
    other_names: list[OtherName]
    position: PositionOut | None = Field(
        description="The latest title a source gives (by its date); all are in the detail."
    )


class DelegateEvent(Out):
    event: Summary
    start: PartialDateOut | None
    role: PersonRole
    side: Side | None
    activity: str | None
    sources: list[Citation]


class DelegateDelegation(Out):
    delegation: Summary
    role: DelegationRole
    sources: list[Citation]


class DelegateDetail(DelegatePublic):
    positions: list[PositionOut] = Field(description="Every title, in date order.")
    events: list[DelegateEvent] = Field(description="Events in date order, with the side taken.")
    delegations: list[DelegateDelegation]
    sources: list[Citation]
