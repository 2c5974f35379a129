"""The promises of README.md and of the OpenAPI document's descriptions, each held to its
word over every route it covers, where no other test holds it so (test_http.py checks the
JSON answers of every route; test_api_*.py the lists, facets and exports one by one)."""

import gzip
import json
import re
from typing import Any

import brotli
import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from app.settings import Settings
from tests.conftest import DATA
from tests.test_api_beyond import list_urls
from tests.test_openapi_contract import concrete, operations

CACHE_CONTROL = "public, max-age=300, stale-while-revalidate=60"
EXPOSED = {"etag", "link", "last-modified", "x-request-id"}
EXPORTS = [("format=csv", {}), ("format=ndjson", {}), ("", {"Accept": "text/csv"})]
EXPORTS += [("", {"Accept": "application/x-ndjson"})]


def with_query(url: str, query: str) -> str:
    return f"{url}{'&' if '?' in url else '?'}{query}" if query else url


def export_urls(openapi: dict[str, Any]) -> list[tuple[str, dict[str, str]]]:
    """(URL, request headers) of every list's every export: by `format`, and by `Accept`."""
    return [
        (with_query(url, query), headers)
        for url in list_urls(openapi)
        for query, headers in EXPORTS
    ]


def assert_cacheable(response: Any, where: object) -> str:
    """The headers every successful GET carries; returns its strong ETag."""
    assert response.status_code == 200, where
    etag: str = response.headers["etag"]
    assert re.fullmatch(r'"[^"]+"', etag), (where, etag)  # strong: quoted, no W/
    assert response.headers["cache-control"] == CACHE_CONTROL, where
    assert response.headers["last-modified"].endswith(" GMT"), where
    vary = {v.strip() for v in response.headers["vary"].split(",")}
    assert {"Accept", "Accept-Encoding"} <= vary, where
    return etag


# ------------------------------------------------------ every successful GET, exports too


def test_every_export_has_a_strong_etag_cache_control_and_304(
    client: TestClient, openapi: dict[str, Any]
) -> None:
    exports = export_urls(openapi)
    assert len(exports) >= 4 * 17
    seen: set[str] = set()
    for url, headers in exports:
        plain = {**headers, "Accept-Encoding": "identity"}
        response = client.get(url, headers=plain)
        etag = assert_cacheable(response, url)
        assert response.headers["content-type"].startswith(("text/csv", "application/x-ndjson"))
        seen.add(etag)
        again = client.get(url, headers={**plain, "If-None-Match": etag})
        assert again.status_code == 304, url
        assert again.content == b""
        assert again.headers["etag"] == etag
        assert again.headers["cache-control"] == CACHE_CONTROL
        stale = client.get(url, headers={**plain, "If-None-Match": '"stale"'})
        assert stale.content == response.content, url
        head = client.head(url, headers=plain)
        assert head.status_code == 200, url
        assert head.content == b""
        assert head.headers["etag"] == etag, url
    assert len(seen) == len({(url, headers.get("Accept")) for url, headers in exports})


def test_an_export_etag_names_its_bytes(client: TestClient) -> None:
    """The same request gets the same ETag and bytes; another representation, another."""
    url = "/v1/events?format=csv"
    first = client.get(url, headers={"Accept-Encoding": "identity"})
    again = client.get(url, headers={"Accept-Encoding": "identity", "Cache-Control": "no-cache"})
    assert (again.headers["etag"], again.content) == (first.headers["etag"], first.content)
    others = [
        client.get("/v1/events?format=ndjson"),
        client.get("/v1/events?format=csv&sort=-name"),
        client.get("/v1/events?format=csv&fields=id"),
        client.get("/v1/events"),
    ]
    etags = {first.headers["etag"], *(o.headers["etag"] for o in others)}
    assert len(etags) == 1 + len(others)


