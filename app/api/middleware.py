"""The HTTP layer every response passes through.

Data never changes while the process runs, so every successful GET is a pure function of the
request: it gets a strong ETag (a hash of the data version and the representation's bytes),
`Cache-Control`, `Last-Modified`, and is answered 304 when the client already holds it. The
same data gives the same ETag on every replica and after every restart. Bodies over 1 KB are
compressed (brotli or gzip, as the client prefers); each encoding has its own ETag. Streamed
bodies (exports) get the same, without being held: see app.api.streaming.

It also refuses what the application should never see (oversized or malformed query strings,
oversized headers, unacceptable `Accept`), answers HEAD as GET without a body, adds security
headers and an `X-Request-ID`, and turns any unhandled exception into a bare 500 problem.
"""

import asyncio
import gzip
import hashlib
import itertools
import logging
import os
import re
import time
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime, parsedate_to_datetime
from http import HTTPStatus
from urllib.parse import unquote_to_bytes

import brotli
import orjson
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.api import streaming
from app.api.streaming import Encoder
from app.domain.patterns import has_control
from app.logs import access
from app.serving import pin, pinned

log = logging.getLogger("app.http")

MAX_QUERY_BYTES = 4096
MAX_PATH_BYTES = 2048
MAX_HEADER_BYTES = 8192
COMPRESS_MIN_BYTES = 1024
PROBLEM_TYPE = "https://delegation-registry.example/problems/"
JSON_TYPES = ("application/json", "application/problem+json")
# Every representation some API route offers; each route narrows it (and answers 406 itself).
API_TYPES = (*JSON_TYPES, "application/ld+json", "text/csv", "application/x-ndjson")
API_PREFIXES = ("/v1/", "/healthz", "/readyz")
NEVER_CACHED = ("/healthz", "/readyz")
DOCS_PREFIXES = ("/docs", "/redoc", "/static-offline-docs")
CSP_API = "default-src 'none'; frame-ancestors 'none'"
WEB_PATHS = ("/", "/index.html", "/app.js", "/style.css")
# Observable Plot (app/web/vendor/plot.umd.min.js) puts one fixed <style> into every chart it
# draws (for its default class name, plot-d6a7b5): the page allows that text by its hash and no
# other inline style. tests/test_web_vendor.py recomputes the hash from the vendored file.
PLOT_STYLE_HASH = "sha256-jSYQUrW7J0b3jPqhZP9C2Xh1PyJKHKXd4s0fpGGKrww="
CSP_WEB = (
    f"default-src 'self'; script-src 'self'; style-src 'self' '{PLOT_STYLE_HASH}'; "
    "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
CSP_DOCS = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; worker-src 'self' blob:; connect-src 'self'; frame-ancestors 'none'"
)
_BAD_PERCENT = re.compile(rb"%(?![0-9A-Fa-f]{2})")
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")

Headers = list[tuple[bytes, bytes]]


def _header(headers: Iterable[tuple[bytes, bytes]], name: bytes) -> str | None:
    for key, value in headers:
        if key.lower() == name:
            return value.decode("latin-1")
    return None


def accepts(header: str | None, offered: Iterable[str]) -> dict[str, float]:
    """{offered media type or coding: q} for what `header` accepts (q > 0)."""
    if header is None:
        return dict.fromkeys(offered, 1.0)
    ranges: list[tuple[str, float]] = []
    for part in header.split(","):
        fields = [f.strip() for f in part.split(";")]
        q = 1.0
        for param in fields[1:]:
            if param.lower().startswith("q="):
                try:
                    q = float(param[2:])
                except ValueError:
                    q = 0.0
        ranges.append((fields[0].lower(), q))
    out: dict[str, float] = {}
    for item in offered:
        major = item.split("/")[0]
        best = None
        for value, q in ranges:
            if value == item:
                best = q
                break
            if value in (f"{major}/*", "*/*", "*") and best is None:
                best = q
        if best:
            out[item] = best
    return out


