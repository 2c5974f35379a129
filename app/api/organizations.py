"""/v1/organizations: organizations, their people and their roles at events."""

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from app.api.deps import NoQuery, SessionDep, id_path
from app.api.errors import problem_responses
from app.api.list_params import (
    DelegateListParams,
    EventListParams,
    OrganizationListParams,
    ParticipationListParams,
    PositionListParams,
)
from app.api.negotiation import detailed, found, listed, scoped
from app.api.params import fixed_by_path
from app.queries.common import fetch_record
from app.queries.delegates import list_delegates
from app.queries.events import list_events
from app.queries.organizations import (
    get_organization,
    list_organizations,
    list_participations,
    list_positions,
)
from app.store.models.common import Page
from app.store.models.delegate import DelegatePublic
from app.store.models.event import EventPublic
from app.store.models.organization import (
    Organization,
    OrganizationDetail,
    OrganizationEvent,
    OrganizationPerson,
    OrganizationPublic,
)

router = APIRouter(prefix="/v1/organizations", tags=["organizations"])
EXAMPLE = "imperial-valley-edc"
CCFAO = "changchun-municipal-foreign-affairs-office"


@fixed_by_path("organization")
class DelegatesOfOrganization(DelegateListParams):
    """`DelegateListParams` less `organization`, which the path fixes."""


@fixed_by_path("organization")
class EventsOfOrganization(EventListParams):
    """`EventListParams` less `organization`, which the path fixes."""


@fixed_by_path("parent")
class OrganizationsInOrganization(OrganizationListParams):
    """`OrganizationListParams` less `parent`, which the path fixes."""


@router.get(
    "", response_model=Page[OrganizationPublic], name="list", responses=problem_responses(422)
)
def list_(
    params: Annotated[OrganizationListParams, Query()],
    session: SessionDep,
    request: Request,
) -> Response:
    """List organizations, filtered by classification, country, parent, event and role."""
    return listed(request, session, params, list_organizations)


@router.get(
    "/{id}",
    response_model=OrganizationDetail,
    name="get",
    responses=problem_responses(404, 422),
    dependencies=[NoQuery],
)
def get(id: Annotated[str, id_path(EXAMPLE)], session: SessionDep, request: Request) -> Response:
    """One organization: parent, sources, and the first organizations it includes, titles held
    there and its parts at events (role, side), with how many of each."""
    return detailed(request, "organizations", id, get_organization(session, id))


@router.get(
    "/{id}/delegates",
    response_model=Page[DelegatePublic],
    name="list-delegates",
    responses=problem_responses(404, 422),
)
def list_delegates_of(
    id: Annotated[str, id_path(EXAMPLE)],
    params: Annotated[DelegatesOfOrganization, Query()],
    session: SessionDep,
    request: Request,
) -> Response:
    """Delegates holding a position in this organization."""
    found("organization", id, fetch_record(session, Organization, id))
    return listed(
        request,
        session,
        scoped(params, DelegateListParams, "organization", id),
        list_delegates,
    )


@router.get(
    "/{id}/events",
    response_model=Page[EventPublic],
    name="list-events",
    responses=problem_responses(404, 422),
)
def list_events_of(
    id: Annotated[str, id_path(EXAMPLE)],
    params: Annotated[EventsOfOrganization, Query()],
    session: SessionDep,
    request: Request,
) -> Response:
    """Events this organization took part in (any role)."""
    found("organization", id, fetch_record(session, Organization, id))
    return listed(
        request, session, scoped(params, EventListParams, "organization", id), list_events
    )


@router.get(
    "/{id}/organizations",
    response_model=Page[OrganizationPublic],
    name="list-children",
    responses=problem_responses(404, 422),
)
def list_children(
    id: Annotated[str, id_path(CCFAO)],
    params: Annotated[OrganizationsInOrganization, Query()],
    session: SessionDep,
    request: Request,
) -> Response:
    """Organizations this organization includes (whose parent it is)."""
    found("organization", id, fetch_record(session, Organization, id))
    return listed(
        request,
        session,
        scoped(params, OrganizationListParams, "parent", id),
        list_organizations,
    )


@router.get(
    "/{id}/positions",
    response_model=Page[OrganizationPerson],
    name="list-positions",
    responses=problem_responses(404, 422),
)
def list_positions_in(
    id: Annotated[str, id_path(EXAMPLE)],
    params: Annotated[PositionListParams, Query()],
    session: SessionDep,
    request: Request,
) -> Response:
    """Titles held in this organization, each with its person and date, page by page: the
    detail's `people`, in its order."""
    found("organization", id, fetch_record(session, Organization, id))
    return listed(request, session, params, lambda s, p: list_positions(s, id, p))


@router.get(
    "/{id}/participations",
    response_model=Page[OrganizationEvent],
    name="list-participations",
    responses=problem_responses(404, 422),
)
def list_participations_of(
    id: Annotated[str, id_path(CCFAO)],
    params: Annotated[ParticipationListParams, Query()],
    session: SessionDep,
    request: Request,
) -> Response:
    """This organization's parts at events, each with the role played and the side taken,
    page by page: the detail's `events`, in its order."""
    found("organization", id, fetch_record(session, Organization, id))
    return listed(request, session, params, lambda s, p: list_participations(s, id, p))
