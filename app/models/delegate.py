"""Delegates: every named person, with positions (Popolo Membership) in organizations."""

from typing import Any

from sqlalchemy import JSON
from sqlmodel import Field, SQLModel

from app.models.common import Citation, Out, Record, Summary, enum_type
from app.vocab import DelegationRole, PersonRole, Side


class Person(Record, table=True):
    __tablename__ = "person"

    other_names: list[str] = Field(default_factory=list, sa_type=JSON)
    side: Side | None = Field(default=None, index=True, sa_type=enum_type(Side))


class Position(SQLModel, table=True):
    """A person's title in an organization (Popolo Membership)."""

    __tablename__ = "position"

    person_id: str = Field(foreign_key="person.id", primary_key=True)
    organization_id: str = Field(foreign_key="organization.id", primary_key=True, index=True)
    title: str = Field(primary_key=True)
    sources: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSON)


class PositionOut(Out):
    title: str
    organization: Summary
    sources: list[Citation]


class DelegatePublic(Out):
    id: str
    name: str
    other_names: list[str]
    side: Side | None
    positions: list[PositionOut]


class DelegateEvent(Out):
    event: Summary
    role: PersonRole
    activity: str | None
    sources: list[Citation]


class DelegateDelegation(Out):
    delegation: Summary
    role: DelegationRole
    sources: list[Citation]


class DelegateDetail(DelegatePublic):
    events: list[DelegateEvent]
    delegations: list[DelegateDelegation]
    sources: list[Citation]