def _malformed_query(raw: bytes) -> tuple[str, str] | None:
    """(parameter, reason) when the query string cannot be read, else None."""
    seen: set[bytes] = set()
    for pair in raw.split(b"&"):
        if not pair:
            continue
        name_raw = pair.split(b"=", 1)[0]
        name = name_raw.decode("latin-1")[:40] or "query string"
        if _BAD_PERCENT.search(pair):
            return name, "malformed percent-encoding"
        for part in pair.split(b"=", 1):
            decoded = unquote_to_bytes(part.replace(b"+", b" "))
            try:
                text = decoded.decode("utf-8")
            except UnicodeDecodeError:
                return name, "not valid UTF-8"
            if has_control(text):
                return name, "contains a control character"
        key = unquote_to_bytes(name_raw.replace(b"+", b" "))
        if key in seen:
            return name, "given more than once"
        seen.add(key)
    return None


def problem_body(
    status: int, title: str, detail: str, path: str, errors: list[dict[str, str]]
) -> bytes:
    slug = HTTPStatus(status).phrase.lower().replace(" ", "-").replace("'", "")
    body = {
        "type": PROBLEM_TYPE + slug,
        "title": title,
        "status": status,
        "detail": detail,
        "instance": path,
        "errors": errors,
    }
    return orjson.dumps(body)


@dataclass(frozen=True)
class Rendered:
    """A response ready to send, but for its request id."""

    status: int
    headers: Headers
    body: bytes
    etag: str | None
    last_modified: datetime | None


