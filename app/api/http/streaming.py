"""What a streamed body (a CSV or NDJSON export) needs to be treated as every successful GET
is (app.api.http.middleware): a strong ETag known before its first byte, and compression on the way.

A stream's bytes are not known until it is sent, so its ETag hashes what decides them: the
data version, the serving code, the request's path and query, and the media type and coding
chosen for it. Two answers share an ETag only when their bytes are the same; the same request
gets the same ETag on every replica and after every restart.
"""

import functools
import hashlib
import zlib
from pathlib import Path

import brotli

from app import __version__

APP_DIR = Path(__file__).resolve().parent.parent


@functools.cache
def code_fingerprint() -> bytes:
    """A hash of the serving code (every module of `app`): a new release may render the same
    data differently, and must not share a stream's ETag."""
    digest = hashlib.blake2b(__version__.encode(), digest_size=16)
    for path in sorted(APP_DIR.rglob("*.py")):
        digest.update(str(path.relative_to(APP_DIR)).encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.digest()


def etag(data_version: bytes, target: bytes, media_type: bytes, coding: str | None) -> str:
    """The strong ETag of the stream answering `target` (raw path and query) as `media_type`,
    encoded with `coding` (one ETag per encoding, as for every other body)."""
    parts = (data_version, code_fingerprint(), target, media_type)
    digest = hashlib.blake2b(b"\0".join(parts), digest_size=16).hexdigest()
    return f'"{digest}{"-" + coding if coding else ""}"'


class Encoder:
    """Compresses a body chunk by chunk (gzip or brotli), keeping no more of it than the
    compressor's window."""

    def __init__(self, coding: str) -> None:
        self.coding = coding
        self._gzip = zlib.compressobj(6, zlib.DEFLATED, 31) if coding == "gzip" else None
        self._brotli = brotli.Compressor(quality=5) if coding == "br" else None

    def encode(self, chunk: bytes, last: bool) -> bytes:
        """The compressed bytes ready to send after `chunk`; all that is left when `last`."""
        if self._gzip is not None:
            out = self._gzip.compress(chunk)
            return out + self._gzip.flush() if last else out
        assert self._brotli is not None
        out = self._brotli.process(chunk) if chunk else b""
        return out + self._brotli.finish() if last else out
