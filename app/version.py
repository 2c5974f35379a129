"""Which data a start serves: the fixture files, their content hash (the data version) and
what a load found. Light on purpose: a warm start needs only this to find its database."""

import functools
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path


def fixture_paths(paths: Iterable[Path]) -> list[Path]:
    """Expand folders into their *.yaml and *.yml files, sorted by name."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(sorted(p for p in path.iterdir() if p.suffix in {".yaml", ".yml"}))
        else:
            out.append(path)
    return out


@dataclass(frozen=True)
class LoadResult:
    data_version: str
    loaded_at: datetime
    counts: dict[str, int]
    files: list[str]

    @functools.cached_property
    def version_bytes(self) -> bytes:
        return self.data_version.encode()


def content_hash(paths: Iterable[Path]) -> str:
    """Hash of every fixture's name and bytes: the data version, the same on every replica.

    A start asks for it more than once (serve's snapshot check, the snapshot lookup, the
    load): files whose path, size and modification time are unchanged are not read again."""
    files = fixture_paths(paths)
    signature = tuple((str(p.resolve()), *_stat(p)) for p in files)
    known = _HASHES.get(signature)
    if known is not None:
        return known
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    _HASHES.clear()  # one registry per process: keep only the latest
    _HASHES[signature] = digest.hexdigest()[:16]
    return _HASHES[signature]


_HASHES: dict[tuple[tuple[str, int, int], ...], str] = {}


def _stat(path: Path) -> tuple[int, int]:
    status = path.stat()
    return status.st_size, status.st_mtime_ns


# What decides a loaded database's content besides the fixtures: the code that builds it.
BUILDERS = (
    "loader.py",
    "fixture.py",
    "yamlsource.py",
    "version.py",
    "text.py",
    "dates.py",
    "vocab.py",
    "models",
)


@functools.cache
def builder_fingerprint() -> str:
    """A hash of the code that builds the database: with the data version, it names an
    embedded database file or a PostgreSQL schema."""
    from app import __version__

    digest = hashlib.sha256(__version__.encode())
    root = Path(__file__).resolve().parent
    for name in BUILDERS:
        for path in (
            sorted((root / name).rglob("*.py")) if (root / name).is_dir() else [root / name]
        ):
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]