class ResponseCache:
    """Least-recently-used responses, bounded in bytes. The data cannot change under an entry:
    its key holds the data version, so a reload simply stops matching old entries."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.size = 0
        self.entries: OrderedDict[tuple[bytes, ...], Rendered] = OrderedDict()

    def get(self, key: tuple[bytes, ...]) -> Rendered | None:
        found = self.entries.get(key)
        if found is not None:
            self.entries.move_to_end(key)
        return found

    def put(self, key: tuple[bytes, ...], rendered: Rendered) -> None:
        cost = len(rendered.body) + 512
        if cost > self.max_bytes // 8:
            return
        replaced = self.entries.pop(key, None)
        if replaced is not None:
            self.size -= len(replaced.body) + 512
        self.entries[key] = rendered
        self.size += cost
        while self.size > self.max_bytes:
            _, dropped = self.entries.popitem(last=False)
            self.size -= len(dropped.body) + 512


class HttpMiddleware:
    def __init__(self, app: ASGIApp, cache_max_age: int) -> None:
        self.app = app
        self.cache_control = f"public, max-age={cache_max_age}, stale-while-revalidate=60"

    @staticmethod
    def _loaded(scope: Scope) -> tuple[bytes, datetime | None]:
        """The data version and load time of the application serving `scope`."""
        version = pinned(scope)
        if version is None:
            return b"", None
        result = version.result
        return result.version_bytes, result.loaded_at.replace(microsecond=0)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers: Headers = list(scope["headers"])
        request_id = request_id_of(_header(headers, b"x-request-id"))
        scope.setdefault("state", {})["request_id"] = request_id
        scope["state"]["started"] = time.perf_counter()
        path: str = scope["path"]
        refusal = self._refuse(scope, headers, path)
        if refusal is not None:
            status, title, detail, errors = refusal
            body = problem_body(status, title, detail, path, errors)
            response_headers = [(b"content-type", b"application/problem+json")]
            await self._send(send, scope, status, response_headers, body, request_id, path)
            return
        head = scope["method"] == "HEAD"
        inner_scope = {**scope, "method": "GET"} if head else scope
        start: Message | None = None
        chunks: list[bytes] = []
        streaming = False
        encoder: Encoder | None = None
        answered = asyncio.Event()  # the client has its whole answer: the app may stop

        async def capture(message: Message) -> None:
            nonlocal start, streaming, encoder
            if message["type"] == "http.response.start":
                if _header(message.get("headers", []), b"content-length") is None:
                    streaming = True
                    message, encoder = self._stream_start(scope, message)
                    await send(self._decorate_start(message, request_id, path))
                    if head or message["status"] == 304:  # no body to send: stop the stream
                        await send({"type": "http.response.body", "body": b""})
                        log_access(scope, message["status"], request_id)
                        answered.set()
                start = message
                return
            if answered.is_set():
                return
            if streaming:
                more = message.get("more_body", False)
                body = message.get("body", b"")
                if encoder is not None:
                    body = encoder.encode(body, last=not more)
                if body or not more:
                    await send({"type": "http.response.body", "body": body, "more_body": more})
                if not more and start is not None:
                    log_access(scope, start["status"], request_id)
                return
            chunks.append(message.get("body", b""))

        async def hear() -> Message:
            """The client's messages, or a disconnect once its answer is complete (so that a
            stream whose body is not wanted stops, as if the client had left)."""
            if answered.is_set():
                return {"type": "http.disconnect"}
            heard = asyncio.ensure_future(receive())
            done = asyncio.ensure_future(answered.wait())
            try:
                await asyncio.wait((heard, done), return_when=asyncio.FIRST_COMPLETED)
            finally:  # also when the app stops listening (cancelled)
                for task in (heard, done):
                    if not task.done():
                        task.cancel()
            if heard.done() and not heard.cancelled():
                return heard.result()
            return {"type": "http.disconnect"}

        try:
            await self.app(inner_scope, hear, capture)
        except Exception:
            log.exception("unhandled error on %s %s [%s]", scope["method"], path, request_id)
            if start is not None:
                raise
            body = problem_body(
                500, "Internal Server Error", "the server failed to answer", path, []
            )
            await self._send(
                send,
                scope,
                500,
                [(b"content-type", b"application/problem+json")],
                body,
                request_id,
                path,
            )
            return
        if streaming or start is None:
            return
        response_headers = [
            (k, v)
            for k, v in start.get("headers", [])
            if k.lower() not in (b"content-length", b"etag")
        ]
        await self._send(
            send, scope, start["status"], response_headers, b"".join(chunks), request_id, path
        )

    def _refuse(
        self, scope: Scope, headers: Headers, path: str
    ) -> tuple[int, str, str, list[dict[str, str]]] | None:
        raw_query: bytes = scope.get("query_string", b"")
        if len(raw_query) > MAX_QUERY_BYTES:
            detail = f"the query string is over {MAX_QUERY_BYTES} bytes"
            return (
                414,
                "URI Too Long",
                detail,
                [{"name": "query string", "in": "query", "reason": detail}],
            )
        if len(scope.get("raw_path") or path.encode()) > MAX_PATH_BYTES:
            return 414, "URI Too Long", f"the path is over {MAX_PATH_BYTES} bytes", []
        size = sum(len(k) + len(v) + 4 for k, v in headers)
        if size > MAX_HEADER_BYTES:
            detail = f"request headers total over {MAX_HEADER_BYTES} bytes"
            return 431, "Request Header Fields Too Large", detail, []
        malformed = _malformed_query(raw_query) if raw_query else None
        if malformed is not None:
            name, reason = malformed
            return (
                400,
                "Bad Request",
                f"query parameter {name!r}: {reason}",
                [{"name": name, "in": "query", "reason": reason}],
            )
        if has_control(path):
            reason = "contains a control character"
            return (
                400,
                "Bad Request",
                f"the path {reason}",
                [{"name": "path", "in": "path", "reason": reason}],
            )
        if path.startswith(API_PREFIXES) and scope["method"] in ("GET", "HEAD"):
            accept = _header(headers, b"accept")
            if not accepts(accept, API_TYPES):
                detail = f"this API serves {', '.join(API_TYPES)}; Accept was {accept!r}"
                return (
                    406,
                    "Not Acceptable",
                    detail,
                    [{"name": "Accept", "in": "header", "reason": detail}],
                )
        return None

    def _stream_start(self, scope: Scope, message: Message) -> tuple[Message, Encoder | None]:
        """A streamed answer's start: for a successful GET, with the validators and caching
        headers of any other (its ETag from app.api.streaming), compressed as the client
        prefers; 304 instead when the client already holds it."""
        path: str = scope["path"]
        if message["status"] != 200 or path in NEVER_CACHED:
            return message, None
        headers: Headers = list(message.get("headers", []))
        data_version, last_modified = self._loaded(scope)
        coding = self._coding(scope["headers"], COMPRESS_MIN_BYTES)
        target = (scope.get("raw_path") or path.encode()) + b"?" + scope.get("query_string", b"")
        media_type = (_header(headers, b"content-type") or "").encode()
        etag = streaming.etag(data_version, target, media_type, coding)
        headers += [
            (b"etag", etag.encode()),
            (b"cache-control", self.cache_control.encode()),
            (b"vary", b"Accept, Accept-Encoding"),
        ]
        if last_modified is not None:
            headers.append((b"last-modified", format_datetime(last_modified, usegmt=True).encode()))
        if not_modified(scope["headers"], etag, last_modified):
            kept = [(k, v) for k, v in headers if _kept_in_304(k)]
            return {**message, "status": 304, "headers": kept}, None
        if coding is None:
            return {**message, "headers": headers}, None
        headers.append((b"content-encoding", coding.encode()))
        return {**message, "headers": headers}, Encoder(coding)

    def _decorate_start(self, message: Message, request_id: str, path: str) -> Message:
        headers = [(k, v) for k, v in message.get("headers", [])]
        headers.extend(self._security(path))
        headers.append((b"x-request-id", request_id.encode()))
        return {**message, "headers": headers}

    @staticmethod
    def _security(path: str) -> Headers:
        if path in WEB_PATHS:
            csp = CSP_WEB
        elif path.startswith(DOCS_PREFIXES):
            csp = CSP_DOCS
        else:
            csp = CSP_API
        return [
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"no-referrer"),
            (b"content-security-policy", csp.encode()),
            (b"cross-origin-resource-policy", b"cross-origin"),
        ]

    async def _send(
        self,
        send: Send,
        scope: Scope,
        status: int,
        headers: Headers,
        body: bytes,
        request_id: str,
        path: str,
    ) -> None:
        request_headers: Headers = scope["headers"]
        headers = [*headers, *self._security(path)]
        if status == 405:
            headers = [
                (k, b"GET, HEAD" if k.lower() == b"allow" and v == b"GET" else v)
                for k, v in headers
            ]
        if not (status == 200 and scope["method"] in ("GET", "HEAD")):
            if status >= 400 or path in NEVER_CACHED:
                headers.append((b"cache-control", b"no-store"))
            headers.append((b"content-length", str(len(body)).encode()))
            await deliver(send, scope, Rendered(status, headers, body, None, None), request_id)
            return
        data_version, last_modified = self._loaded(scope)
        coding = self._coding(request_headers, len(body))
        digest = hashlib.blake2b(data_version + b"\0" + body, digest_size=16).hexdigest()
        etag = f'"{digest}{"-" + coding if coding else ""}"'
        cache_control = "no-store" if path in NEVER_CACHED else self.cache_control
        headers += [
            (b"etag", etag.encode()),
            (b"cache-control", cache_control.encode()),
            (b"vary", b"Accept, Accept-Encoding"),
        ]
        if last_modified is not None:
            headers.append((b"last-modified", format_datetime(last_modified, usegmt=True).encode()))
        if coding == "br":
            body = brotli.compress(body, quality=5)
        elif coding == "gzip":
            body = gzip.compress(body, compresslevel=6, mtime=0)
        if coding:
            headers.append((b"content-encoding", coding.encode()))
        headers.append((b"content-length", str(len(body)).encode()))
        rendered = Rendered(200, headers, body, etag, last_modified)
        if path not in NEVER_CACHED:
            # The front cache keeps it, as sent (CORS headers included), for the next request.
            scope["state"]["cacheable"] = rendered
        await deliver(send, scope, rendered, request_id)

    @staticmethod
    def _coding(request_headers: Headers, size: int) -> str | None:
        """The coding the client prefers for a body of `size` bytes (None: as it is)."""
        if size < COMPRESS_MIN_BYTES:
            return None
        accepted = accepts(
            _header(request_headers, b"accept-encoding") or "identity", ("br", "gzip")
        )
        if not accepted:
            return None
        return max(accepted, key=lambda c: (accepted[c], c == "br"))


def not_modified(request_headers: Headers, etag: str, last_modified: datetime | None) -> bool:
    if_none_match = _header(request_headers, b"if-none-match")
    if if_none_match is not None:
        tags = {t.strip().removeprefix("W/") for t in if_none_match.split(",")}
        return "*" in tags or etag in tags
    since = _header(request_headers, b"if-modified-since")
    if since is None or last_modified is None:
        return False
    try:
        return last_modified <= parsedate_to_datetime(since)
    except (TypeError, ValueError):
        return False


_NOT_MODIFIED_KEEPS = (b"etag", b"cache-control", b"vary", b"last-modified", b"x-request-id")


def _kept_in_304(name: bytes) -> bool:
    """A 304 keeps the validators and caching headers, and the CORS headers (a cross-origin
    revalidation is refused without them)."""
    return name in _NOT_MODIFIED_KEEPS or name.startswith(b"access-control-")


async def deliver(send: Send, scope: Scope, rendered: Rendered, request_id: str) -> None:
    """Send `rendered`, or 304 when the client's validators match it; HEAD sends no body."""
    headers = [*rendered.headers, (b"x-request-id", request_id.encode())]
    status = rendered.status
    body = b"" if scope["method"] == "HEAD" else rendered.body
    if rendered.etag is not None and not_modified(
        scope["headers"], rendered.etag, rendered.last_modified
    ):
        headers = [(k, v) for k, v in headers if _kept_in_304(k)]
        status, body = 304, b""
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
    log_access(scope, status, request_id)


