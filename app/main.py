"""The application factory: `create_app()` builds it; `app` is the ASGI application."""

from pathlib import Path

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline

from app import __version__, lifecycle
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
from app.api.http.front_cache import FrontCache
from app.api.http.middleware import HttpMiddleware
from app.settings import Settings
from app.store.db import Database
from app.store.version import LoadResult

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


def create_app(
    settings: Settings | None = None, loaded: tuple[Database, LoadResult] | None = None
) -> FastAPI:
    """The application; `loaded` is a database already opened for `settings` (as `serve`
    does before the socket opens), else the lifespan opens one."""
    settings = settings or Settings()
    app = FastAPIOffline(
        title="Delegation Registry API",
        version=__version__,
        description=DESCRIPTION,
        openapi_tags=TAGS,
        lifespan=lifecycle.lifespan(settings, loaded),
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
