"""Dependencies shared by the routers."""

import asyncio
import weakref
from collections.abc import AsyncIterator
from contextlib import nullcontext
from typing import Annotated

from fastapi import Depends, Path, Request
from sqlmodel import Session

from app.api.serving import pinned
from app.domain.errors import ProblemError
from app.domain.patterns import SLUG, SLUG_MAX
from app.store.db import Database

# Sessions open at once, per database: no more than its pool has connections.
_SLOTS: weakref.WeakKeyDictionary[Database, asyncio.Semaphore] = weakref.WeakKeyDictionary()


def session_slots(database: Database) -> asyncio.Semaphore | None:
    """What a request holds, from before its session opens until after it closes, so that
    no more sessions are open than the pool has connections (None: the pool has no bound).

    A session keeps its connection until the response is sent, and a request leaves its
    worker thread in between (FastAPI validates a returned model in another hop). Were more
    requests let in than the pool has connections, the worker threads could all wait for a
    connection (30 s, then fail) held by requests that wait for a thread: so requests wait
    here instead, on the event loop, and a worker thread never waits for the pool."""
    slots = _SLOTS.get(database)
    if slots is None:
        connections = database.connections
        if connections is None:
            return None
        slots = _SLOTS.setdefault(database, asyncio.Semaphore(connections))
    return slots


async def get_session(request: Request) -> AsyncIterator[Session]:
    """A session for the request. Async (though the database calls are not) so that FastAPI
    opens and closes it on the event loop instead of hopping to a worker thread twice."""
    version = pinned(request.scope)  # the data version this request was pinned to
    database: Database = version.database if version else request.app.state.database
    async with session_slots(database) or nullcontext():
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