def log_access(scope: Scope, status: int, request_id: str) -> None:
    if not access.enabled:
        return
    elapsed_ms = round((time.perf_counter() - scope["state"]["started"]) * 1000, 2)
    query = scope.get("query_string", b"").decode("latin-1")
    target = scope["path"] + (f"?{query}" if query else "")
    client = scope.get("client") or ("-", 0)
    access.write(client[0], scope["method"], target, status, elapsed_ms, request_id)


# New request ids: 32 hex digits, a random prefix per process and a counter, unique across
# replicas and restarts without asking the OS for randomness on every request.
_ID_PREFIX = os.urandom(10).hex()
_ID_COUNTER = itertools.count()


def request_id_of(given: str | None) -> str:
    """The client's X-Request-ID when it is a sensible token, else a new one."""
    if given and _REQUEST_ID.match(given):
        return given
    return f"{_ID_PREFIX}{next(_ID_COUNTER) & 0xFFFFFFFFFFFF:012x}"


class FrontCache:
    """The outermost layer: answers a GET or HEAD whose whole response it already holds.

    Data never changes while the process runs, so a response is a pure function of the data
    version, the path and query, and the request headers it varies on (Accept,
    Accept-Encoding, and Origin for CORS). The first such request goes through the whole
    stack; the HTTP middleware marks its response cacheable and this layer keeps it exactly as
    sent (CORS headers included, request id excluded). Later ones are answered here, with
    their own request id and a 304 when their validators match, without routing, validation
    or a database. `Cache-Control: no-cache` from the client skips it and renders again."""

    def __init__(self, app: ASGIApp, max_bytes: int = 64 << 20) -> None:
        self.app = app
        self.cache = ResponseCache(max_bytes)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        inner = self.app
        if scope["type"] != "http":
            await inner(scope, receive, send)
            return
        version = await pin(scope)  # one data version answers the whole request
        if scope["method"] not in ("GET", "HEAD") or scope["path"] in NEVER_CACHED:
            await inner(scope, receive, send)
            return
        data_version: bytes = version.result.version_bytes if version is not None else b""
        accept = encoding = origin = request_id = b""
        size = 0
        fresh = False
        for name, value in scope["headers"]:
            size += len(name) + len(value) + 4
            name = name.lower()
            if name == b"accept":
                accept = value
            elif name == b"accept-encoding":
                encoding = value
            elif name == b"origin":
                origin = value
            elif name == b"x-request-id":
                request_id = value
            elif name == b"cache-control":
                fresh = b"no-cache" in value  # render again (and keep the new rendering)
        if size > MAX_HEADER_BYTES or not data_version:  # let the stack refuse or render
            await inner(scope, receive, send)
            return
        key = (
            data_version,
            scope.get("raw_path") or scope["path"].encode(),
            scope.get("query_string", b""),
            accept,
            encoding,
            origin,
        )
        held = None if fresh else self.cache.get(key)
        if held is not None:
            scope.setdefault("state", {})["started"] = time.perf_counter()
            await deliver(send, scope, held, request_id_of(request_id.decode("latin-1")))
            return
        state = scope.setdefault("state", {})
        start: Message | None = None

        async def keep(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
            await send(message)

        await inner(scope, receive, keep)
        rendered: Rendered | None = state.get("cacheable")
        if rendered is None or start is None or start["status"] != 200:
            return
        # The headers as sent (CORS included) with the body GET sends (HEAD sent none).
        headers = [(k, v) for k, v in start.get("headers", []) if k != b"x-request-id"]
        self.cache.put(
            key, Rendered(200, headers, rendered.body, rendered.etag, rendered.last_modified)
        )
