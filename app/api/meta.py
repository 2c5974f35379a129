"""Operations endpoints: liveness, readiness and what data is loaded."""

from datetime import datetime

from fastapi import Request
from pydantic import BaseModel
from sqlalchemy import text

from app import __version__
from app.api.deps import NoQuery, SessionDep
from app.api.errors import problem_responses
from app.api.router import Router
from app.api.serving import pinned
from app.domain.errors import ProblemError
from app.queries.paging import ListQuery
from app.queries.sources import list_sources
from app.store.models.common import Listed
from app.store.models.source import SourcePublic
from app.store.version import LoadResult

router = Router(tags=["meta"])


class Health(BaseModel):
    status: str


class Meta(BaseModel):
    api_version: str
    data_version: str
    loaded_at: datetime
    counts: dict[str, int]
    files: list[str]
    sources: list[SourcePublic]


@router.get("/healthz", name="health", responses=problem_responses(422), dependencies=[NoQuery])
async def health() -> Health:
    """The process is alive."""
    return Health(status="ok")


@router.get("/readyz", name="ready", responses=problem_responses(422, 503), dependencies=[NoQuery])
def ready(session: SessionDep) -> Health:
    """The data is loaded and the database answers queries."""
    try:
        session.connection().execute(text("SELECT 1"))
    except Exception as exc:
        raise ProblemError(503, "Service Unavailable", "the database does not answer") from exc
    return Health(status="ready")


@router.get("/v1/meta", name="meta", responses=problem_responses(422), dependencies=[NoQuery])
def meta(request: Request, session: SessionDep) -> Meta:
    """API version, data version (content hash), load time, record counts and sources."""
    version = pinned(request.scope)
    result: LoadResult = version.result if version else request.app.state.load_result
    sources: Listed[SourcePublic] = list_sources(session, ListQuery(limit=100))
    return Meta(
        api_version=__version__,
        data_version=result.data_version,
        loaded_at=result.loaded_at,
        counts=result.counts,
        files=result.files,
        sources=sources.items,
    )
