"""Delegations: who travelled together, from where."""

from typing import Any

from sqlalchemy import JSON
from sqlmodel import Field, SQLModel

from app.domain.vocab import DelegationRole
from app.store.models.common import Citation, Out, Record, Summary, enum_type


class Delegation(Record, table=True):
    __tablename__ = "delegation"

    description: str | None = None
    size: int | None = Field(default=None, description="Members, as the source counts them.")


class DelegationOrigin(SQLModel, table=True):
    __tablename__ = "delegation_origin"

    delegation_id: str = Field(foreign_key="delegation.id", primary_key=True)
    place_id: str = Field(foreign_key="place.id", primary_key=True, index=True)


class DelegationDestination(SQLModel, table=True):
    __tablename__ = "delegation_destination"

    delegation_id: str = Field(foreign_key="delegation.id", primary_key=True)
    place_id: str = Field(foreign_key="place.id", primary_key=True, index=True)


class DelegationMember(SQLModel, table=True):
    __tablename__ = "delegation_member"

    delegation_id: str = Field(foreign_key="delegation.id", primary_key=True)
    person_id: str = Field(foreign_key="person.id", primary_key=True, index=True)
    role: DelegationRole = Field(primary_key=True, sa_type=enum_type(DelegationRole))
    sources: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSON)


class DelegationPublic(Out):
    id: str
    name: str
    description: str | None
    size: int | None
    origins: list[Summary]
    destinations: list[Summary]


class DelegationMemberOut(Out):
    person: Summary
    role: DelegationRole
    sources: list[Citation]


class DelegationDetail(DelegationPublic):
    members: list[DelegationMemberOut]
    events: list[Summary]
    sources: list[Citation]
