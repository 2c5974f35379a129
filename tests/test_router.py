"""app.api.router.Router: a request outside a router's prefix skips its routes, and
routing answers as FastAPI's own routers do (matches, 405, slash redirects, 404)."""

from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from app.api.router import Router


def _app() -> tuple[FastAPI, list[str]]:
    tried: list[str] = []  # paths each route of /v1/a was asked to match

    class Spied(APIRoute):
        def matches(self, scope: Any) -> Any:
            tried.append(scope["path"])
            return super().matches(scope)

    first = Router(prefix="/v1/a", route_class=Spied)
    second = Router(prefix="/v1/b")
    bare = Router()

    @first.get("/{id}")
    def a_item(id: str) -> dict[str, str]:
        return {"a": id}

    @second.get("/item/{id}")
    def b_item(id: str) -> dict[str, str]:
        return {"b": id}

    @second.get("/list/")
    def b_list() -> dict[str, str]:
        return {"b": "list"}

    @bare.get("/ping")
    def ping() -> dict[str, str]:
        return {"ping": "pong"}

    app = FastAPI()
    for router in (first, second, bare):
        app.include_router(router)
    return app, tried


def test_outside_the_prefix_no_route_is_tried() -> None:
    app, tried = _app()
    with TestClient(app) as client:
        assert client.get("/v1/b/item/x").json() == {"b": "x"}
        assert client.get("/ping").json() == {"ping": "pong"}
        assert tried == []  # /v1/a's route never saw a path outside /v1/a
        assert client.get("/v1/a/x").json() == {"a": "x"}
        assert tried  # but it sees its own


@pytest.mark.parametrize(
    ("method", "path", "status", "body"),
    [
        ("GET", "/v1/a/1", 200, {"a": "1"}),
        ("GET", "/v1/b/item/2", 200, {"b": "2"}),
        ("POST", "/v1/a/1", 405, None),  # a partial match still answers 405
        ("POST", "/ping", 405, None),
        ("GET", "/v1/c/1", 404, None),
        ("GET", "/v1/ab", 404, None),  # starts like /v1/a, matches none of its routes
    ],
)
def test_answers_as_fastapi(method: str, path: str, status: int, body: Any) -> None:
    app, _ = _app()
    with TestClient(app) as client:
        response = client.request(method, path)
        assert response.status_code == status
        if body is not None:
            assert response.json() == body


def test_slash_redirect_into_a_router() -> None:
    app, _ = _app()
    with TestClient(app) as client:
        response = client.get("/v1/b/list", follow_redirects=False)
        assert response.status_code == 307
        assert response.headers["location"].endswith("/v1/b/list/")