def test_exports_are_compressed_with_an_etag_per_encoding(client: TestClient) -> None:
    url = "/v1/search?q=e&format=ndjson"
    plain = client.get(url, headers={"Accept-Encoding": "identity"})
    assert len(plain.content) > 1024
    assert "content-encoding" not in plain.headers
    etags = {plain.headers["etag"]}
    for coding, decompress in (("gzip", gzip.decompress), ("br", brotli.decompress)):
        with client.stream("GET", url, headers={"Accept-Encoding": coding}) as response:
            assert response.headers["content-encoding"] == coding
            body = b"".join(response.iter_raw())
            etag = assert_cacheable(response, coding)
        assert decompress(body) == plain.content
        assert len(body) < len(plain.content)
        assert (
            client.get(url, headers={"Accept-Encoding": coding, "If-None-Match": etag}).status_code
            == 304
        )
        etags.add(etag)
    assert len(etags) == 3


def test_export_etags_are_the_same_on_another_instance(openapi: dict[str, Any]) -> None:
    with (
        TestClient(create_app(Settings(data_dir=DATA))) as one,
        TestClient(create_app(Settings(data_dir=DATA))) as two,
    ):
        for url, headers in export_urls(openapi)[::3]:
            a, b = one.get(url, headers=headers), two.get(url, headers=headers)
            assert a.content == b.content, url
            assert a.headers["etag"] == b.headers["etag"], url


def test_every_successful_get_varies_on_accept_and_encoding(
    client: TestClient, openapi: dict[str, Any]
) -> None:
    for path, operation in operations(openapi):
        url = concrete(path, operation) + ("?q=changchun" if path == "/v1/search" else "")
        response = client.get(url)
        if path in ("/healthz", "/readyz"):
            assert response.headers["cache-control"] == "no-store"
            continue
        assert_cacheable(response, url)


# ------------------------------------------------------ every answer


def answers(client: TestClient, openapi: dict[str, Any]) -> list[tuple[str, Any]]:
    """One of each kind of answer: every route's success, an export, a 304, each error."""
    out = []
    for path, operation in operations(openapi):
        url = concrete(path, operation) + ("?q=changchun" if path == "/v1/search" else "")
        out.append((url, client.get(url, headers={"Origin": "http://elsewhere.example"})))
    origin = {"Origin": "http://elsewhere.example"}
    etag = client.get("/v1/places").headers["etag"]
    out += [
        ("export", client.get("/v1/places?format=csv", headers=origin)),
        ("HEAD", client.head("/v1/places", headers=origin)),
        ("304", client.get("/v1/places", headers={**origin, "If-None-Match": etag})),
        ("400", client.get("/v1/places?q=%00", headers=origin)),
        ("404", client.get("/v1/places/nowhere", headers=origin)),
        ("405", client.delete("/v1/places", headers=origin)),
        ("406", client.get("/v1/places", headers={**origin, "Accept": "image/png"})),
        ("414", client.get("/v1/places?q=" + "a" * 5000, headers=origin)),
        ("422", client.get("/v1/places?bogus=1", headers=origin)),
        ("431", client.get("/v1/places", headers={**origin, "X-Big": "b" * 9000})),
    ]
    return out


def test_every_answer_is_open_to_any_origin_and_exposes_its_headers(
    client: TestClient, openapi: dict[str, Any]
) -> None:
    for what, response in answers(client, openapi):
        assert response.headers["access-control-allow-origin"] == "*", what
        exposed = {
            h.strip().lower() for h in response.headers["access-control-expose-headers"].split(",")
        }
        assert exposed >= EXPOSED, what


def test_every_answer_carries_a_request_id(client: TestClient, openapi: dict[str, Any]) -> None:
    found = [response.headers["x-request-id"] for _, response in answers(client, openapi)]
    assert len(found) == len(set(found))
    assert all(re.fullmatch(r"[0-9a-f]{32}", i) for i in found)


def test_every_error_answer_is_a_problem(client: TestClient, openapi: dict[str, Any]) -> None:
    for what, response in answers(client, openapi):
        if response.status_code < 400:
            continue
        assert response.headers["content-type"] == "application/problem+json", what
        body = response.json()
        assert body["status"] == response.status_code, what
        assert {"type", "title", "detail", "instance", "errors"} <= set(body), what


