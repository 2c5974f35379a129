"""app.api.query_model resolves a route's query model as FastAPI would: the same values and
the same errors for any query string, so the same answers, 422 problems included; and the
OpenAPI document is FastAPI's for the declared model (the committed document is compared in
tests/test_openapi_contract.py and by `make openapi`)."""

import asyncio
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated, Any

import pytest
from anyio.from_thread import start_blocking_portal
from fastapi import FastAPI, Query
from fastapi.dependencies.utils import get_dependant, request_params_to_args
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute, APIRouter, iter_route_contexts
from fastapi.testclient import TestClient
from pydantic import BaseModel, ConfigDict, Field
from starlette.requests import Request
from starlette.types import Message

from app.api import query_model
from app.api.errors import problem_responses
from app.main import create_app
from app.settings import Settings

# Valid and invalid values of every kind of parameter, unknown names, empty values, the `from`
# alias and its field name, encodings, names without values, values without names.
QUERIES = [
    "",
    "limit=1",
    "limit=2&sort=-name",
    "sort=-start&limit=1",
    "q=chang&limit=2",
    "format=ndjson&limit=1",
    "fields=id&limit=1",
    "include=parent&limit=1",
    "facets=place,status&limit=1",
    "from=2023&to=2024-H1&limit=1",
    "classification=meeting&status=passed&limit=1",
    "kind=event&limit=1",
    "place=changchun&limit=1",
    "limit=%31",
    "limit=+1",
    "limit=0",
    "limit=101",
    "limit=ten",
    "limit=",
    "limit=1.0",
    "limit",
    "Limit=5",
    "sort=bogus",
    "sort=",
    "q=",
    "q=%20%20",
    "q=" + "a" * 201,
    "cursor=garbage!",
    "format=xml",
    "facets=bogus",
    "facets=",
    "include=bad",
    "from=2023-02-30",
    "from_=2023",
    "from=&to=",
    "to=yesterday",
    "year=20233",
    "status=done",
    "role=boss&side=guest",
    "event=Bad_Slug",
    "kind=bad",
    "publisher=x&limit=1",
    "bogus=1",
    "bogus=&limit=0",
    "b=2&a=1&limit=x",
    "=x",
    "&&limit=1&&",
]
# What only reaches the models in-process: HTTP refuses repeated names before routing.
REPEATS = [
    "limit=1&limit=2",
    "limit=x&limit=2",
    "limit=2&limit=x",
    "sort=name&sort=bogus",
    "bogus=1&bogus=2&other=3",
    "bogus=1&limit=0&bogus=2",
    "from=2023&from=2023-02-30",
]


def served(app: FastAPI) -> list[APIRoute]:
    """The routes whose query model app.api.query_model resolves."""
    routes = [context.original_route for context in iter_route_contexts(app.routes)]
    return [
        route
        for route in routes
        if isinstance(route, APIRoute) and query_model.MARK in (route.openapi_extra or {})
    ]


def declared(route: APIRoute) -> APIRoute:
    """The route as it was before app.api.query_model: its endpoint as declared, the model
    resolved by FastAPI."""
    endpoint = route.endpoint.__wrapped__  # type: ignore[attr-defined]
    return APIRoute(route.path, endpoint, methods=["GET"], response_model=route.response_model)


Answer = tuple[int, dict[str, str], bytes]


async def get(app: FastAPI, url: str) -> Answer:
    """GET `url` from `app` through ASGI (a TestClient's request costs more than the app's)."""
    path, _, query = url.partition("?")
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": query.encode(),
        "root_path": "",
        "headers": [(b"host", b"testserver")],
        "client": ("127.0.0.1", 1),
        "server": ("testserver", 80),
    }
    answer: dict[str, Any] = {"body": b""}

    async def receive() -> Message:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: Message) -> None:
        if message["type"] == "http.response.start":
            answer["status"] = message["status"]
            answer["headers"] = {k.decode(): v.decode() for k, v in message["headers"]}
        elif message["type"] == "http.response.body":
            answer["body"] += message.get("body", b"")

    await app(scope, receive, send)
    return answer["status"], answer["headers"], answer["body"]


@pytest.fixture(scope="module")
def apps(
    seed_dir: Path, seed_database: dict[str, str]
) -> Iterator[Callable[[str], tuple[Answer, Answer]]]:
    """GET from the app and from the same app resolving its query models as FastAPI does:
    (what the app answers, what FastAPI's resolution answers) for a URL."""
    settings = Settings(data_dir=seed_dir, **seed_database)  # type: ignore[arg-type]
    app, reference = create_app(settings), create_app(settings)
    for route in served(reference):
        reference.router.routes.insert(0, declared(route))  # ahead of the routers' own
    with (
        start_blocking_portal() as portal,
        portal.wrap_async_context_manager(app.router.lifespan_context(app)),
        portal.wrap_async_context_manager(reference.router.lifespan_context(reference)),
    ):

        async def both(url: str) -> tuple[Answer, Answer]:
            return await get(app, url), await get(reference, url)

        yield lambda url: portal.call(both, url)


