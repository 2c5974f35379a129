"""/v1/delegations: who travelled together, from where."""

from typing import Annotated

from fastapi import Query, Request, Response

from app.api import query_model
from app.api.deps import NoQuery, SessionDep, id_path
from app.api.errors import problem_responses
from app.api.list_params import DelegateListParams, DelegationListParams
from app.api.negotiation import detailed, listed
from app.api.router import Router
from app.api.subcollections import filtered_list
from app.queries.delegates import list_delegates
from app.queries.delegations import get_delegation, list_delegations
from app.store.models.common import Page
from app.store.models.delegate import DelegatePublic
from app.store.models.delegation import Delegation, DelegationDetail, DelegationPublic

router = Router(prefix="/v1/delegations", tags=["delegations"])
EXAMPLE = "california-baja-california-joint-delegation-2023"


@query_model.get(
    router, "", response_model=Page[DelegationPublic], name="list", responses=problem_responses(422)
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


filtered_list(
    router,
    "/{id}/members",
    owner=Delegation,
    example=EXAMPLE,
    name="list-members",
    item=DelegatePublic,
    whole=DelegateListParams,
    field="delegation",
    fetch=list_delegates,
    doc="Delegates who led, accompanied or belonged to this delegation.",
)