def test_every_declared_error_is_a_problem(openapi: dict[str, Any]) -> None:
    """The document says so too: every 4xx and 5xx it declares is application/problem+json."""
    declared = 0
    for path, operation in operations(openapi):
        for status, response in operation["responses"].items():
            if status[0] in "45":
                assert list(response["content"]) == ["application/problem+json"], (path, status)
                schema = response["content"]["application/problem+json"]["schema"]
                assert schema == {"$ref": "#/components/schemas/Problem"}, (path, status)
                declared += 1
    assert declared > 5 * len(operations(openapi))


# ------------------------------------------------------ lists


def test_every_list_pages_with_its_envelope_and_link(
    client: TestClient, openapi: dict[str, Any]
) -> None:
    """`{items, total, next_cursor}`, and `Link: <...>; rel="next"` exactly when there is a
    next page, which it names; walked to the end, every item once."""
    for url in list_urls(openapi):
        total = client.get(url).json()["total"]
        page_url = with_query(url, "limit=2")
        response = client.get(page_url)
        items: list[Any] = []
        while True:
            body = response.json()
            assert set(body) == {"items", "total", "next_cursor"}, url
            assert body["total"] == total, url
            items += body["items"]
            if body["next_cursor"] is None:
                assert "link" not in response.headers, url
                break
            link = response.headers["link"]
            target = re.fullmatch(r'<(/[^>]+)>; rel="next"', link)
            assert target, link
            assert f"cursor={body['next_cursor']}" in target[1]
            response = client.get(target[1])
        assert len(items) == total, url
        keys = [json.dumps(item, sort_keys=True) for item in items]
        assert len(set(keys)) == total, url


def facet_urls(openapi: dict[str, Any]) -> list[tuple[str, str, list[str]]]:
    """(path, URL, every facet it offers) for every list that has facets."""
    out = []
    for path, operation in operations(openapi):
        facets = next((p for p in operation.get("parameters", []) if p["name"] == "facets"), None)
        if facets is not None:
            pattern = facets["schema"]["anyOf"][0]["pattern"]
            names = re.match(r"\^\(([^)]*)\)", pattern)
            assert names, pattern
            out.append((path, concrete(path, operation), names[1].split("|")))
    return out


@pytest.fixture(scope="module")
def facet_links(registry: TestClient) -> list[tuple[str, Any]]:
    """(the filter given, (list, filter, facet, value, count, linked total)) for every facet
    value of every list (sub-collections too), unfiltered and under one value of each of its
    filters."""
    out = []
    for path, url, names in facet_urls(registry.get("/openapi.json").json()):
        everything = f"facets={','.join(names)}"
        body = registry.get(with_query(url, f"{everything}&limit=1")).json()
        filters = [("", "")]
        for name in names:
            values = [v for v in body["facets"][name] if v["value"] is not None]
            filters += [(name, f"{name}={v['value']}") for v in values[:1]]
        for given, query in filters:
            counted = registry.get(with_query(url, f"{query}&{everything}".lstrip("&")))
            assert counted.status_code == 200, (url, query)
            for facet, values in counted.json()["facets"].items():
                for value in values:
                    if value["value"] is None:
                        assert value["href"] is None
                        continue
                    listed = registry.get(value["href"])
                    assert listed.status_code == 200, value["href"]
                    found = (path, query, facet, value["value"], value["count"])
                    out.append((given, (*found, listed.json()["total"])))
    return out


def test_every_facet_value_links_to_the_list_it_counts(
    facet_links: list[tuple[str, Any]],
) -> None:
    """Each facet value's `href` answers 200 with a `total` equal to its `count`: unfiltered,
    under another filter, under the facet's own filter (the count is of what choosing the
    value would list) and under a filter of the same participation (a delegate's role at the
    event filtered by, not at any event)."""
    assert len(facet_links) > 1000
    assert [link for _, link in facet_links if link[-2] != link[-1]] == []
    # every case above occurs (path, query, facet, ...)
    own = [link for given, link in facet_links if given and link[2] == given]
    assert len(own) > 100
    fellows = {("/v1/delegates", "event", "role"), ("/v1/organizations", "event", "role")}
    seen = {(link[0], given, link[2]) for given, link in facet_links}
    assert fellows <= seen
