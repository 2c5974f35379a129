"""SQLModel tables and their response models, one module per resource."""

from app.models.cooperation_area import CooperationArea
from app.models.delegate import Person, Position
from app.models.delegation import (
    Delegation,
    DelegationDestination,
    DelegationMember,
    DelegationOrigin,
)
from app.models.event import (
    Event,
    EventArea,
    EventDelegation,
    EventOrganization,
    EventPerson,
    EventRelation,
    EventTopic,
)
from app.models.organization import Organization
from app.models.place import Friendship, Place
from app.models.search import SearchText
from app.models.source import Source, SourceRecord

__all__ = [
    "CooperationArea",
    "Delegation",
    "DelegationDestination",
    "DelegationMember",
    "DelegationOrigin",
    "Event",
    "EventArea",
    "EventDelegation",
    "EventOrganization",
    "EventPerson",
    "EventRelation",
    "EventTopic",
    "Friendship",
    "Organization",
    "Person",
    "Place",
    "Position",
    "SearchText",
    "Source",
    "SourceRecord",
]
