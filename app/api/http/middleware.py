"""The HTTP layer every response passes through.

Data never changes while the process runs, so every successful GET is a pure function of the
request: it gets a strong ETag (a hash of the data version and the representation's bytes),
`Cache-Control`, `Last-Modified`, and is answered 304 when the client already holds it. The
same data gives the same ETag on every replica and after every restart. Bodies over 1 KB are
compressed (brotli or gzip, as the client prefers); each encoding has its own ETag. Streamed
bodies (exports) get the same, without being held: see app.api.http.streaming.

It also refuses what the application should never see (oversized or malformed query strings,
oversized headers, unacceptable `Accept`), answers HEAD as GET without a body, adds security
headers and an `X-Request-ID`, and turns any unhandled exception into a bare 500 problem.

Each of those concerns is a module of app.api.http (limits, conditional, security,
request_id, logs, streaming); this middleware puts them together in the order a response
needs them. The front cache (front_cache) sits outside it.
"""

import asyncio
import functools
import gzip
import hashlib
import logging
import time
from datetime import datetime
from email.utils import format_datetime

import brotli
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.api.http import streaming
from app.api.http.conditional import (
    COMPRESS_MIN_BYTES,
    NEVER_CACHED,
    Rendered,
    deliver,
    kept_in_304,
    not_modified,
    preferred_coding,
)
from app.api.http.headers import Headers, header_value
from app.api.http.limits import refusal_of
from app.api.http.logs import log_access
from app.api.http.request_id import REQUEST_ID, request_id_of
from app.api.http.security import security_headers
from app.api.http.streaming import Encoder
from app.api.problems import problem_body
from app.api.serving import pinned

log = logging.getLogger("app.http")


@functools.lru_cache(maxsize=8)
def http_date(moment: datetime) -> bytes:
    """`moment` as an HTTP date (the load time of a data version: the same on every request)."""
    return format_datetime(moment, usegmt=True).encode()


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
        request_id = request_id_of(header_value(headers, b"x-request-id"))
        REQUEST_ID.set(request_id)  # this request's own task (and its threads) see it
        scope.setdefault("state", {})["request_id"] = request_id
        scope["state"]["started"] = time.perf_counter()
        path: str = scope["path"]
        refusal = refusal_of(scope, headers, path)
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
                if header_value(message.get("headers", []), b"content-length") is None:
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

    def _stream_start(self, scope: Scope, message: Message) -> tuple[Message, Encoder | None]:
        """A streamed answer's start: for a successful GET, with the validators and caching
        headers of any other (its ETag from app.api.http.streaming), compressed as the client
        prefers; 304 instead when the client already holds it."""
        path: str = scope["path"]
        if message["status"] != 200 or path in NEVER_CACHED:
            return message, None
        headers: Headers = list(message.get("headers", []))
        data_version, last_modified = self._loaded(scope)
        coding = preferred_coding(scope["headers"], COMPRESS_MIN_BYTES)
        target = (scope.get("raw_path") or path.encode()) + b"?" + scope.get("query_string", b"")
        media_type = (header_value(headers, b"content-type") or "").encode()
        etag = streaming.etag(data_version, target, media_type, coding)
        headers += [
            (b"etag", etag.encode()),
            (b"cache-control", self.cache_control.encode()),
            (b"vary", b"Accept, Accept-Encoding"),
        ]
        if last_modified is not None:
            headers.append((b"last-modified", http_date(last_modified)))
        if not_modified(scope["headers"], etag, last_modified):
            kept = [(k, v) for k, v in headers if kept_in_304(k)]
            return {**message, "status": 304, "headers": kept}, None
        if coding is None:
            return {**message, "headers": headers}, None
        headers.append((b"content-encoding", coding.encode()))
        return {**message, "headers": headers}, Encoder(coding)

    def _decorate_start(self, message: Message, request_id: str, path: str) -> Message:
        headers = [(k, v) for k, v in message.get("headers", [])]
        headers.extend(security_headers(path))
        headers.append((b"x-request-id", request_id.encode()))
        return {**message, "headers": headers}

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
        headers = [*headers, *security_headers(path)]
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
        coding = preferred_coding(request_headers, len(body))
        # SHA-256 (in hardware here: twice as fast as BLAKE2b), cut to 128 bits.
        hashed = hashlib.sha256(data_version)
        hashed.update(b"\0")
        hashed.update(body)
        digest = hashed.hexdigest()[:32]
        etag = f'"{digest}{"-" + coding if coding else ""}"'
        cache_control = "no-store" if path in NEVER_CACHED else self.cache_control
        headers += [
            (b"etag", etag.encode()),
            (b"cache-control", cache_control.encode()),
            (b"vary", b"Accept, Accept-Encoding"),
        ]
        if last_modified is not None:
            headers.append((b"last-modified", http_date(last_modified)))
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