def test_every_list_is_resolved_here(openapi: dict[str, Any], client: TestClient) -> None:
    with_query = {
        path
        for path, item in openapi["paths"].items()
        if any(p["in"] == "query" for p in item["get"].get("parameters", []))
    }
    assert {route.path for route in served(client.app)} == with_query  # type: ignore[arg-type]


def urls(route: APIRoute) -> list[str]:
    if "{id}" not in route.path:
        return [route.path]
    [example] = route.dependant.path_params[0].field_info.examples or []
    return [route.path.replace("{id}", example), route.path.replace("{id}", "Not%20A%20Slug")]


def test_answers_as_fastapi_would(
    apps: Callable[[str], tuple[Answer, Answer]], client: TestClient
) -> None:
    compared = refused = 0
    for route in served(client.app):  # type: ignore[arg-type]
        for path in urls(route):
            for query in [*QUERIES, *REPEATS[:2]]:
                url = f"{path}?{query}"
                (status, headers, body), (expected_status, expected_headers, expected) = apps(url)
                assert status == expected_status, url
                for name in ("content-type", "link", "etag"):
                    assert headers.get(name) == expected_headers.get(name), (url, name)
                assert body == expected, url
                compared += 1
                refused += status == 422
    assert refused > compared / 2 > 500  # most queries above are refused, each its own way


def resolve_as_fastapi(model: type[BaseModel], query: str) -> tuple[Any, list[Any]]:
    def endpoint(params: Annotated[model, Query()]) -> None:  # type: ignore[valid-type]
        """The declaration."""

    [field] = get_dependant(path="/", call=endpoint).query_params
    request = Request({"type": "http", "query_string": query.encode()})
    values, errors = request_params_to_args([field], request.query_params)
    return values.get("params"), errors


def resolve_here(model: type[BaseModel], query: str) -> tuple[Any, list[Any]]:
    route = APIRoute("/", lambda: None)
    scope = {"type": "http", "query_string": query.encode(), "path_params": {}, "route": route}
    resolve = query_model.resolver(model)

    async def resolved() -> BaseModel:
        return await resolve(Request(scope))

    try:
        return asyncio.run(resolved()), []
    except RequestValidationError as refused:
        return None, list(refused.errors())


def comparable(errors: list[Any]) -> list[Any]:
    """`errors`, with each exception in a `ctx` as its type and message (an exception equals
    itself alone)."""
    return [
        {**e, "ctx": {k: (type(v), str(v)) for k, v in e["ctx"].items()}} if "ctx" in e else e
        for e in errors
    ]


class Tagged(BaseModel):
    """What no route's model has: a list, an alias that is not a name, extras kept."""

    model_config = ConfigDict(extra="allow")
    tags: list[str] = []
    first: int | None = Field(None, alias="1st")
    sort: str = "name"


def models() -> list[type[BaseModel]]:
    """Every model a route resolves (app.main imported the routes), and `Tagged`."""
    return [*{id(m): m for m in query_model._MODELS.values()}.values(), Tagged]


@pytest.mark.nodb
@pytest.mark.parametrize("model", models(), ids=lambda m: m.__name__)
def test_the_same_values_and_errors_as_fastapi(model: type[BaseModel]) -> None:
    extra = ["tags=a&tags=b", "tags=", "1st=2&1st=3", "first=1", "x=1&y=2&x=3", "sort=a&sort=b"]
    for query in [*QUERIES, *REPEATS, *extra]:
        value, errors = resolve_here(model, query)
        expected_value, expected_errors = resolve_as_fastapi(model, query)
        assert comparable(errors) == comparable(expected_errors), query
        assert value == expected_value, query
        if value is not None:
            assert value.model_fields_set == expected_value.model_fields_set, query
            assert value.model_extra == expected_value.model_extra, query


@pytest.mark.nodb
def test_refuses_what_it_would_not_resolve_as_fastapi() -> None:
    router = APIRouter()
    register = query_model.get(router, "/x", responses=problem_responses(422))

    def no_model(limit: int = 1) -> None: ...

    def another_parameter(params: Annotated[Tagged, Query()], x: Annotated[str, Query()]) -> None:
        """FastAPI would report x's errors after the model's."""

    class ByName(BaseModel):
        model_config = ConfigDict(validate_by_name=True)
        from_: str = Field("", alias="from")

    def by_name(params: Annotated[ByName, Query()]) -> None:
        """FastAPI would also take from_ for from."""

    for endpoint in (no_model, another_parameter, by_name):
        with pytest.raises(TypeError):
            register(endpoint)
    with pytest.raises(TypeError, match="422"):
        query_model.get(router, "/x")
    assert router.routes == []
