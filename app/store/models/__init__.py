"""SQLModel tables and their response models, one module per resource; every table's
indexes beyond its columns' own are declared here, once all tables are."""

from sqlmodel import Index, SQLModel

from app.store.models.cooperation_area import CooperationArea
from app.store.models.delegate import Person, Position
from app.store.models.delegation import (
    Delegation,
    DelegationDestination,
    DelegationMember,
    DelegationOrigin,
)
from app.store.models.event import (
    Event,
    EventArea,
    EventDelegation,
    EventOrganization,
    EventPerson,
    EventRelation,
    EventTopic,
)
from app.store.models.organization import Organization
from app.store.models.place import Friendship, Place
from app.store.models.search import SearchText
from app.store.models.source import Source, SourceRecord

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


# Every list pages by (sort_name, id) or (id): one index serves the order and the keyset.
for _table in SQLModel.metadata.tables.values():
    if "sort_name" in _table.c and "id" in _table.c:
        Index(f"ix_{_table.name}_sort_name_id", _table.c.sort_name, _table.c.id)
# A person's titles in date order.
_position = SQLModel.metadata.tables["position"]
Index("ix_position_person_date", _position.c.person_id, _position.c.date_earliest)
