"""HTTP behaviour of every route: caching, compression, CORS, errors, HEAD, limits."""

import gzip
import logging
from collections.abc import Iterator
from typing import Any

import brotli
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session

from app.api.http.logs import RequestIdFilter
from app.main import create_app
from app.settings import Settings
from tests.conftest import DATA
from tests.test_openapi_contract import concrete, operations

WRITE_METHODS = ["POST", "PUT", "PATCH", "DELETE"]


def urls(openapi: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """(a URL that answers 200, its operation) for every GET in the document."""
    out = []
    for path, operation in operations(openapi):
        url = concrete(path, operation)
        out.append((url + "?q=changchun" if path == "/v1/search" else url, operation))
    return out


def assert_problem(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    assert body["type"].startswith("https://")
    assert body["title"]
    assert body["detail"]
    assert "Traceback" not in response.text
    assert "sqlalchemy" not in response.text.lower()
    return body


def test_every_route_etag_and_304(client: TestClient, openapi: dict[str, Any]) -> None:
    for url, _ in urls(openapi):
        first = client.get(url)
        assert first.status_code == 200, url
        etag = first.headers["etag"]
        assert etag.startswith('"')  # strong: no W/ prefix
        assert etag.endswith('"')
        expected = "no-store" if url in ("/healthz", "/readyz") else "public, max-age=300"
        assert first.headers["cache-control"].startswith(expected), url
        assert "last-modified" in first.headers
        again = client.get(url, headers={"If-None-Match": etag})
        assert again.status_code == 304, url
        assert again.content == b""
        assert again.headers["etag"] == etag
        other = client.get(url, headers={"If-None-Match": '"something-else"'})
        assert other.status_code == 200


def test_every_route_head_equals_get_without_body(
    client: TestClient, openapi: dict[str, Any]
) -> None:
    for url, _ in urls(openapi):
        get = client.get(url, headers={"Accept-Encoding": "identity"})
        head = client.head(url, headers={"Accept-Encoding": "identity"})
        assert head.status_code == 200, url
        assert head.content == b""
        assert head.headers["etag"] == get.headers["etag"]
        assert head.headers["content-length"] == str(len(get.content))
        assert head.headers["content-type"] == get.headers["content-type"]


@pytest.mark.parametrize("method", WRITE_METHODS)
def test_every_route_refuses_writes_with_405_and_allow(
    client: TestClient, openapi: dict[str, Any], method: str
) -> None:
    for url, _ in urls(openapi):
        response = client.request(method, url)
        assert_problem(response, 405)
        assert response.headers["allow"] == "GET, HEAD"


def test_every_route_answers_cross_origin_requests(
    client: TestClient, openapi: dict[str, Any]
) -> None:
    origin = {"Origin": "http://frontend.example"}
    for url, _ in urls(openapi):
        response = client.get(url, headers=origin)
        assert response.headers["access-control-allow-origin"] == "*"
        exposed = response.headers["access-control-expose-headers"]
        assert "ETag" in exposed
        assert "Link" in exposed
        preflight = client.options(url, headers={**origin, "Access-Control-Request-Method": "GET"})
        assert preflight.status_code == 200
        assert "GET" in preflight.headers["access-control-allow-methods"]


def test_every_route_provokable_errors_are_problems(
    client: TestClient, openapi: dict[str, Any]
) -> None:
    for path, operation in operations(openapi):
        good = concrete(path, operation) + ("?q=changchun" if path == "/v1/search" else "")
        joiner = "&" if "?" in good else "?"
        assert {"304", "400", "406", "422", "500"} <= set(operation["responses"]), path
        assert_problem(client.get(good, headers={"Accept": "text/html"}), 406)
        assert_problem(client.get(f"{good}{joiner}x=%zz"), 400)
        assert_problem(client.get(f"{good}{joiner}bogus=1"), 422)
        if "{id}" in path:
            assert "404" in operation["responses"]
            assert_problem(client.get(path.replace("{id}", "no-such-id")), 404)


def test_conditional_request_by_date(client: TestClient) -> None:
    first = client.get("/v1/places")
    since = first.headers["last-modified"]
    assert client.get("/v1/places", headers={"If-Modified-Since": since}).status_code == 304
    early = "Mon, 01 Jan 2001 00:00:00 GMT"
    assert client.get("/v1/places", headers={"If-Modified-Since": early}).status_code == 200
    both = {"If-Modified-Since": since, "If-None-Match": '"stale"'}
    assert client.get("/v1/places", headers=both).status_code == 200  # the ETag decides


def test_compression_per_encoding(client: TestClient) -> None:
    plain = client.get("/v1/delegates", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers
    assert len(plain.content) > 1024
    raw = client.get("/v1/delegates", headers={"Accept-Encoding": "gzip"})
    assert raw.headers["content-encoding"] == "gzip"
    assert raw.json() == plain.json()  # the client decodes it
    zipped = client.stream("GET", "/v1/delegates", headers={"Accept-Encoding": "gzip"})
    with zipped as response:
        body = b"".join(response.iter_raw())
    assert gzip.decompress(body) == plain.content
    with client.stream("GET", "/v1/delegates", headers={"Accept-Encoding": "br"}) as response:
        assert response.headers["content-encoding"] == "br"
        assert brotli.decompress(b"".join(response.iter_raw())) == plain.content
        br_etag = response.headers["etag"]
    etags = {plain.headers["etag"], raw.headers["etag"], br_etag}
    assert len(etags) == 3  # one strong ETag per representation
    small = client.get("/healthz", headers={"Accept-Encoding": "gzip"})
    assert "content-encoding" not in small.headers


def test_security_headers(client: TestClient) -> None:
    api = client.get("/v1/delegates")
    assert api.headers["x-content-type-options"] == "nosniff"
    assert api.headers["referrer-policy"] == "no-referrer"
    assert api.headers["content-security-policy"] == "default-src 'none'; frame-ancestors 'none'"
    docs = client.get("/docs")
    assert docs.status_code == 200
    assert "script-src 'self'" in docs.headers["content-security-policy"]
    assert_problem(client.get("/nowhere"), 404)


def test_request_id_echoed_or_generated(client: TestClient) -> None:
    assert (
        client.get("/healthz", headers={"X-Request-ID": "abc-123"}).headers["x-request-id"]
        == "abc-123"
    )
    generated = client.get("/healthz", headers={"X-Request-ID": "bad id with spaces"})
    assert generated.headers["x-request-id"] != "bad id with spaces"
    assert len(generated.headers["x-request-id"]) == 32
    # new ids are unique, on cached and uncached answers alike
    made = {client.get(url).headers["x-request-id"] for url in ["/healthz", "/v1/places"] * 5}
    assert len(made) == 10
    assert all(len(i) == 32 and int(i, 16) >= 0 for i in made)


def test_limits(client: TestClient) -> None:
    body = assert_problem(client.get("/v1/delegates?q=" + "a" * 5000), 414)
    assert body["errors"][0]["name"] == "query string"
    assert_problem(client.get("/v1/delegates/" + "a" * 3000), 414)
    assert_problem(client.get("/v1/delegates", headers={"X-Big": "b" * 9000}), 431)


def test_health_ready_meta(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    assert client.get("/readyz").json() == {"status": "ready"}
    assert client.get("/healthz").headers["cache-control"] == "no-store"
    meta = client.get("/v1/meta").json()
    assert meta["counts"] == {
        "sources": 1,
        "places": 7,
        "organizations": 12,
        "delegates": 3,
        "delegations": 2,
        "cooperation_areas": 4,
        "events": 5,
    }
    assert len(meta["data_version"]) == 16
    assert meta["sources"][0]["publisher"] == "CCFAO"


@pytest.fixture
def failing_client() -> Iterator[TestClient]:
    app: FastAPI = create_app(Settings(data_dir=DATA))

    @app.get("/v1/explode")
    def explode() -> None:
        raise RuntimeError("secret internal detail in /srv/app.py")

    app.router.routes.insert(0, app.router.routes.pop())  # before the catch-all web mount

    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


def test_500_is_a_bare_problem(failing_client: TestClient) -> None:
    response = failing_client.get("/v1/explode")
    body = assert_problem(response, 500)
    assert "secret" not in response.text
    assert body["detail"] == "the server failed to answer"
    assert response.headers["x-content-type-options"] == "nosniff"


def test_every_log_line_of_a_request_carries_its_id(failing_client: TestClient) -> None:
    records: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    handler = Keep()
    handler.addFilter(RequestIdFilter())
    logger = logging.getLogger("app")  # every logger of the app is below it
    logger.addHandler(handler)
    try:
        response = failing_client.get("/v1/explode", headers={"X-Request-ID": "trace-me-42"})
    finally:
        logger.removeHandler(handler)
    assert response.headers["x-request-id"] == "trace-me-42"
    [error] = [r for r in records if r.levelno >= logging.ERROR]
    assert error.request_id == "trace-me-42"  # type: ignore[attr-defined]
    outside = logging.makeLogRecord({"msg": "not in a request"})
    RequestIdFilter().filter(outside)
    assert outside.request_id == "-"  # type: ignore[attr-defined]


def test_two_instances_give_identical_etags_and_bodies(openapi: dict[str, Any]) -> None:
    with (
        TestClient(create_app(Settings(data_dir=DATA))) as one,
        TestClient(create_app(Settings(data_dir=DATA))) as two,
    ):
        compared = 0
        for url, operation in urls(openapi):
            if url == "/v1/meta":
                continue  # it reports the load time of the process that answers
            a, b = one.get(url), two.get(url)
            assert a.status_code == b.status_code == 200
            assert a.content == b.content, url
            assert a.headers["etag"] == b.headers["etag"], url
            compared += "Link" in operation["responses"]["200"]["headers"]
        assert compared >= 17  # every list route


def test_writes_through_the_session_fail_after_load(client: TestClient) -> None:
    database = client.app.state.database  # type: ignore[attr-defined]
    with Session(database.engine) as session:
        with pytest.raises(DBAPIError, match=r"readonly|read-only"):
            session.exec(text("DELETE FROM person"))  # type: ignore[call-overload]
        session.rollback()
    assert client.get("/v1/delegates").json()["total"] == 3


def test_repeated_requests_are_served_from_the_cache(client: TestClient) -> None:
    url = "/v1/organizations?limit=3&sort=-name"
    first = client.get(url, headers={"X-Request-ID": "first"})
    second = client.get(url, headers={"X-Request-ID": "second"})
    assert first.content == second.content
    assert first.headers["etag"] == second.headers["etag"]
    assert second.headers["x-request-id"] == "second"  # the id is the request's, not cached
    assert second.headers["link"] == first.headers["link"]
    head = client.head(url)
    assert head.content == b""
    assert head.headers["content-length"] == second.headers["content-length"]
    assert client.get(url, headers={"If-None-Match": first.headers["etag"]}).status_code == 304


def test_response_cache_is_bounded() -> None:
    from app.api.http.conditional import Rendered
    from app.api.http.front_cache import ResponseCache

    cache = ResponseCache(max_bytes=10_000)
    for i in range(100):
        cache.put((b"v", str(i).encode()), Rendered(200, [], b"x" * 500, '"e"', None))
    assert cache.size <= 10_000
    assert len(cache.entries) == 10_000 // (500 + 512)  # each entry counts 512 bytes of overhead
    assert cache.get((b"v", b"0")) is None  # the oldest went first
    assert cache.get((b"v", b"99")) is not None
    cache.put((b"v", b"big"), Rendered(200, [], b"x" * 5_000, '"e"', None))
    assert cache.get((b"v", b"big")) is None  # over an eighth of the cache: never kept


def test_no_cache_request_is_rendered_again(client: TestClient) -> None:
    url = "/v1/places?limit=2&sort=kind"
    client.get(url)
    from app.api.http.front_cache import FrontCache

    stack: Any = client.app.middleware_stack  # type: ignore[attr-defined]
    while not isinstance(stack, FrontCache):
        stack = stack.app
    entries = stack.cache.entries
    key = next(k for k in entries if k[2] == b"limit=2&sort=kind")
    entries[key] = entries[key].__class__(200, entries[key].headers, b"stale", '"stale"', None)
    assert client.get(url).content == b"stale"  # served from the cache
    fresh = client.get(url, headers={"Cache-Control": "no-cache"})
    assert fresh.json()["total"] == 7  # rendered again, and cached again
    assert client.get(url).json()["total"] == 7
