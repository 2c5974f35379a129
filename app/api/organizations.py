"""/v1/organizations: organizations, their people and their roles at events."""

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from app.api.deps import NoQuery, SessionDep, id_path
from app.api.errors import problem_responses
from app.api.negotiation import detailed, found, listed, scoped
from app.api.params import (
    DelegateListParams,
    EventListParams,
    OrganizationListParams,
    fixed_by_path,
)
from app.queries.delegates import list_delegates
from app.queries.events import list_events
from app.queries.organizations import get_organization, list_organizations
from app.store.models.common import Page
from app.store.models.delegate import DelegatePublic
from app.store.models.event import EventPublic
from app.store.models.organization import Organization, OrganizationDetail, OrganizationPublic

router = APIRouter(prefix="/v1/organizations", tags=["organizations"])
EXAMPLE = "imperial-valley-edc"


@fixed_by_path("organization")
class DelegatesOfOrganization(DelegateListParams):
    """`DelegateListParams` less `organization`, which the path fixes."""


@fixed_by_path("organization")
class EventsOfOrganization(EventListParams):
    """`EventListParams` less `organization`, which the path fixes."""


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
    """One organization: parent, children, people, events with its role, sources."""
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
    found("organization", id, session.get(Organization, id))
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
    found("organization", id, session.get(Organization, id))
    return listed(
        request, session, scoped(params, EventListParams, "organization", id), list_events
    )
