"""The registry as a network: people, organizations, places, events, delegations, areas.

Every graph is bounded: it is read around a scope (an event with its sub-events, a place, an
organization, a delegate) with one indexed query per kind of link, and it holds at most
`limit` nodes; a larger graph is a 422 that says how to narrow it. Without a scope the whole
registry is drawn only while it fits in `limit`.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import Field
from sqlalchemy import ColumnElement, Table, true
from sqlmodel import Session, col, select

from app.domain.errors import NotFoundError, ProblemError
from app.queries.common import fetch_record, summaries
from app.queries.paging import ListQuery, table_total
from app.store.models.common import Out, Record
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
)
from app.store.models.organization import Organization
from app.store.models.place import Friendship, Place

NodeKind = Literal["delegate", "organization", "place", "event", "delegation", "cooperation-area"]
EdgeType = Literal[
    "position",
    "participation",
    "membership",
    "friendship",
    "part_of",
    "related_to",
    "located_in",
    "held_in",
    "venue",
    "origin",
    "destination",
    "explored",
]
MODELS: dict[str, type[Record]] = {
    "delegate": Person,
    "organization": Organization,
    "place": Place,
    "event": Event,
    "delegation": Delegation,
    "cooperation-area": CooperationArea,
}
KINDS = tuple(MODELS)
SCOPES = ("event", "place", "organization", "delegate")  # parameters named by the kind they scope
DEFAULT_LIMIT = 500
MAX_LIMIT = 2000


class Node(Out):
    id: str = Field(description="`<kind>:<record id>`, unique in the graph.")
    kind: NodeKind
    record_id: str
    name: str


class Edge(Out):
    source: str
    target: str
    type: EdgeType
    label: str | None = Field(description="A title or a role, where the link has one.")


class Graph(Out):
    nodes: list[Node]
    edges: list[Edge]


@dataclass(frozen=True)
class Link:
    """One kind of edge: a table's two id columns, their node kinds, its type and label."""

    a: Any
    kind_a: str
    b: Any
    kind_b: str
    type: EdgeType
    label: Any = None
    when: ColumnElement[bool] | None = None
    symmetric: bool = False  # stored both ways: drawn once, from the smaller id


LINKS = (
    Link(
        Position.person_id,
        "delegate",
        Position.organization_id,
        "organization",
        "position",
        Position.title,
    ),
    Link(
        Position.person_id,
        "delegate",
        Position.place_id,
        "place",
        "position",
        Position.title,
        col(Position.organization_id).is_(None),
    ),
    Link(
        EventPerson.person_id,
        "delegate",
        EventPerson.event_id,
        "event",
        "participation",
        EventPerson.role,
    ),
    Link(
        EventOrganization.organization_id,
        "organization",
        EventOrganization.event_id,
        "event",
        "participation",
        EventOrganization.role,
    ),
    Link(
        EventDelegation.delegation_id,
        "delegation",
        EventDelegation.event_id,
        "event",
        "participation",
    ),
    Link(
        DelegationMember.person_id,
        "delegate",
        DelegationMember.delegation_id,
        "delegation",
        "membership",
        DelegationMember.role,
    ),
    Link(
        DelegationOrigin.delegation_id, "delegation", DelegationOrigin.place_id, "place", "origin"
    ),
    Link(
        DelegationDestination.delegation_id,
        "delegation",
        DelegationDestination.place_id,
        "place",
        "destination",
    ),
    Link(
        EventRelation.event_id,
        "event",
        EventRelation.other_id,
        "event",
        "related_to",
        symmetric=True,
    ),
    Link(EventArea.event_id, "event", EventArea.area_id, "cooperation-area", "explored"),
    Link(Friendship.place_id, "place", Friendship.other_id, "place", "friendship", symmetric=True),
    Link(Place.id, "place", Place.parent_id, "place", "part_of"),
    Link(Organization.id, "organization", Organization.parent_id, "organization", "part_of"),
    Link(Organization.id, "organization", Organization.place_id, "place", "located_in"),
    Link(
        Organization.id,
        "organization",
        Organization.country_id,
        "place",
        "located_in",
        when=col(Organization.place_id).is_(None),
    ),
    Link(Event.id, "event", Event.parent_id, "event", "part_of"),
    Link(Event.id, "event", Event.place_id, "place", "held_in"),
    Link(Event.id, "event", Event.venue_id, "organization", "venue"),
)

Key = tuple[str, str]  # (kind, record id)


class TooLarge(Exception):
    pass


def _key(kind: str, record_id: str) -> str:
    return f"{kind}:{record_id}"


def _scopes(params: ListQuery) -> list[tuple[str, str]]:
    return [(name, value) for name in SCOPES if (value := params.get(name)) is not None]


