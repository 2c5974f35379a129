"""/v1/delegates: every named person."""

from typing import Annotated

from fastapi import Query, Request, Response

from app.api import query_model
from app.api.deps import NoQuery, SessionDep, id_path
from app.api.errors import problem_responses
from app.api.list_params import DelegateListParams
from app.api.negotiation import detailed, listed
from app.api.router import Router
from app.queries.delegates import get_delegate, list_delegates
from app.store.models.common import Page
from app.store.models.delegate import DelegateDetail, DelegatePublic

router = Router(prefix="/v1/delegates", tags=["delegates"])


@query_model.get(
    router, "", response_model=Page[DelegatePublic], name="list", responses=problem_responses(422)
)
def list_(
    params: Annotated[DelegateListParams, Query()],
    session: SessionDep,
    request: Request,
) -> Response:
    """List delegates, filtered by organization, event, role, side or delegation."""
    return listed(request, session, params, list_delegates)


@router.get(
    "/{id}",
    response_model=DelegateDetail,
    name="get",
    responses=problem_responses(404, 422),
    dependencies=[NoQuery],
)
def get(
    id: Annotated[str, id_path("timothy-kelly")], session: SessionDep, request: Request
) -> Response:
    """One delegate: positions, events with their part in each, delegations, sources."""
    return detailed(request, "delegates", id, get_delegate(session, id))
