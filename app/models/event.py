"""Events (Popolo Event): expos, visits, meetings; with parent, status, partial dates."""

from typing import Any

from sqlalchemy import JSON
from sqlmodel import Field, SQLModel

from app.dates import Precision
from app.models.common import Citation, Out, Record, Summary, enum_type
from app.vocab import EventClassification, EventStatus, OrgRole, PersonRole, TimeOfDay


class Event(Record, table=True):
    __tablename__ = "event"

    classification: EventClassification = Field(index=True, sa_type=enum_type(EventClassification))
    status: EventStatus = Field(index=True, sa_type=enum_type(EventStatus))
    parent_id: str | None = Field(default=None, foreign_key="event.id", index=True)
    sequence: int | None = None
    start: str | None = None
    start_precision: Precision | None = Field(default=None, sa_type=enum_type(Precision))
    start_earliest: str | None = Field(default=None, index=True)
    start_latest: str | None = None
    end: str | None = None
    end_precision: Precision | None = Field(default=None, sa_type=enum_type(Precision))
    end_earliest: str | None = None
    end_latest: str | None = None
    time_of_day: TimeOfDay | None = Field(default=None, sa_type=enum_type(TimeOfDay))
    place_id: str | None = Field(default=None, foreign_key="place.id", index=True)
    venue_id: str | None = Field(default=None, foreign_key="organization.id", index=True)
    description: str | None = None


class EventPerson(SQLModel, table=True):
    __tablename__ = "event_person"

    event_id: str = Field(foreign_key="event.id", primary_key=True)
    person_id: str = Field(foreign_key="person.id", primary_key=True, index=True)
    role: PersonRole = Field(primary_key=True, sa_type=enum_type(PersonRole))
    activity: str | None = None
    sources: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSON)


class EventOrganization(SQLModel, table=True):
    __tablename__ = "event_organization"

    event_id: str = Field(foreign_key="event.id", primary_key=True)
    organization_id: str = Field(foreign_key="organization.id", primary_key=True, index=True)
    role: OrgRole = Field(primary_key=True, sa_type=enum_type(OrgRole))
    sources: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSON)


class EventDelegation(SQLModel, table=True):
    __tablename__ = "event_delegation"

    event_id: str = Field(foreign_key="event.id", primary_key=True)
    delegation_id: str = Field(foreign_key="delegation.id", primary_key=True, index=True)
    sources: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSON)


class EventArea(SQLModel, table=True):
    __tablename__ = "event_cooperation_area"

    event_id: str = Field(foreign_key="event.id", primary_key=True)
    area_id: str = Field(foreign_key="cooperation_area.id", primary_key=True, index=True)
    sources: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSON)


class EventTopic(SQLModel, table=True):
    """What presenters covered at an event (not a cooperation area)."""

    __tablename__ = "event_topic"

    event_id: str = Field(foreign_key="event.id", primary_key=True)
    position: int = Field(primary_key=True)
    topic: str
    sources: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSON)


class PartialDateOut(Out):
    """A date at the precision the source gives, with the span of days it may denote."""

    value: str
    precision: Precision
    earliest: str
    latest: str


class EventPublic(Out):
    id: str
    name: str
    classification: EventClassification
    status: EventStatus
    parent: Summary | None
    sequence: int | None
    start: PartialDateOut | None
    end: PartialDateOut | None
    time_of_day: TimeOfDay | None
    place: Summary | None
    venue: Summary | None
    description: str | None


class EventPersonOut(Out):
    person: Summary
    role: PersonRole
    activity: str | None
    sources: list[Citation]


class EventOrganizationOut(Out):
    organization: Summary
    role: OrgRole
    sources: list[Citation]


class TopicOut(Out):
    topic: str
    sources: list[Citation]


class EventDetail(EventPublic):
    children: list[Summary]
    people: list[EventPersonOut]
    organizations: list[EventOrganizationOut]
    delegations: list[Summary]
    cooperation_areas: list[Summary]
    topics: list[TopicOut]
    sources: list[Citation]


class Participant(Out):
    """A person or an organization taking part in an event, with its role."""

    kind: str
    id: str
    name: str
    role: str
    activity: str | None
