"""/v1/search: one query across every kind of record."""

from typing import Annotated

from fastapi import Query, Request, Response

from app.api import query_model
from app.api.deps import SessionDep
from app.api.errors import problem_responses
from app.api.list_params import SearchParams
from app.api.negotiation import listed
from app.api.router import Router
from app.queries.search import search
from app.store.models.common import Page
from app.store.models.search import SearchHit

router = Router(prefix="/v1/search", tags=["search"])


@query_model.get(
    router, "", response_model=Page[SearchHit], name="search", responses=problem_responses(422)
)
def search_all(
    params: Annotated[SearchParams, Query()],
    session: SessionDep,
    request: Request,
) -> Response:
    """Search names, other names and titles of every record; each hit says where it matched."""
    return listed(request, session, params, search)
