"""/v1/organizations: organizations, their people and their roles at events."""

from typing import Annotated

from fastapi import Query, Request, Response

from app.api import query_model
from app.api.deps import NoQuery, SessionDep, id_path
from app.api.errors import problem_responses
from app.api.list_params import (
    DelegateListParams,
    EventListParams,
    OrganizationListParams,
    ParticipationListParams,
    PositionListParams,
)
from app.api.negotiation import detailed, listed
from app.api.router import Router
from app.api.subcollections import filtered_list, owned_list
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

router = Router(prefix="/v1/organizations", tags=["organizations"])
EXAMPLE = "imperial-valley-edc"
CCFAO = "changchun-municipal-foreign-affairs-office"


@query_model.get(
    router,
    "",
    response_model=Page[OrganizationPublic],
    name="list",
    responses=problem_responses(422),
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


filtered_list(
    router,
    "/{id}/delegates",
    owner=Organization,
    example=EXAMPLE,
    name="list-delegates",
    item=DelegatePublic,
    whole=DelegateListParams,
    field="organization",
    fetch=list_delegates,
    doc="Delegates holding a position in this organization.",
)


filtered_list(
    router,
    "/{id}/events",
    owner=Organization,
    example=EXAMPLE,
    name="list-events",
    item=EventPublic,
    whole=EventListParams,
    field="organization",
    fetch=list_events,
    doc="Events this organization took part in (any role).",
)


filtered_list(
    router,
    "/{id}/organizations",
    owner=Organization,
    example=CCFAO,
    name="list-children",
    item=OrganizationPublic,
    whole=OrganizationListParams,
    field="parent",
    fetch=list_organizations,
    doc="Organizations this organization includes (whose parent it is).",
)


owned_list(
    router,
    "/{id}/positions",
    owner=Organization,
    example=EXAMPLE,
    name="list-positions",
    item=OrganizationPerson,
    parameters=PositionListParams,
    fetch=list_positions,
    doc="""Titles held in this organization, each with its person and date, page by page: the
    detail's `people`, in its order.""",
)


owned_list(
    router,
    "/{id}/participations",
    owner=Organization,
    example=CCFAO,
    name="list-participations",
    item=OrganizationEvent,
    parameters=ParticipationListParams,
    fetch=list_participations,
    doc="""This organization's parts at events, each with the role played and the side taken,
    page by page: the detail's `events`, in its order.""",
)
