"""Events (Popolo Event): expos, visits, meetings; with parent, status, partial dates."""

from typing import Any

from sqlalchemy import JSON
from sqlmodel import Field, SQLModel

from app.domain.dates import Precision
from app.domain.vocab import EventClassification, EventStatus, OrgRole, PersonRole, Side, TimeOfDay
from app.store.models.common import Citation, Out, PartialDateOut, Record, Summary, enum_type


class Event(Record, table=True):
    __tablename__ = "event"

    classification: EventClassification = Field(index=True, sa_type=enum_type(EventClassification))
    status: EventStatus | None = Field(default=None, index=True, sa_type=enum_type(EventStatus))
    year: str | None = Field(default=None, index=True, description="Year of the earliest start.")
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
    # The event as the events lists show it (EventPublic), as JSON text rendered at load
    # (app.ingest.derived): a page sends it as it is.
    listed: str = ""


class EventPerson(SQLModel, table=True):
    __tablename__ = "event_person"

    event_id: str = Field(foreign_key="event.id", primary_key=True)
    person_id: str = Field(foreign_key="person.id", primary_key=True, index=True)
    role: PersonRole = Field(primary_key=True, sa_type=enum_type(PersonRole))
    side: Side | None = Field(default=None, index=True, sa_type=enum_type(Side))
    activity: str | None = None
    sources: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSON)


class EventOrganization(SQLModel, table=True):
    __tablename__ = "event_organization"

    event_id: str = Field(foreign_key="event.id", primary_key=True)
    organization_id: str = Field(foreign_key="organization.id", primary_key=True, index=True)
    role: OrgRole = Field(primary_key=True, sa_type=enum_type(OrgRole))
    side: Side | None = Field(default=None, sa_type=enum_type(Side))
    note: str | None = None
    sources: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSON)


class EventDelegation(SQLModel, table=True):
    __tablename__ = "event_delegation"

    event_id: str = Field(foreign_key="event.id", primary_key=True)
    delegation_id: str = Field(foreign_key="delegation.id", primary_key=True, index=True)
    side: Side | None = Field(default=None, sa_type=enum_type(Side))
    sources: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSON)


class EventRelation(SQLModel, table=True):
    """Two events related without one being part of the other; stored in both directions."""

    __tablename__ = "event_relation"

    event_id: str = Field(foreign_key="event.id", primary_key=True)
    other_id: str = Field(foreign_key="event.id", primary_key=True, index=True)
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


class EventPublic(Out):
    id: str
    name: str
    classification: EventClassification
    status: EventStatus | None
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
    side: Side | None
    activity: str | None
    sources: list[Citation]


class EventOrganizationOut(Out):
    organization: Summary
    role: OrgRole
    side: Side | None
    note: str | None
    sources: list[Citation]


class EventDelegationOut(Out):
    delegation: Summary
    side: Side | None
    sources: list[Citation]


class RelatedEventOut(Out):
    event: Summary
    sources: list[Citation]


class TopicOut(Out):
    topic: str
    sources: list[Citation]


class EventDetail(EventPublic):
    children: list[Summary]
    related: list[RelatedEventOut]
    people: list[EventPersonOut]
    organizations: list[EventOrganizationOut]
    delegations: list[EventDelegationOut]
    cooperation_areas: list[Summary]
    topics: list[TopicOut]
    sources: list[Citation]


class Participant(Out):
    """A person or an organization taking part in an event, with its role."""

    kind: str
    id: str
    name: str
    role: str
    side: Side | None
    activity: str | None
