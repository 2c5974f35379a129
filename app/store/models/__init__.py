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
# A record's linked records, by name: a detail's first 50 of them and the sub-collection that
# pages through them (an organization's children, a place's events...) read the matches in
# order through one index, however many other records there are. The column's own index is
# not enough on SQLite: where the column is mostly null (an organization's parent), ANALYZE
# counts the nulls as one value and the planner scans the whole table in name order instead.
for _name, _column in (
    ("organization", "parent_id"),
    ("organization", "place_id"),
    ("organization", "country_id"),
    ("place", "parent_id"),
    ("event", "place_id"),
):
    _table = SQLModel.metadata.tables[_name]
    Index(f"ix_{_name}_{_column}_sort_name_id", _table.c[_column], _table.c.sort_name, _table.c.id)
# A person's titles in date order.
_position = SQLModel.metadata.tables["position"]
Index("ix_position_person_date", _position.c.person_id, _position.c.date_earliest)
