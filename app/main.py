"""The application factory: `create_app()` builds it; `app` is the ASGI application."""

import asyncio
import gc
import json
import logging
import os
import signal
import sqlite3
import tempfile
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline

from app import __version__
from app.api import (
    cooperation_areas,
    delegates,
    delegations,
    docs,
    errors,
    events,
    graph,
    meta,
    organizations,
    places,
    search,
    sources,
)
from app.api.middleware import FrontCache, HttpMiddleware
from app.invalid import FixtureInvalid
from app.logs import access
from app.serving import Served, Version, follow_pointer
from app.settings import Settings
from app.store.db import EMBEDDED_URLS, Database
from app.store.version import LoadResult, builder_fingerprint, content_hash

log = logging.getLogger("app")

DESCRIPTION = """
A read-only registry of official delegation visits: who came, on whose behalf, whom they met,
where and when, what they discussed, what they planned next, and which source says so.

Curators keep one YAML file per visit; every record cites the source document and paragraph
that states it, and what no source states is null. Dates keep the precision their source
gives (`2024-H2` is the latter half of 2024, not a day).

Lists return `{items, total, next_cursor}` with an RFC 8288 `Link: rel="next"` header; errors
are RFC 9457 `application/problem+json`.
"""

TAGS = [
    {"name": "delegates", "description": "Every named person, with positions and events."},
    {"name": "organizations", "description": "Organizations, their people and event roles."},
    {"name": "cooperation-areas", "description": "Fields of cooperation a meeting explored."},
    {"name": "events", "description": "Expos, visits, meetings, and visits hoped for (tentative)."},
    {"name": "places", "description": "Countries, states and cities; friendship cities."},
    {"name": "delegations", "description": "Who travelled together, and from where."},
    {"name": "sources", "description": "The documents the facts come from."},
    {"name": "search", "description": "One query across every kind of record."},
    {"name": "graph", "description": "The registry as nodes and typed edges."},
    {"name": "timeline", "description": "Events in date order, partial dates honoured."},
    {"name": "meta", "description": "Health, readiness and the loaded data's version."},
]


def operation_id(route: APIRoute) -> str:
    """`<tag>-<name>`, e.g. `delegates-list`, so generated clients read well."""
    return f"{route.tags[0]}-{route.name}" if route.tags else route.name


WEB_DIR = Path(__file__).resolve().parent / "web"


def open_database(settings: Settings) -> tuple[Database, LoadResult]:
    """A new database holding every fixture, read-only; nothing is left behind on failure.

    The embedded database is a SQLite file named by the fixtures' content hash (and the
    code that builds it) in `snapshot_dir`: a start whose fixtures are unchanged (a warm
    start) serves that file as it is, instead of loading."""
    if is_postgresql(settings.database_url):
        return open_published(settings, load=settings.load)
    if settings.database_url not in EMBEDDED_URLS:
        from app.loader import load  # validation and loading: only when there is loading

        database = Database(settings.database_url)
        try:
            result = load([settings.data_dir], database.engine.begin)
        except BaseException:
            database.close()
            raise
        database.make_read_only()
        return database, result
    path = _snapshot_path(settings, content_hash([settings.data_dir]))
    if path is not None and path.exists():
        try:
            database, meta = Database.serve(path)
            log.info("warm start from %s", path)
            return database, _result(json.loads(meta))
        except (sqlite3.Error, ValueError, KeyError, OSError) as exc:
            log.warning("snapshot %s unusable (%s): loading the fixtures", path, exc)
    return _build(settings, path)


class RefusedToServe(Exception):
    """The database cannot be served as configured (nothing published, a writable role)."""


def is_postgresql(url: str) -> bool:
    return url.startswith(("postgresql", "postgres:"))


def open_published(settings: Settings, load: bool) -> tuple[Database, LoadResult]:
    """PostgreSQL: the current published data version (app.store.pgstore), read-only; loaded and
    published first when `load`. With loading off, a role that can write is refused unless
    `allow_writer`: a server needs SELECT only."""
    from app.store import pgstore

    url = settings.database_url
    if load:
        pgstore.load(url, [settings.data_dir], settings.reader_roles)
    control = Database(url)
    try:
        with control.engine.connect() as connection:
            pointer = pgstore.read_pointer(connection)
            if pointer is None:
                raise RefusedToServe(
                    "no data version is published in this database yet: "
                    "run `python -m app load` first"
                )
            rights = [] if load else pgstore.write_rights(connection, pointer.current)
    finally:
        control.close()
    if rights and not settings.allow_writer:
        raise RefusedToServe(
            "refusing to serve on a role that can write ("
            + "; ".join(rights)
            + "): use a role with SELECT only (README, Scaling out), "
            "or set REGISTRY_ALLOW_WRITER=true"
        )
    for right in rights:
        log.warning("serving on a role that can write: %s", right)
    return pgstore.open_version(url, pointer.current)


def _result(meta: dict[str, Any]) -> LoadResult:
    return LoadResult(meta["data_version"], datetime.now(UTC), meta["counts"], meta["files"])


def _build(settings: Settings, path: Path | None) -> tuple[Database, LoadResult]:
    """Load the fixtures into a new file, then serve it: kept at `path` for the next start,
    or (snapshots turned off, or their folder unusable) in a temporary file removed when the
    database is closed."""
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError as exc:
            log.warning("cannot keep snapshots in %s (%s): using a temporary file", path, exc)
            path = None
    keep = path is not None
    if path is None:
        handle, name = tempfile.mkstemp(prefix="delegation-registry-", suffix=".sqlite")
        os.close(handle)
        path = Path(name)
    partial = path.with_name(f"{path.name}.{uuid.uuid4().hex}.partial")
    from app.loader import load  # validation and loading: only when there is loading

    building = Database.build(partial)
    try:
        result = load([settings.data_dir], building.engine.begin)
        meta = {"data_version": result.data_version, "counts": result.counts, "files": result.files}
        building.write_meta(json.dumps(meta))
        building.close()
        partial.replace(path)
        database, _ = Database.serve(path, temporary=not keep)
    except BaseException:
        building.close()
        partial.unlink(missing_ok=True)
        if not keep:
            path.unlink(missing_ok=True)
        raise
    return database, result


