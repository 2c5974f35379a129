"""/v1/places: countries, states and cities, with friendship cities."""

from typing import Annotated

from fastapi import Query, Request, Response

from app.api import query_model
from app.api.deps import NoQuery, SessionDep, id_path
from app.api.errors import problem_responses
from app.api.list_params import (
    DelegationListParams,
    EventListParams,
    OrganizationListParams,
    PlaceListParams,
)
from app.api.negotiation import detailed, listed
from app.api.router import Router
from app.api.subcollections import filtered_list
from app.queries.delegations import list_delegations
from app.queries.events import list_events
from app.queries.organizations import list_organizations_of_place
from app.queries.places import get_place, list_places
from app.store.models.common import Page
from app.store.models.delegation import DelegationPublic
from app.store.models.event import EventPublic
from app.store.models.organization import OrganizationPublic
from app.store.models.place import Place, PlaceDetail, PlacePublic

router = Router(prefix="/v1/places", tags=["places"])
EXAMPLE = "changchun"


@query_model.get(
    router, "", response_model=Page[PlacePublic], name="list", responses=problem_responses(422)
)
def list_(
    params: Annotated[PlaceListParams, Query()],
    session: SessionDep,
    request: Request,
) -> Response:
    """List places, filtered by kind, country, parent and friendship city."""
    return listed(request, session, params, list_places)


@router.get(
    "/{id}",
    response_model=PlaceDetail,
    name="get",
    responses=problem_responses(404, 422),
    dependencies=[NoQuery],
)
def get(id: Annotated[str, id_path(EXAMPLE)], session: SessionDep, request: Request) -> Response:
    """One place: parent, friendship cities, sources, and the first places it includes,
    events, organizations and delegations from and to it, with how many of each."""
    return detailed(request, "places", id, get_place(session, id))


filtered_list(
    router,
    "/{id}/places",
    owner=Place,
    example="united-states",
    name="list-children",
    item=PlacePublic,
    whole=PlaceListParams,
    field="parent",
    fetch=list_places,
    doc="Places this place includes (whose parent it is).",
)


filtered_list(
    router,
    "/{id}/events",
    owner=Place,
    example=EXAMPLE,
    name="list-events",
    item=EventPublic,
    whole=EventListParams,
    field="place",
    fetch=list_events,
    doc="Events held in this place.",
)


filtered_list(
    router,
    "/{id}/organizations",
    owner=Place,
    example=EXAMPLE,
    name="list-organizations",
    item=OrganizationPublic,
    whole=OrganizationListParams,
    field="place",
    fetch=list_organizations_of_place,
    doc="""Organizations located in this place, or whose country it is: the place's
    `organizations`.""",
)


filtered_list(
    router,
    "/{id}/delegations-from",
    owner=Place,
    example=EXAMPLE,
    name="list-delegations-from",
    item=DelegationPublic,
    whole=DelegationListParams,
    field="origin",
    fetch=list_delegations,
    doc="Delegations that came from this place (one of their origins).",
)


filtered_list(
    router,
    "/{id}/delegations-to",
    owner=Place,
    example=EXAMPLE,
    name="list-delegations-to",
    item=DelegationPublic,
    whole=DelegationListParams,
    field="destination",
    fetch=list_delegations,
    doc="Delegations that came to this place (one of their destinations).",
)
