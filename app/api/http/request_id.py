"""The request id: the client's X-Request-ID when it is a sensible token, else a new one;
sent back on every answer and written on its access log line."""

import itertools
import os
import re
from contextvars import ContextVar

# The id of the request being answered, for every log line written while answering it (the
# middleware sets it; worker threads inherit it; logs.RequestIdFilter reads it).
REQUEST_ID: ContextVar[str | None] = ContextVar("request_id", default=None)

_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")

# New request ids: 32 hex digits, a random prefix per process and a counter, unique across
# replicas and restarts without asking the OS for randomness on every request.
_ID_PREFIX = os.urandom(10).hex()
_ID_COUNTER = itertools.count()


def request_id_of(given: str | None) -> str:
    """The client's X-Request-ID when it is a sensible token, else a new one."""
    if given and _REQUEST_ID.match(given):
        return given
    return f"{_ID_PREFIX}{next(_ID_COUNTER) & 0xFFFFFFFFFFFF:012x}"
