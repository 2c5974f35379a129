"""/v1/events: expos, visits and meetings; tentative ones too."""

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from app.api.deps import NoQuery, SessionDep, id_path
from app.api.errors import problem_responses
from app.api.list_params import DelegateListParams, EventListParams, ParticipantListParams
from app.api.negotiation import detailed, found, listed, scoped
from app.api.params import fixed_by_path
from app.queries.common import fetch_record
from app.queries.delegates import list_delegates
from app.queries.events import get_event, list_events, list_participants
from app.store.models.common import Page
from app.store.models.delegate import DelegatePublic
from app.store.models.event import Event, EventDetail, EventPublic, Participant

router = APIRouter(prefix="/v1/events", tags=["events"])
EXAMPLE = "changchun-mfao-discussion-and-negotiation-meeting-2023-08-23"


@fixed_by_path("event")
class DelegatesAtEvent(DelegateListParams):
    """`DelegateListParams` less `event`, which the path fixes."""


@fixed_by_path("parent")
class SubEvents(EventListParams):
    """`EventListParams` less `parent`, which the path fixes."""


@router.get("", response_model=Page[EventPublic], name="list", responses=problem_responses(422))
def list_(
    params: Annotated[EventListParams, Query()],
    session: SessionDep,
    request: Request,
) -> Response:
    """List events, filtered by date window, status, place, parent, delegation and more."""
    return listed(request, session, params, list_events)


@router.get(
    "/{id}",
    response_model=EventDetail,
    name="get",
    responses=problem_responses(404, 422),
    dependencies=[NoQuery],
)
def get(id: Annotated[str, id_path(EXAMPLE)], session: SessionDep, request: Request) -> Response:
    """One event: parent, sub-events, venue, participants, delegations, areas, topics."""
    return detailed(request, "events", id, get_event(session, id))


@router.get(
    "/{id}/participants",
    response_model=Page[Participant],
    name="list-participants",
    responses=problem_responses(404, 422),
)
def list_participants_of(
    id: Annotated[str, id_path(EXAMPLE)],
    params: Annotated[ParticipantListParams, Query()],
    session: SessionDep,
    request: Request,
) -> Response:
    """People and organizations taking part in this event, each with its role."""
    found("event", id, fetch_record(session, Event, id))
    return listed(request, session, params, lambda s, p: list_participants(s, id, p))


@router.get(
    "/{id}/delegates",
    response_model=Page[DelegatePublic],
    name="list-delegates",
    responses=problem_responses(404, 422),
)
def list_delegates_of(
    id: Annotated[str, id_path(EXAMPLE)],
    params: Annotated[DelegatesAtEvent, Query()],
    session: SessionDep,
    request: Request,
) -> Response:
    """Delegates who took part in this event."""
    found("event", id, fetch_record(session, Event, id))
    return listed(request, session, scoped(params, DelegateListParams, "event", id), list_delegates)


@router.get(
    "/{id}/events",
    response_model=Page[EventPublic],
    name="list-children",
    responses=problem_responses(404, 422),
)
def list_children(
    id: Annotated[str, id_path("california-baja-california-delegation-changchun-visit-2023")],
    params: Annotated[SubEvents, Query()],
    session: SessionDep,
    request: Request,
) -> Response:
    """Sub-events of this event."""
    found("event", id, fetch_record(session, Event, id))
    return listed(request, session, scoped(params, EventListParams, "parent", id), list_events)