def _by_kind(keys: Iterable[Key]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for kind, record_id in keys:
        out.setdefault(kind, set()).add(record_id)
    return out


def _neighbours(session: Session, around: set[Key], room: int) -> set[Key]:
    """Every node one link away from `around`; more than `room` new ones raise TooLarge."""
    wanted = _by_kind(around)
    found: set[Key] = set()
    for link in LINKS:
        for near, near_kind, far, far_kind in (
            (link.a, link.kind_a, link.b, link.kind_b),
            (link.b, link.kind_b, link.a, link.kind_a),
        ):
            ids = wanted.get(near_kind)
            if not ids:
                continue
            stmt = select(far).where(col(near).in_(ids), col(far).is_not(None))
            if link.when is not None:
                stmt = stmt.where(link.when)
            rows = session.connection().execute(stmt.distinct().limit(room + len(around) + 1))
            found.update((far_kind, row[0]) for row in rows)
            if len(found - around) > room:
                raise TooLarge
    return found - around


def _descendants(session: Session, event_id: str, room: int) -> set[Key]:
    events = {event_id}
    frontier = {event_id}
    while frontier:
        stmt = select(Event.id).where(col(Event.parent_id).in_(frontier)).limit(room + 1)
        children = {row[0] for row in session.connection().execute(stmt)} - events
        events |= children
        if len(events) > room:
            raise TooLarge
        frontier = children
    return {("event", e) for e in events}


def _whole(session: Session, limit: int, kinds: set[str]) -> set[Key]:
    """Every node of `kinds`, while there are at most `limit` of them."""
    connection = session.connection()
    models = {kind: model for kind, model in MODELS.items() if kind in kinds}
    tables: list[Table] = [model.__table__ for model in models.values()]  # type: ignore[attr-defined]
    if sum(table_total(connection, table) for table in tables) > limit:
        raise TooLarge
    keys: set[Key] = set()
    for kind, model in models.items():
        keys.update((kind, row[0]) for row in connection.execute(select(model.id)))
    return keys


def _nodes(session: Session, keys: set[Key]) -> list[Node]:
    nodes = [
        Node(id=_key(kind, s.id), kind=kind, record_id=s.id, name=s.name)  # type: ignore[arg-type]
        for kind, ids in _by_kind(keys).items()
        for s in summaries(session, MODELS[kind], ids).values()
    ]
    return sorted(nodes, key=lambda n: (n.kind, n.name, n.id))


def _edges(session: Session, keys: set[Key]) -> list[Edge]:
    """Every link whose two ends are both among `keys`."""
    ids = _by_kind(keys)
    edges = []
    for link in LINKS:
        left, right = ids.get(link.kind_a), ids.get(link.kind_b)
        if not left or not right:
            continue
        label = link.label if link.label is not None else true()
        stmt = select(link.a, link.b, label).where(col(link.a).in_(left), col(link.b).in_(right))
        if link.when is not None:
            stmt = stmt.where(link.when)
        if link.symmetric:
            stmt = stmt.where(link.a < link.b)
        for a, b, text in session.connection().execute(stmt):
            edges.append(
                Edge(
                    source=_key(link.kind_a, a),
                    target=_key(link.kind_b, b),
                    type=link.type,
                    label=None if link.label is None else str(text),
                )
            )
    return sorted(edges, key=lambda e: (e.type, e.source, e.target, e.label or ""))


def build_graph(session: Session, params: ListQuery) -> Graph:
    scopes = _scopes(params)
    limit = params.limit
    kinds = set(params.get("kind").split(",")) if params.get("kind") else set(KINDS)
    try:
        if not scopes:
            keys = _whole(session, limit, kinds)
        else:
            around: set[Key] = set()
            for kind, record_id in scopes:  # several scopes: the graph around all of them
                if fetch_record(session, MODELS[kind], record_id) is None:
                    raise NotFoundError(kind, record_id)
                if kind == "event":
                    around |= _descendants(session, record_id, limit)
                else:
                    around.add((kind, record_id))
            if len(around) > limit:
                raise TooLarge
            keys = around | _neighbours(session, around, limit - len(around))
    except TooLarge:
        named = " and ".join(f"the {name} {value!r}" for name, value in scopes)
        detail = (
            f"the graph of {named or 'the whole registry'} has more than {limit} nodes: narrow "
            f"it with {', '.join(SCOPES)} (a smaller scope), or raise limit (at most {MAX_LIMIT})"
        )
        errors = [
            {"name": name, "in": "query", "reason": detail}
            for name in ([name for name, _ in scopes] or ["limit"])
        ]
        raise ProblemError(422, "Graph too large", detail, errors) from None
    keys = {k for k in keys if k[0] in kinds}
    return Graph(nodes=_nodes(session, keys), edges=_edges(session, keys))
