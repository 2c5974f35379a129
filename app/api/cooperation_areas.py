"""/v1/cooperation-areas: the fields of cooperation that meetings explored."""

from typing import Annotated

from fastapi import Query, Request, Response

from app.api import query_model
from app.api.deps import NoQuery, SessionDep, id_path
from app.api.errors import problem_responses
from app.api.list_params import (
    AreaParticipationListParams,
    CooperationAreaListParams,
    EventListParams,
    OrganizationListParams,
)
from app.api.negotiation import detailed, listed
from app.api.router import Router
from app.api.subcollections import filtered_list, owned_list
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

router = Router(prefix="/v1/cooperation-areas", tags=["cooperation-areas"])
EXAMPLE = "cross-border-investments"


@query_model.get(
    router,
    "",
    response_model=Page[CooperationAreaPublic],
    name="list",
    responses=problem_responses(422),
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


filtered_list(
    router,
    "/{id}/events",
    owner=CooperationArea,
    example=EXAMPLE,
    name="list-events",
    item=EventPublic,
    whole=EventListParams,
    field="cooperation_area",
    fetch=list_events,
    doc="Events that explored this area.",
)


filtered_list(
    router,
    "/{id}/organizations",
    owner=CooperationArea,
    example=EXAMPLE,
    name="list-organizations",
    item=OrganizationPublic,
    whole=OrganizationListParams,
    field="cooperation_area",
    fetch=list_organizations,
    doc="Organizations at the events that explored this area, each once.",
)


owned_list(
    router,
    "/{id}/participations",
    owner=CooperationArea,
    example=EXAMPLE,
    name="list-participations",
    item=AreaOrganization,
    parameters=AreaParticipationListParams,
    fetch=list_area_participations,
    doc="""Each organization at each event that explored this area, with its role there, page by
    page: the detail's `organizations`, in its order (organization, event, role).""",
)
