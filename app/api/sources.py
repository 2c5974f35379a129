"""/v1/sources: the documents the registry's facts come from."""

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from app.api.deps import NoQuery, SessionDep, id_path
from app.api.errors import problem_responses
from app.api.http import detailed, listed
from app.models.common import Page
from app.models.source import SourceDetail, SourcePublic
from app.queries.sources import SourceListParams, get_source, list_sources

router = APIRouter(prefix="/v1/sources", tags=["sources"])


@router.get("", name="list", responses=problem_responses(422))
async def list_(
    params: Annotated[SourceListParams, Query()],
    session: SessionDep,
    request: Request,
    response: Response,
) -> Page[SourcePublic]:
    """List source documents."""
    return listed(request, response, session, params, list_sources)


@router.get("/{id}", name="get", responses=problem_responses(404, 422), dependencies=[NoQuery])
async def get(
    id: Annotated[str, id_path("ccfao-2023-08-28-california-baja-california-delegation")],
    session: SessionDep,
    request: Request,
) -> SourceDetail:
    """One source document and every record that cites it, with paragraphs."""
    return detailed(request, "sources", id, get_source(session, id))
