"""/v1/graph and /v1/timeline: the registry as a network and in date order."""

from typing import Annotated

from fastapi import Query, Request, Response

from app.api import query_model
from app.api.deps import SessionDep
from app.api.errors import problem_responses
from app.api.list_params import GraphParams, TimelineParams
from app.api.negotiation import listed
from app.api.router import Router
from app.queries.graph import Graph, build_graph
from app.queries.timeline import TimelineEntry, timeline
from app.store.models.common import Page

router = Router(prefix="/v1")


@query_model.get(
    router, "/graph", name="graph", tags=["graph"], responses=problem_responses(404, 422)
)
def graph(params: Annotated[GraphParams, Query()], session: SessionDep) -> Graph:
    """Nodes (people, organizations, places, events, ...) and typed edges, for drawing: around
    a scope (an event with its sub-events, a place, an organization or a delegate; given
    several, around all of them), or the whole registry while it fits in `limit` nodes. A
    larger graph is a 422 naming the scope."""
    return build_graph(session, params.query())


@query_model.get(
    router,
    "/timeline",
    response_model=Page[TimelineEntry],
    name="timeline",
    tags=["timeline"],
    responses=problem_responses(422),
)
def timeline_(
    params: Annotated[TimelineParams, Query()],
    session: SessionDep,
    request: Request,
) -> Response:
    """Events in date order: partial dates sort by their earliest day; tentative ones marked."""
    return listed(request, session, params, timeline)
