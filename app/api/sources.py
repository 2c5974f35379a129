"""/v1/sources: the documents the registry's facts come from."""

from typing import Annotated

from fastapi import Query, Request, Response

from app.api import query_model
from app.api.deps import NoQuery, SessionDep, id_path
from app.api.errors import problem_responses
from app.api.list_params import SourceListParams, SourceRecordListParams
from app.api.negotiation import detailed, listed
from app.api.router import Router
from app.api.subcollections import owned_list
from app.queries.sources import get_source, list_source_records, list_sources
from app.store.models.common import Page
from app.store.models.source import CitingRecord, Source, SourceDetail, SourcePublic

router = Router(prefix="/v1/sources", tags=["sources"])


@query_model.get(
    router, "", response_model=Page[SourcePublic], name="list", responses=problem_responses(422)
)
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


owned_list(
    router,
    "/{id}/records",
    owner=Source,
    example=EXAMPLE,
    name="list-records",
    item=CitingRecord,
    parameters=SourceRecordListParams,
    fetch=list_source_records,
    doc="""Every record citing this source with the paragraphs it cites, page by page: events,
    delegations, delegates, organizations, cooperation areas, then places, each by name.""",
)
