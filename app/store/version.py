"""Which data a start serves: the fixture files, their content hash (the data version) and
what a load found. Light on purpose: a warm start needs only this to find its database."""

import ast
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


# What decides a loaded database's content besides the fixtures: the code that builds it,
# found by following imports from the loaders (never a hand-kept list of files).
BUILDER_ROOTS = ("ingest/loader.py", "ingest/publish.py")


def builder_sources(root: Path) -> list[Path]:
    """Every module of `app` that the loaders import, directly or not (imports inside
    functions included), read from the source without importing anything."""
    found: set[Path] = set()
    todo = [root / name for name in BUILDER_ROOTS if (root / name).exists()]
    while todo:
        path = todo.pop()
        if path in found:
            continue
        found.add(path)
        for node in ast.walk(ast.parse(path.read_bytes())):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            for name in names:
                if name != "app" and not name.startswith("app."):
                    continue
                parts = name.split(".")[1:]
                module = root.joinpath(*parts)
                for candidate in (module.with_suffix(".py"), module / "__init__.py"):
                    if candidate.exists():
                        todo.append(candidate)
    return sorted(found)


@functools.cache
def builder_fingerprint() -> str:
    """A hash of the code that builds the database: with the data version, it names an
    embedded database file or a PostgreSQL schema."""
    from app import __version__

    digest = hashlib.sha256(__version__.encode())
    root = Path(__file__).resolve().parent.parent  # the app package
    for path in builder_sources(root):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]
