"""A process's data, from start to shut-down: the database opened at start (loaded, a warm
start from a snapshot, or the published PostgreSQL version), reloaded on SIGHUP, the
published pointer followed, and everything held closed at shut-down."""

import asyncio
import gc
import logging
import signal
from collections.abc import AsyncIterator, Callable
from contextlib import (
    AbstractAsyncContextManager,
    AbstractContextManager,
    asynccontextmanager,
    suppress,
)

# The loader's YAML parser, imported here, on the thread that imports the application:
# first imported in a thread that then ends (a test client runs the lifespan in one), its
# next use from another thread crashed the process (a segfault in yaml_rs 0.1.6, reproduced
# by the PostgreSQL pass of tests/test_search_index.py alone, 4 times in 4).
import yaml_rs  # noqa: F401
from anyio import to_thread
from fastapi import FastAPI
from sqlalchemy import Connection

from app.api.http.logs import access
from app.api.serving import Served, Version, follow_pointer
from app.ingest.invalid import FixtureInvalid
from app.settings import Settings
from app.store import snapshot
from app.store.db import EMBEDDED_URLS, Database, is_postgresql
from app.store.version import LoadResult, content_hash

log = logging.getLogger("app")


def open_database(settings: Settings) -> tuple[Database, LoadResult]:
    """A new database holding every fixture, read-only; nothing is left behind on failure.

    The embedded database is a SQLite file named by the fixtures' content hash (and the
    code that builds it) in `snapshot_dir`: a start whose fixtures are unchanged (a warm
    start) serves that file as it is, instead of loading."""
    if is_postgresql(settings.database_url):
        return open_published(settings, load=settings.load)
    if settings.database_url not in EMBEDDED_URLS:
        from app.ingest.loader import load  # validation and loading: only when there is loading

        database = Database(settings.database_url)
        try:
            result = load([settings.data_dir], database.engine.begin)
        except BaseException:
            database.close()
            raise
        database.make_read_only()
        return database, result
    path = snapshot.snapshot_path(settings.snapshot_dir, content_hash([settings.data_dir]))
    warm = snapshot.warm_start(path) if path is not None else None
    if warm is not None:
        return warm

    def load_fixtures(begin: Callable[[], AbstractContextManager[Connection]]) -> LoadResult:
        from app.ingest.loader import load  # validation and loading: only when there is loading

        return load([settings.data_dir], begin)

    return snapshot.build(path, load_fixtures)


class RefusedToServe(Exception):
    """The database cannot be served as configured (nothing published, a writable role)."""


def open_published(settings: Settings, load: bool) -> tuple[Database, LoadResult]:
    """PostgreSQL: the current published data version (app.store.pgstore), read-only; loaded
    and published first (app.ingest.publish) when `load`. With loading off, a role that can
    write is refused unless `allow_writer`: a server needs SELECT only."""
    from app.ingest import publish
    from app.store import pgstore

    url = settings.database_url
    if load:
        publish.load(url, [settings.data_dir], settings.reader_roles)
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


def data_version(app: FastAPI) -> str:
    result: LoadResult = app.state.load_result
    return result.data_version


def lifespan(
    settings: Settings, loaded: tuple[Database, LoadResult] | None = None
) -> Callable[[FastAPI], AbstractAsyncContextManager[None]]:
    """The application's lifespan: `loaded` is a database already opened for `settings` (as
    `serve` does before the socket opens), else it opens one."""
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
        # The routes' database work runs in the thread pool; a few threads serve best.
        to_thread.current_default_thread_limiter().total_tokens = settings.worker_threads
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
                    from app.ingest import publish

                    await asyncio.to_thread(
                        publish.load,
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

    return lifespan
