"""/v1/sources: the documents the registry's facts come from."""

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from app.api.deps import NoQuery, SessionDep, id_path
from app.api.errors import problem_responses
from app.api.list_params import SourceListParams, SourceRecordListParams
from app.api.negotiation import detailed, found, listed
from app.queries.common import fetch_record
from app.queries.sources import get_source, list_source_records, list_sources
from app.store.models.common import Page
from app.store.models.source import CitingRecord, Source, SourceDetail, SourcePublic

router = APIRouter(prefix="/v1/sources", tags=["sources"])


@router.get("", response_model=Page[SourcePublic], name="list", responses=problem_responses(422))
def list_(
    params: Annotated[SourceListParams, Query()],
    session: SessionDep,
    request: Request,
) -> Response:
    """List source documents."""
    return listed(request, session, params, list_sources)


EXAMPLE = "ccfao-2023-08-28-california-baja-california-delegation"


@router.get(
    "/{id}",
    response_model=SourceDetail,
    name="get",
    responses=problem_responses(404, 422),
    dependencies=[NoQuery],
)
def get(
    id: Annotated[str, id_path(EXAMPLE)],
    session: SessionDep,
    request: Request,
) -> Response:
    """One source document, how many records cite it and the first of them, with paragraphs."""
    return detailed(request, "sources", id, get_source(session, id))


@router.get(
    "/{id}/records",
    response_model=Page[CitingRecord],
    name="list-records",
    responses=problem_responses(404, 422),
)
def list_records_of(
    id: Annotated[str, id_path(EXAMPLE)],
    params: Annotated[SourceRecordListParams, Query()],
    session: SessionDep,
    request: Request,
) -> Response:
    """Every record citing this source with the paragraphs it cites, page by page: events,
    delegations, delegates, organizations, cooperation areas, then places, each by name."""
    found("source", id, fetch_record(session, Source, id))
    return listed(request, session, params, lambda s, p: list_source_records(s, id, p))
