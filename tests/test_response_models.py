"""Every list and detail sends exactly its declared model: the queries build JSON-ready dicts
straight from rows, so nothing but this test holds them to the documented schema."""

import types
import typing
from typing import Any

from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from pydantic import BaseModel

from app.api import (
    cooperation_areas,
    delegates,
    delegations,
    events,
    graph,
    organizations,
    places,
    search,
    sources,
)

LISTS = [
    "/v1/delegates",
    "/v1/organizations",
    "/v1/events",
    "/v1/places",
    "/v1/delegations",
    "/v1/cooperation-areas",
    "/v1/sources",
    "/v1/timeline",
    "/v1/search?q=chang",
]


def models_in(annotation: Any) -> list[type[BaseModel]]:
    """The models an annotation names (`X | None`, `list[X]`)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is not None:
        return [m for arg in typing.get_args(annotation) for m in models_in(arg)]
    return []


def undeclared(model: type[BaseModel], body: Any, where: str) -> list[str]:
    """Every key of `body`, at any depth, that its model does not declare."""
    if isinstance(body, list):
        return [e for item in body for e in undeclared(model, item, where)]
    if not isinstance(body, dict):
        return []
    found = [f"{where}.{key}" for key in sorted(set(body) - set(model.model_fields))]
    for name, field in model.model_fields.items():
        for inner in models_in(field.annotation):
            found += undeclared(inner, body.get(name), f"{where}.{name}")
    return found


ROUTERS = [
    delegates.router,
    organizations.router,
    events.router,
    places.router,
    delegations.router,
    cooperation_areas.router,
    sources.router,
    graph.router,
    search.router,
]


def route_for(client: TestClient, path: str) -> APIRoute:
    """The route serving GET `path` (a template), among the routers the app includes."""
    return next(
        r
        for router in ROUTERS
        for r in router.routes
        if isinstance(r, APIRoute) and r.path == path and "GET" in (r.methods or ())
    )


def test_lists_and_details_send_their_declared_models(registry: TestClient) -> None:
    checked = []
    for url in LISTS:
        path = url.split("?")[0]
        page = registry.get(url + ("&" if "?" in url else "?") + "limit=3")
        assert page.status_code == 200, url
        model = route_for(registry, path).response_model
        model.model_validate(page.json())  # types and required fields
        assert undeclared(model, page.json(), path) == []
        items = page.json()["items"]
        assert items, url
        checked.append(path)
        if path in ("/v1/timeline", "/v1/search"):
            continue
        detail = route_for(registry, path + "/{id}")
        got = registry.get(f"{path}/{items[0]['id']}")
        assert got.status_code == 200, path
        detail.response_model.model_validate(got.json())
        assert undeclared(detail.response_model, got.json(), detail.path) == []
        checked.append(detail.path)
    assert len(checked) == len(LISTS) + 7


def test_the_check_finds_an_undeclared_key() -> None:
    class Inner(BaseModel):
        a: int

    class Outer(BaseModel):
        inner: Inner | None
        items: list[Inner]

    body = {"inner": {"a": 1, "b": 2}, "items": [{"a": 1}, {"a": 2, "c": 3}], "d": 4}
    assert undeclared(Outer, body, "x") == ["x.d", "x.inner.b", "x.items.c"]
