"""/v1/places: countries, states and cities, with friendship cities."""

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from app.api.deps import NoQuery, SessionDep, id_path
from app.api.errors import problem_responses
from app.api.list_params import (
    DelegationListParams,
    EventListParams,
    OrganizationListParams,
    PlaceListParams,
)
from app.api.negotiation import detailed, found, listed, scoped
from app.api.params import fixed_by_path
from app.queries.common import fetch_record
from app.queries.delegations import list_delegations
from app.queries.events import list_events
from app.queries.organizations import list_organizations_of_place
from app.queries.places import get_place, list_places
from app.store.models.common import Page
from app.store.models.delegation import DelegationPublic
from app.store.models.event import EventPublic
from app.store.models.organization import OrganizationPublic
from app.store.models.place import Place, PlaceDetail, PlacePublic

router = APIRouter(prefix="/v1/places", tags=["places"])
EXAMPLE = "changchun"


@fixed_by_path("place")
class EventsInPlace(EventListParams):
    """`EventListParams` less `place`, which the path fixes."""


@fixed_by_path("place")
class OrganizationsInPlace(OrganizationListParams):
    """`OrganizationListParams` less `place`, which the path fixes."""


@fixed_by_path("parent")
class PlacesInPlace(PlaceListParams):
    """`PlaceListParams` less `parent`, which the path fixes."""


@fixed_by_path("origin")
class DelegationsFromPlace(DelegationListParams):
    """`DelegationListParams` less `origin`, which the path fixes."""


@fixed_by_path("destination")
class DelegationsToPlace(DelegationListParams):
    """`DelegationListParams` less `destination`, which the path fixes."""


@router.get("", response_model=Page[PlacePublic], name="list", responses=problem_responses(422))
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


@router.get(
    "/{id}/places",
    response_model=Page[PlacePublic],
    name="list-children",
    responses=problem_responses(404, 422),
)
def list_places_in(
    id: Annotated[str, id_path("united-states")],
    params: Annotated[PlacesInPlace, Query()],
    session: SessionDep,
    request: Request,
) -> Response:
    """Places this place includes (whose parent it is)."""
    found("place", id, fetch_record(session, Place, id))
    return listed(request, session, scoped(params, PlaceListParams, "parent", id), list_places)


@router.get(
    "/{id}/events",
    response_model=Page[EventPublic],
    name="list-events",
    responses=problem_responses(404, 422),
)
def list_events_in(
    id: Annotated[str, id_path(EXAMPLE)],
    params: Annotated[EventsInPlace, Query()],
    session: SessionDep,
    request: Request,
) -> Response:
    """Events held in this place."""
    found("place", id, fetch_record(session, Place, id))
    return listed(request, session, scoped(params, EventListParams, "place", id), list_events)


@router.get(
    "/{id}/organizations",
    response_model=Page[OrganizationPublic],
    name="list-organizations",
    responses=problem_responses(404, 422),
)
def list_organizations_in(
    id: Annotated[str, id_path(EXAMPLE)],
    params: Annotated[OrganizationsInPlace, Query()],
    session: SessionDep,
    request: Request,
) -> Response:
    """Organizations located in this place, or whose country it is: the place's
    `organizations`."""
    found("place", id, fetch_record(session, Place, id))
    return listed(
        request,
        session,
        scoped(params, OrganizationListParams, "place", id),
        list_organizations_of_place,
    )


@router.get(
    "/{id}/delegations-from",
    response_model=Page[DelegationPublic],
    name="list-delegations-from",
    responses=problem_responses(404, 422),
)
def list_delegations_from(
    id: Annotated[str, id_path(EXAMPLE)],
    params: Annotated[DelegationsFromPlace, Query()],
    session: SessionDep,
    request: Request,
) -> Response:
    """Delegations that came from this place (one of their origins)."""
    found("place", id, fetch_record(session, Place, id))
    return listed(
        request,
        session,
        scoped(params, DelegationListParams, "origin", id),
        list_delegations,
    )


@router.get(
    "/{id}/delegations-to",
    response_model=Page[DelegationPublic],
    name="list-delegations-to",
    responses=problem_responses(404, 422),
)
def list_delegations_to(
    id: Annotated[str, id_path(EXAMPLE)],
    params: Annotated[DelegationsToPlace, Query()],
    session: SessionDep,
    request: Request,
) -> Response:
    """Delegations that came to this place (one of their destinations)."""
    found("place", id, fetch_record(session, Place, id))
    return listed(
        request,
        session,
        scoped(params, DelegationListParams, "destination", id),
        list_delegations,
    )
