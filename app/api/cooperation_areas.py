"""/v1/cooperation-areas: the fields of cooperation that meetings explored."""

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from app.api.deps import NoQuery, SessionDep, id_path
from app.api.errors import problem_responses
from app.api.list_params import (
    AreaParticipationListParams,
    CooperationAreaListParams,
    EventListParams,
    OrganizationListParams,
)
from app.api.negotiation import detailed, found, listed, scoped
from app.api.params import fixed_by_path
from app.queries.common import fetch_record
from app.queries.cooperation_areas import (
    get_cooperation_area,
    list_area_participations,
    list_cooperation_areas,
)
from app.queries.events import list_events
from app.queries.organizations import list_organizations
from app.store.models.common import Page
from app.store.models.cooperation_area import (
    AreaOrganization,
    CooperationArea,
    CooperationAreaDetail,
    CooperationAreaPublic,
)
from app.store.models.event import EventPublic
from app.store.models.organization import OrganizationPublic

router = APIRouter(prefix="/v1/cooperation-areas", tags=["cooperation-areas"])
EXAMPLE = "cross-border-investments"


@fixed_by_path("cooperation_area")
class OrganizationsAtArea(OrganizationListParams):
    """`OrganizationListParams` less `cooperation_area`, which the path fixes."""


@fixed_by_path("cooperation_area")
class EventsExploringArea(EventListParams):
    """`EventListParams` less `cooperation_area`, which the path fixes."""


@router.get(
    "", response_model=Page[CooperationAreaPublic], name="list", responses=problem_responses(422)
)
def list_(
    params: Annotated[CooperationAreaListParams, Query()],
    session: SessionDep,
    request: Request,
) -> Response:
    """List cooperation areas, filtered by the event that explored them."""
    return listed(request, session, params, list_cooperation_areas)


@router.get(
    "/{id}",
    response_model=CooperationAreaDetail,
    name="get",
    responses=problem_responses(404, 422),
    dependencies=[NoQuery],
)
def get(id: Annotated[str, id_path(EXAMPLE)], session: SessionDep, request: Request) -> Response:
    """One cooperation area: the first events that explored it and the first organizations
    there, with how many of each."""
    return detailed(request, "cooperation-areas", id, get_cooperation_area(session, id))


@router.get(
    "/{id}/events",
    response_model=Page[EventPublic],
    name="list-events",
    responses=problem_responses(404, 422),
)
def list_events_exploring(
    id: Annotated[str, id_path(EXAMPLE)],
    params: Annotated[EventsExploringArea, Query()],
    session: SessionDep,
    request: Request,
) -> Response:
    """Events that explored this area."""
    found("cooperation area", id, fetch_record(session, CooperationArea, id))
    return listed(
        request,
        session,
        scoped(params, EventListParams, "cooperation_area", id),
        list_events,
    )


@router.get(
    "/{id}/organizations",
    response_model=Page[OrganizationPublic],
    name="list-organizations",
    responses=problem_responses(404, 422),
)
def list_organizations_at(
    id: Annotated[str, id_path(EXAMPLE)],
    params: Annotated[OrganizationsAtArea, Query()],
    session: SessionDep,
    request: Request,
) -> Response:
    """Organizations at the events that explored this area, each once."""
    found("cooperation area", id, fetch_record(session, CooperationArea, id))
    return listed(
        request,
        session,
        scoped(params, OrganizationListParams, "cooperation_area", id),
        list_organizations,
    )


@router.get(
    "/{id}/participations",
    response_model=Page[AreaOrganization],
    name="list-participations",
    responses=problem_responses(404, 422),
)
def list_participations_at(
    id: Annotated[str, id_path(EXAMPLE)],
    params: Annotated[AreaParticipationListParams, Query()],
    session: SessionDep,
    request: Request,
) -> Response:
    """Each organization at each event that explored this area, with its role there, page by
    page: the detail's `organizations`, in its order (organization, event, role)."""
    found("cooperation area", id, fetch_record(session, CooperationArea, id))
    return listed(request, session, params, lambda s, p: list_area_participations(s, id, p))