def _snapshot_path(settings: Settings, version: str) -> Path | None:
    if settings.snapshot_dir is None or not str(settings.snapshot_dir):
        return None
    return settings.snapshot_dir / f"registry-{version}-{builder_fingerprint()}.sqlite"


def data_version(app: FastAPI) -> str:
    result: LoadResult = app.state.load_result
    return result.data_version


def create_app(
    settings: Settings | None = None, loaded: tuple[Database, LoadResult] | None = None
) -> FastAPI:
    """The application; `loaded` is a database already opened for `settings` (as `serve`
    does before the socket opens), else the lifespan opens one."""
    settings = settings or Settings()
    preloaded = [loaded] if loaded is not None else []

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        try:
            opened = preloaded.pop() if preloaded else open_database(settings)
            app.state.database, app.state.load_result = opened
        except FixtureInvalid as exc:
            for error in exc.errors:
                log.error("%s", error)
            raise
        log.info("loaded %s (data version %s)", app.state.load_result.counts, data_version(app))
        # What exists now (modules, routes, schemas) lives as long as the process: keep the
        # cyclic collector from walking it again on every full collection (pauses that showed
        # as p99 spikes under load).
        gc.freeze()
        loop = asyncio.get_running_loop()
        pending: set[asyncio.Task[None]] = set()
        published = is_postgresql(settings.database_url)
        follow = follow_pointer(settings.database_url) if published else None
        served = Served(Version(*opened), follow)
        app.state.served = served

        def current() -> None:  # compatibility: the current version, as before
            app.state.database = served.current.database
            app.state.load_result = served.current.result

        async def refresh() -> None:
            """Follow the published pointer; keep serving what is held if it cannot be read."""
            try:
                if await served.refresh():
                    current()
            except Exception as exc:
                log.warning("could not read the current data version: %s", exc)

        async def reload() -> None:
            """Load the fixtures again (when this process loads); keep serving the last good
            data if they are broken. Then serve what is current."""
            if published and not settings.load:
                await refresh()
                return
            try:
                if published:
                    from app.store import pgstore

                    await asyncio.to_thread(
                        pgstore.load,
                        settings.database_url,
                        [settings.data_dir],
                        settings.reader_roles,
                    )
                else:
                    opened = await asyncio.to_thread(open_database, settings)
                    served.switch(Version(*opened), served.current)
                    current()
            except FixtureInvalid as exc:
                log.error("reload refused, still serving data version %s:", data_version(app))
                for error in exc.errors:
                    log.error("%s", error)
                return
            if published:
                await refresh()
            log.info(
                "reloaded %s (data version %s)", app.state.load_result.counts, data_version(app)
            )

        async def poll() -> None:
            while True:
                await asyncio.sleep(settings.poll_seconds)
                await refresh()

        def on_hangup() -> None:
            task = loop.create_task(reload())
            pending.add(task)
            task.add_done_callback(pending.discard)

        app.state.reload = reload
        if published and settings.poll_seconds > 0:
            poller = loop.create_task(poll())
            pending.add(poller)
        with suppress(NotImplementedError, RuntimeError, ValueError):
            loop.add_signal_handler(signal.SIGHUP, on_hangup)  # main thread only
        try:
            yield
        finally:
            with suppress(NotImplementedError, RuntimeError, ValueError):
                loop.remove_signal_handler(signal.SIGHUP)
            for task in list(pending):
                task.cancel()
            for version in served.held():
                version.database.close()
            access.flush()

    app = FastAPIOffline(
        title="Delegation Registry API",
        version=__version__,
        description=DESCRIPTION,
        openapi_tags=TAGS,
        lifespan=lifespan,
        generate_unique_id_function=operation_id,
        # No OpenTelemetry here: without this FastAPI asks on every request whether it is on.
        telemetry={"tracing": False, "metrics": False, "logs": False},
    )
    app.state.settings = settings
    errors.install(app)
    docs.document(app)
    app.add_middleware(HttpMiddleware, cache_max_age=settings.cache_max_age)
    app.add_middleware(  # CORS headers reach every answer, 304s and refusals too
        CORSMiddleware,
        allow_origins=settings.cors_origins,
        allow_methods=["GET", "HEAD", "OPTIONS"],
        allow_headers=["*"],
        expose_headers=["ETag", "Link", "Last-Modified", "X-Request-ID"],
        max_age=600,
    )
    app.add_middleware(FrontCache)  # outermost: whole responses, as sent, for repeated requests
    for module in (
        delegates,
        organizations,
        cooperation_areas,
        events,
        places,
        delegations,
        sources,
        search,
        graph,
        meta,
    ):
        app.include_router(module.router)
    # Last, so that every route above wins: the browser page and its assets.
    app.mount("/", StaticFiles(directory=WEB_DIR, html=True), name="web")
    return app


def __getattr__(name: str) -> FastAPI:
    """`app.main:app`, the ASGI application for `uvicorn app.main:app`, created when first
    asked for (`python -m app serve` builds its own, on the database it loaded)."""
    if name != "app":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    application = create_app()
    globals()["app"] = application
    return application
