"""The embedded database's snapshot files: one SQLite file per fixture content and builder.

A file is named by the fixtures' content hash and the fingerprint of the code that builds it
(app.store.version), in the snapshot folder: a start whose fixtures are unchanged (a warm
start) serves that file as it is, instead of loading. A file is built under a temporary name
and renamed once complete, so that no start ever serves part of one.
"""

import json
import logging
import os
import sqlite3
import tempfile
import uuid
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from app.store.db import Database
from app.store.version import LoadResult, builder_fingerprint

log = logging.getLogger("app")

# Loads the fixtures inside the transaction its argument opens (app.ingest's loader).
Load = Callable[[Callable[[], AbstractContextManager[Connection]]], LoadResult]


def snapshot_path(directory: Path | None, data_version: str) -> Path | None:
    """Where the snapshot of `data_version` is kept; None when snapshots are turned off."""
    if directory is None:
        return None
    return directory / f"registry-{data_version}-{builder_fingerprint()}.sqlite"


def warm_start(path: Path) -> tuple[Database, LoadResult] | None:
    """The snapshot at `path`, served read-only as it is; None when there is none, or it
    cannot be used (it is then built again)."""
    if not path.exists():
        return None
    try:
        database, meta = Database.serve(path)
        log.info("warm start from %s", path)
        return database, _result(json.loads(meta))
    except (sqlite3.Error, ValueError, KeyError, OSError) as exc:
        log.warning("snapshot %s unusable (%s): loading the fixtures", path, exc)
        return None


def _result(meta: dict[str, Any]) -> LoadResult:
    return LoadResult(meta["data_version"], datetime.now(UTC), meta["counts"], meta["files"])


def build(path: Path | None, load: Load) -> tuple[Database, LoadResult]:
    """`load` into a new file, then serve it: kept at `path` for the next start, or
    (snapshots turned off, or their folder unusable) in a temporary file removed when the
    database is closed."""
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError as exc:
            log.warning("cannot keep snapshots in %s (%s): using a temporary file", path, exc)
            path = None
    keep = path is not None
    if path is None:
        handle, name = tempfile.mkstemp(prefix="delegation-registry-", suffix=".sqlite")
        os.close(handle)
        path = Path(name)
    partial = path.with_name(f"{path.name}.{uuid.uuid4().hex}.partial")
    building = Database.build(partial)
    try:
        result = load(building.engine.begin)
        meta = {"data_version": result.data_version, "counts": result.counts, "files": result.files}
        building.write_meta(json.dumps(meta))
        building.close()
        partial.replace(path)
        database, _ = Database.serve(path, temporary=not keep)
    except BaseException:
        building.close()
        partial.unlink(missing_ok=True)
        if not keep:
            path.unlink(missing_ok=True)
        raise
    return database, result
