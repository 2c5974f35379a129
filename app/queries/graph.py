"""The registry as a network: people, organizations, places, events, delegations, areas."""

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field
from sqlmodel import Session, select

from app.models.common import Out
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
)
from app.models.organization import Organization
from app.models.place import Friendship, Place
from app.queries.paging import id_param, names_param

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
KINDS = ("delegate", "organization", "place", "event", "delegation", "cooperation-area")


class GraphParams(BaseModel):
    model_config = ConfigDict(extra="forbid")

    event: str | None = id_param(
        "Only this event, its sub-events and what is linked to them.",
        examples=["california-baja-california-delegation-changchun-visit-2023"],
    )
    kind: str | None = names_param("Only nodes of these kinds.", KINDS)


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


def _key(kind: str, record_id: str) -> str:
    return f"{kind}:{record_id}"


def build_graph(session: Session, params: GraphParams) -> Graph:
    nodes: dict[str, Node] = {}
    for kind, model in (
        ("delegate", Person),
        ("organization", Organization),
        ("place", Place),
        ("event", Event),
        ("delegation", Delegation),
        ("cooperation-area", CooperationArea),
    ):
        for record_id, name in session.exec(select(model.id, model.name)).all():
            key = _key(kind, record_id)
            nodes[key] = Node(id=key, kind=kind, record_id=record_id, name=name)  # type: ignore[arg-type]
    edges: list[Edge] = []

    def edge(
        kind_a: str,
        a: str | None,
        kind_b: str,
        b: str | None,
        type_: EdgeType,
        label: str | None = None,
    ) -> None:
        if a and b:
            edges.append(
                Edge(source=_key(kind_a, a), target=_key(kind_b, b), type=type_, label=label)
            )

    for p in session.exec(select(Position)).all():
        edge("delegate", p.person_id, "organization", p.organization_id, "position", p.title)
        if p.organization_id is None:
            edge("delegate", p.person_id, "place", p.place_id, "position", p.title)
    for ep in session.exec(select(EventPerson)).all():
        edge("delegate", ep.person_id, "event", ep.event_id, "participation", ep.role)
    for eo in session.exec(select(EventOrganization)).all():
        edge("organization", eo.organization_id, "event", eo.event_id, "participation", eo.role)
    for ed in session.exec(select(EventDelegation)).all():
        edge("delegation", ed.delegation_id, "event", ed.event_id, "participation")
    for dm in session.exec(select(DelegationMember)).all():
        edge("delegate", dm.person_id, "delegation", dm.delegation_id, "membership", dm.role)
    for do in session.exec(select(DelegationOrigin)).all():
        edge("delegation", do.delegation_id, "place", do.place_id, "origin")
    for dd in session.exec(select(DelegationDestination)).all():
        edge("delegation", dd.delegation_id, "place", dd.place_id, "destination")
    for er in session.exec(select(EventRelation)).all():
        if er.event_id < er.other_id:  # stored both ways; one edge
            edge("event", er.event_id, "event", er.other_id, "related_to")
    for ea in session.exec(select(EventArea)).all():
        edge("event", ea.event_id, "cooperation-area", ea.area_id, "explored")
    for f in session.exec(select(Friendship)).all():
        if f.place_id < f.other_id:  # stored both ways; one edge
            edge("place", f.place_id, "place", f.other_id, "friendship")
    for pl in session.exec(select(Place)).all():
        edge("place", pl.id, "place", pl.parent_id, "part_of")
    for o in session.exec(select(Organization)).all():
        edge("organization", o.id, "organization", o.parent_id, "part_of")
        edge("organization", o.id, "place", o.place_id or o.country_id, "located_in")
    for e in session.exec(select(Event)).all():
        edge("event", e.id, "event", e.parent_id, "part_of")
        edge("event", e.id, "place", e.place_id, "held_in")
        edge("event", e.id, "organization", e.venue_id, "venue")
    keep = set(nodes)
    if params.event:
        keep = _around_event(params.event, edges)
    if params.kind:
        kinds = set(params.kind.split(","))
        keep = {k for k in keep if nodes[k].kind in kinds}
    kept_edges = [e for e in edges if e.source in keep and e.target in keep]
    return Graph(
        nodes=sorted((nodes[k] for k in keep), key=lambda n: (n.kind, n.name, n.id)),
        edges=sorted(kept_edges, key=lambda e: (e.type, e.source, e.target, e.label or "")),
    )


def _around_event(event_id: str, edges: list[Edge]) -> set[str]:
    """The event, its sub-events (at any depth), and every node linked to one of them."""
    events = {_key("event", event_id)}
    grew = True
    while grew:
        children = {e.source for e in edges if e.type == "part_of" and e.target in events}
        grew = not children <= events
        events |= children
    linked = {e.source for e in edges if e.target in events} | {
        e.target for e in edges if e.source in events
    }
    return events | linked
