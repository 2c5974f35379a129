"""Dependencies shared by the routers."""

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Path, Request
from sqlmodel import Session

from app.api.serving import pinned
from app.domain.errors import ProblemError
from app.domain.patterns import SLUG, SLUG_MAX
from app.store.db import Database


async def get_session(request: Request) -> AsyncIterator[Session]:
    """A session for the request. Async (though the database calls are not) so that FastAPI
    opens and closes it on the event loop instead of hopping to a worker thread twice."""
    version = pinned(request.scope)  # the data version this request was pinned to
    database: Database = version.database if version else request.app.state.database
    with Session(database.engine) as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]


def id_path(example: str) -> object:
    """The `{id}` path parameter: a slug, with a real id as its example."""
    return Path(
        max_length=SLUG_MAX, pattern=SLUG, description="Stable slug id.", examples=[example]
    )


async def no_query_params(request: Request) -> None:
    """Routes that take no query parameters refuse any, as lists refuse unknown ones.
    (Async: it runs on the event loop, not in a worker thread.)"""
    if request.query_params:
        errors = [
            {"name": name, "in": "query", "reason": "unknown parameter"}
            for name in dict.fromkeys(request.query_params.keys())
        ]
        names = ", ".join(e["name"] for e in errors)
        raise ProblemError(422, "Invalid parameter", f"invalid: {names}", errors)


NoQuery = Depends(no_query_params)
