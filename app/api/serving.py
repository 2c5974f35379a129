"""Which data version answers a request: one per request, chosen once, before anything reads.

A process holds the current version and the previous one (`Served`). Each request is pinned
to one of them when it arrives (`pin`, called by the outermost middleware): its response
cache key, its queries, its ETag and the cursors it issues all come from that version, so a
response never mixes two versions even when a new one arrives while it is being answered.

A request with a cursor is pinned to the version that issued the cursor while the process
still holds it: a client paging through a list when a new version is published finishes its
walk on the version it started with; its next walk starts on the new one. A cursor of a
version no longer held (two versions later) is refused with a 422 naming `cursor`.
"""

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

from starlette.types import Scope

from app.queries.paging import SERVING_VERSION, cursor_version
from app.store.db import Database
from app.store.version import LoadResult

log = logging.getLogger("app")

PIN = "data"  # key of the pinned version in the request's scope["state"]
RETIRE_AFTER_SECONDS = 30.0  # a retired version's connections close after this


@dataclass(frozen=True)
class Version:
    database: Database
    result: LoadResult

    @property
    def data_version(self) -> str:
        return self.result.data_version


# Reads which versions are current and previous now; None when that is what the process holds.
Follow = Callable[["Served"], "tuple[Version, Version | None] | None"]


class Served:
    """The current version and the previous one; `refresh` follows the published pointer."""

    def __init__(self, current: Version, follow: Follow | None = None) -> None:
        self.current = current
        self.previous: Version | None = None
        self._follow = follow
        self._lock = asyncio.Lock()

    def held(self) -> list[Version]:
        return [v for v in (self.current, self.previous) if v is not None]

    def find(self, data_version: str) -> Version | None:
        for version in self.held():
            if version.data_version == data_version:
                return version
        return None

    def switch(self, current: Version, previous: Version | None) -> None:
        """Serve `current` from now on; close what is no longer held, once the requests
        already pinned to it are done."""
        before = self.held()
        self.current, self.previous = current, previous
        kept = {id(v) for v in self.held()}
        retired = [v for v in before if id(v) not in kept]
        for version in retired:
            try:
                asyncio.get_running_loop().call_later(RETIRE_AFTER_SECONDS, version.database.close)
            except RuntimeError:  # no loop (a synchronous caller): close now
                version.database.close()
        log.info(
            "serving data version %s (previous %s)",
            current.data_version,
            previous.data_version if previous else None,
        )

    async def refresh(self) -> bool:
        """Follow the published pointer (PostgreSQL); True when the versions changed."""
        if self._follow is None:
            return False
        async with self._lock:
            change = await asyncio.to_thread(self._follow, self)
            if change is None:
                return False
            self.switch(*change)
            return True


def _cursor(query: bytes) -> str | None:
    for name, value in parse_qsl(query.decode("latin-1")):
        if name == "cursor":
            return value
    return None


async def pin(scope: Scope) -> Version | None:
    """Choose the version that answers this request (once; later calls return it)."""
    state: dict[str, Any] = scope.setdefault("state", {})
    version: Version | None = state.get(PIN)
    if version is not None:
        return version
    served: Served | None = getattr(scope["app"].state, "served", None) if "app" in scope else None
    if served is None:
        return None
    version = served.current
    query: bytes = scope.get("query_string", b"")
    if b"cursor=" in query:
        cursor = _cursor(query)
        wanted = cursor_version(cursor) if cursor else None
        if wanted is not None and wanted != version.data_version:
            found = served.find(wanted)
            if found is None and await _refreshed(served):  # another replica switched first
                found = served.find(wanted)
            version = found or served.current
    state[PIN] = version
    SERVING_VERSION.set(version.data_version)
    return version


async def _refreshed(served: Served) -> bool:
    try:
        return await served.refresh()
    except Exception as exc:  # the database is unreachable: answer from what is held
        log.warning("could not read the current data version: %s", exc)
        return False


def pinned(scope: Scope) -> Version | None:
    """The version `pin` chose for this request (the current one if none was pinned)."""
    version: Version | None = scope.get("state", {}).get(PIN)
    if version is None and "app" in scope:
        served: Served | None = getattr(scope["app"].state, "served", None)
        version = served.current if served is not None else None
    return version


def follow_pointer(url: str) -> Follow:
    """For a PostgreSQL database that `app.store.pgstore` publishes to: open the versions the
    pointer names, reusing those already held."""
    from app.store import pgstore

    def follow(served: Served) -> tuple[Version, Version | None] | None:
        with served.current.database.engine.connect() as connection:
            pointer = pgstore.read_pointer(connection)
        if pointer is None:
            return None
        held = {v.database.schema: v for v in served.held()}
        previous_schema = served.previous.database.schema if served.previous else None
        if pointer.current == served.current.database.schema and (
            pointer.previous == previous_schema or pointer.previous is None
        ):
            return None
        opened: list[Version] = []

        def open_(schema: str) -> Version:
            if schema in held:
                return held[schema]
            version = Version(*pgstore.open_version(url, schema))
            opened.append(version)
            return version

        try:
            current = open_(pointer.current)
            previous = open_(pointer.previous) if pointer.previous else None
        except BaseException:
            for version in opened:
                version.database.close()
            raise
        return current, previous

    return follow
