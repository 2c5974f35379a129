"""The front cache: whole responses, as sent, for repeated requests (the outermost layer)."""

import time
from collections import OrderedDict

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.api.http.conditional import NEVER_CACHED, Rendered, deliver
from app.api.http.limits import MAX_HEADER_BYTES
from app.api.http.request_id import request_id_of
from app.api.serving import pin


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
