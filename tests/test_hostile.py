"""Hostile input over real HTTP: every answer is a 4xx problem, never a 5xx, never a trace."""

import json
import socket
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

from tests.live import serve

pytestmark = pytest.mark.system


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    with serve() as (url, _):
        yield url


def send(base: str, request_line: bytes, headers: bytes = b"") -> tuple[int, dict[str, str], bytes]:
    """Send raw bytes; return (status, headers, body) of the answer."""
    address = urlsplit(base)
    with socket.create_connection((address.hostname, address.port), timeout=10) as sock:
        sock.sendall(request_line + b"\r\nHost: x\r\nConnection: close\r\n" + headers + b"\r\n")
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    fields = dict(line.split(": ", 1) for line in lines[1:])
    return int(lines[0].split()[1]), {k.lower(): v for k, v in fields.items()}, body


def problem(base: str, target: bytes, status: int, headers: bytes = b"") -> dict[str, object]:
    code, fields, body = send(base, b"GET " + target + b" HTTP/1.1", headers)
    assert code == status, (target[:80], code, body[:300])
    assert fields["content-type"] == "application/problem+json"
    parsed: dict[str, object] = json.loads(body)
    assert parsed["status"] == status
    for leak in (b"Traceback", b'File "', b"sqlalchemy", b"/app/"):
        assert leak not in body
    return parsed


def named(parsed: dict[str, object]) -> set[str]:
    errors = parsed["errors"]
    assert isinstance(errors, list)
    return {e["name"] for e in errors}


@pytest.mark.parametrize("size", [5_000, 20_000, 60_000])
def test_very_long_query_strings(base: str, size: int) -> None:
    problem(base, b"/v1/delegates?q=" + b"a" * size, 414)


def test_query_strings_past_the_parser_limit_are_refused_by_the_server(base: str) -> None:
    # Over ~80 KB the HTTP parser itself refuses the request line: a 400, before the app.
    code, _, body = send(base, b"GET /v1/delegates?q=" + b"a" * 200_000 + b" HTTP/1.1")
    assert code == 400
    assert b"Traceback" not in body


def test_very_long_paths(base: str) -> None:
    problem(base, b"/v1/delegates/" + b"a" * 5000, 414)
    problem(base, b"/v1/" + b"x/" * 1500, 414)


@pytest.mark.parametrize(
    ("target", "status", "name"),
    [
        (b"/v1/delegates?q=a%00b", 400, "q"),
        (b"/v1/delegates?q=%zz", 400, "q"),
        (b"/v1/delegates?q=%4", 400, "q"),
        (b"/v1/delegates?q=%ff%fe", 400, "q"),
        (b"/v1/delegates?q=%c3%28", 400, "q"),
        (b"/v1/delegates?%ff=1", 400, "%ff"),
        (b"/v1/delegates?limit=1&limit=2", 400, "limit"),
        (b"/v1/delegates?q=a&q=b", 400, "q"),
        (b"/v1/delegates?limit=-1", 422, "limit"),
        (b"/v1/delegates?limit=0", 422, "limit"),
        (b"/v1/delegates?limit=99999999999999999999999", 422, "limit"),
        (b"/v1/delegates?limit=1e3", 422, "limit"),
        (b"/v1/delegates?cursor=WyJuYW1lIixbIm91IHNodW8iXV0", 422, "cursor"),
        (b"/v1/delegates?cursor=WyJuYW1lIixbIm91", 422, "cursor"),
        (b"/v1/delegates?cursor=%E2%9C%93", 422, "cursor"),
        (b"/v1/delegates?cursor=" + b"A" * 2000, 422, "cursor"),
        (b"/v1/events?from=2023-00", 422, "from"),
        (b"/v1/events?to=99999-01-01", 422, "to"),
        (b"/v1/search?q=" + b"%20" * 50, 422, "q"),
        (b"/v1/delegates/TIMOTHY-KELLY", 422, "id"),
    ],
)
def test_bad_parameters(base: str, target: bytes, status: int, name: str) -> None:
    assert name in named(problem(base, target, status))


@pytest.mark.parametrize(
    "target",
    [
        b"/v1/delegates/../../etc/passwd",
        b"/v1/delegates/..%2F..%2Fetc%2Fpasswd",
        b"/v1/../../../etc/passwd",
        b"/static-offline-docs/../../../../etc/passwd",
        b"/static-offline-docs/..%2F..%2Fapp%2Fmain.py",
        b"/v1/delegates/timothy-kelly/..",
        b"/v1/delegates/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    ],
)
def test_path_traversal(base: str, target: bytes) -> None:
    code, _, body = send(base, b"GET " + target + b" HTTP/1.1")
    assert 400 <= code < 500, (target, code)
    assert b"root:" not in body
    assert b"import" not in body


def test_nul_in_path(base: str) -> None:
    problem(base, b"/v1/delegates/%00", 400)


@pytest.mark.parametrize(
    "accept",
    [b"text/html", b"image/png", b"application/xml", b"*/*;q=0", b"application/json;q=0", b";;;,,"],
)
def test_odd_accept_headers(base: str, accept: bytes) -> None:
    problem(base, b"/v1/delegates", 406, b"Accept: " + accept + b"\r\n")


@pytest.mark.parametrize(
    "accept",
    [b"application/json;q=abc, */*;q=0.1", b"application/*", b"*/*", b"text/html, */*;q=0.8"],
)
def test_acceptable_accept_headers(base: str, accept: bytes) -> None:
    code, _, _ = send(base, b"GET /v1/delegates HTTP/1.1", b"Accept: " + accept + b"\r\n")
    assert code == 200


def test_raw_invalid_bytes_in_the_request_line(base: str) -> None:
    code, _, body = send(base, b"GET /v1/delegates?q=\xff\xfe HTTP/1.1")
    assert code == 400  # not HTTP: refused by the server's parser
    assert b"Traceback" not in body


def test_oversized_headers(base: str) -> None:
    problem(base, b"/v1/delegates", 431, b"X-Junk: " + b"j" * 20_000 + b"\r\n")


def test_unknown_methods_and_bodies(base: str) -> None:
    code, fields, _ = send(base, b"PURGE /v1/delegates HTTP/1.1")
    assert code == 405
    assert fields["allow"] == "GET, HEAD"
    code, fields, _ = send(
        base,
        b"POST /v1/delegates HTTP/1.1",
        b"Content-Length: 5\r\nContent-Type: text/plain\r\n\r\nhello",
    )
    assert code == 405
