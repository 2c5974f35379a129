"""/v1/delegations: who travelled together, from where."""

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from app.api.deps import NoQuery, SessionDep, id_path
from app.api.errors import problem_responses
from app.api.list_params import DelegateListParams, DelegationListParams
from app.api.negotiation import detailed, found, listed, scoped
from app.api.params import fixed_by_path
from app.queries.common import fetch_record
from app.queries.delegates import list_delegates
from app.queries.delegations import get_delegation, list_delegations
from app.store.models.common import Page
from app.store.models.delegate import DelegatePublic
from app.store.models.delegation import Delegation, DelegationDetail, DelegationPublic

router = APIRouter(prefix="/v1/delegations", tags=["delegations"])
EXAMPLE = "california-baja-california-joint-delegation-2023"


@fixed_by_path("delegation")
class MembersOfDelegation(DelegateListParams):
    """`DelegateListParams` less `delegation`, which the path fixes."""


@router.get(
    "", response_model=Page[DelegationPublic], name="list", responses=problem_responses(422)
)
def list_(
    params: Annotated[DelegationListParams, Query()],
    session: SessionDep,
    request: Request,
) -> Response:
    """List delegations, filtered by origin, event or member."""
    return listed(request, session, params, list_delegations)


@router.get(
    "/{id}",
    response_model=DelegationDetail,
    name="get",
    responses=problem_responses(404, 422),
    dependencies=[NoQuery],
)
def get(id: Annotated[str, id_path(EXAMPLE)], session: SessionDep, request: Request) -> Response:
    """One delegation: origins, members with their role, events, sources."""
    return detailed(request, "delegations", id, get_delegation(session, id))


@router.get(
    "/{id}/members",
    response_model=Page[DelegatePublic],
    name="list-members",
    responses=problem_responses(404, 422),
)
def list_members(
    id: Annotated[str, id_path(EXAMPLE)],
    params: Annotated[MembersOfDelegation, Query()],
    session: SessionDep,
    request: Request,
) -> Response:
    """Delegates who led, accompanied or belonged to this delegation."""
    found("delegation", id, fetch_record(session, Delegation, id))
    return listed(
        request,
        session,
        scoped(params, DelegateListParams, "delegation", id),
        list_delegates,
    )
