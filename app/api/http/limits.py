"""What is refused before the application sees it: oversized or malformed query strings and
paths, oversized headers, control characters, and an `Accept` no API representation meets."""

import re
from urllib.parse import unquote_to_bytes

from starlette.types import Scope

from app.api.http.headers import Headers, accepts, header_value
from app.domain.patterns import has_control

MAX_QUERY_BYTES = 4096
MAX_PATH_BYTES = 2048
MAX_HEADER_BYTES = 8192
JSON_TYPES = ("application/json", "application/problem+json")
# Every representation some API route offers; each route narrows it (and answers 406 itself).
API_TYPES = (*JSON_TYPES, "application/ld+json", "text/csv", "application/x-ndjson")
API_PREFIXES = ("/v1/", "/healthz", "/readyz")
_BAD_PERCENT = re.compile(rb"%(?![0-9A-Fa-f]{2})")

# (status, title, detail, errors) of a refusal, as a problem.
Refusal = tuple[int, str, str, list[dict[str, str]]]


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


def refusal_of(scope: Scope, headers: Headers, path: str) -> Refusal | None:
    """Why the request is refused before the application sees it (None: it is not)."""
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
        accept = header_value(headers, b"accept")
        if not accepts(accept, API_TYPES):
            detail = f"this API serves {', '.join(API_TYPES)}; Accept was {accept!r}"
            return (
                406,
                "Not Acceptable",
                detail,
                [{"name": "Accept", "in": "header", "reason": detail}],
            )
    return None
