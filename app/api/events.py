"""/v1/events: expos, visits and meetings; tentative ones too."""

from typing import Annotated

from fastapi import Query, Request, Response

from app.api import query_model
from app.api.deps import NoQuery, SessionDep, id_path
from app.api.errors import problem_responses
from app.api.list_params import DelegateListParams, EventListParams, ParticipantListParams
from app.api.negotiation import detailed, listed
from app.api.router import Router
from app.api.subcollections import filtered_list, owned_list
from app.queries.delegates import list_delegates
from app.queries.events import get_event, list_events, list_participants
from app.store.models.common import Page
from app.store.models.delegate import DelegatePublic
from app.store.models.event import Event, EventDetail, EventPublic, Participant

router = Router(prefix="/v1/events", tags=["events"])
EXAMPLE = "changchun-mfao-discussion-and-negotiation-meeting-2023-08-23"


@query_model.get(
    router, "", response_model=Page[EventPublic], name="list", responses=problem_responses(422)
)
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


owned_list(
    router,
    "/{id}/participants",
    owner=Event,
    example=EXAMPLE,
    name="list-participants",
    item=Participant,
    parameters=ParticipantListParams,
    fetch=list_participants,
    doc="People and organizations taking part in this event, each with its role.",
)


filtered_list(
    router,
    "/{id}/delegates",
    owner=Event,
    example=EXAMPLE,
    name="list-delegates",
    item=DelegatePublic,
    whole=DelegateListParams,
    field="event",
    fetch=list_delegates,
    doc="Delegates who took part in this event.",
)


filtered_list(
    router,
    "/{id}/events",
    owner=Event,
    example="california-baja-california-delegation-changchun-visit-2023",
    name="list-children",
    item=EventPublic,
    whole=EventListParams,
    field="parent",
    fetch=list_events,
    doc="Sub-events of this event.",
)
