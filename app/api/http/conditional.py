"""Conditional requests and compression: a response held as sent (`Rendered`), answered 304
when the client's validators match it; the coding a client prefers for a body."""

from dataclasses import dataclass
from datetime import datetime
from email.utils import parsedate_to_datetime

from starlette.types import Scope, Send

from app.api.http.headers import Headers, accepts, header_value
from app.api.http.logs import log_access

COMPRESS_MIN_BYTES = 1024
NEVER_CACHED = ("/healthz", "/readyz")


@dataclass(frozen=True)
class Rendered:
    """A response ready to send, but for its request id."""

    status: int
    headers: Headers
    body: bytes
    etag: str | None
    last_modified: datetime | None


def not_modified(request_headers: Headers, etag: str, last_modified: datetime | None) -> bool:
    if_none_match = header_value(request_headers, b"if-none-match")
    if if_none_match is not None:
        tags = {t.strip().removeprefix("W/") for t in if_none_match.split(",")}
        return "*" in tags or etag in tags
    since = header_value(request_headers, b"if-modified-since")
    if since is None or last_modified is None:
        return False
    try:
        return last_modified <= parsedate_to_datetime(since)
    except (TypeError, ValueError):
        return False


_NOT_MODIFIED_KEEPS = (b"etag", b"cache-control", b"vary", b"last-modified", b"x-request-id")


def kept_in_304(name: bytes) -> bool:
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
        headers = [(k, v) for k, v in headers if kept_in_304(k)]
        status, body = 304, b""
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
    log_access(scope, status, request_id)


def preferred_coding(request_headers: Headers, size: int) -> str | None:
    """The coding the client prefers for a body of `size` bytes (None: as it is)."""
    if size < COMPRESS_MIN_BYTES:
        return None
    accepted = accepts(
        header_value(request_headers, b"accept-encoding") or "identity", ("br", "gzip")
    )
    if not accepted:
        return None
    return max(accepted, key=lambda c: (accepted[c], c == "br"))
