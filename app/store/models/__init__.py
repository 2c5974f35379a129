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
from app.store.models.search import SearchRecord, SearchText
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
    "SearchRecord",
    "SearchText",
    "Source",
    "SourceRecord",
]


# Every list pages by (sort_name, id) or (id): one index serves the order and the keyset.
# PostgreSQL orders them byte-wise, as SQLite does (COLLATE "C", app.queries.paging), which an
# index in the database's own collation cannot serve (a sort of the whole table instead): its
# indexes are in that order, with (id) again for sort=id, since the primary key's is not.
for _table in SQLModel.metadata.tables.values():
    if "sort_name" in _table.c and "id" in _table.c:
        Index(f"ix_{_table.name}_sort_name_id", _table.c.sort_name, _table.c.id).ddl_if(
            dialect="sqlite"
        )
        byte_order = _table.c.sort_name.collate("C"), _table.c.id.collate("C")
        Index(f"ix_{_table.name}_sort_name_id_c", *byte_order).ddl_if(dialect="postgresql")
        Index(f"ix_{_table.name}_id_c", byte_order[1]).ddl_if(dialect="postgresql")
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
    _link = _table.c[_column]
    Index(f"ix_{_name}_{_column}_sort_name_id", _link, _table.c.sort_name, _table.c.id).ddl_if(
        dialect="sqlite"
    )
    Index(
        f"ix_{_name}_{_column}_sort_name_id_c",
        _link,
        _table.c.sort_name.collate("C"),
        _table.c.id.collate("C"),
    ).ddl_if(dialect="postgresql")
# A person's titles in date order.
_position = SQLModel.metadata.tables["position"]
Index("ix_position_person_date", _position.c.person_id, _position.c.date_earliest)
