"""Publishing fixtures as a PostgreSQL data version: validated, loaded into a new schema and
made current in one transaction, then older versions pruned (see app.store.pgstore)."""

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, text

from app.ingest.loader import load as load_rows
from app.store.db import Database
from app.store.pgstore import (
    CONTROL,
    LOCK,
    AlreadyLoaded,
    grant,
    new_version,
    prune,
    read_pointer,
    schema_name,
    switch,
    version_of,
)
from app.store.version import LoadResult, content_hash


@dataclass(frozen=True)
class Loaded:
    """What `load` did: the version, its schema, and whether rows were inserted (False: the
    version was there already and only the pointer moved, or it was current)."""

    result: LoadResult
    schema: str
    inserted: bool
    pruned: list[str]


def load(url: str, paths: list[Path], readers: Sequence[str] = (), keep: int = 2) -> Loaded:
    """Validate `paths` and publish them as the current version (see the module's text).
    Raises FixtureInvalid, before touching the database, when a fixture is wrong."""
    if keep < 2:
        raise ValueError("keep at least 2 versions: the current one and the previous one")
    schema = schema_name(content_hash(paths))
    database = Database(url)
    try:
        inserted = False
        with database.engine.connect() as connection:
            known = read_pointer(connection) is not None and bool(version_of(connection, schema))
        if not known:

            def publish(connection: Connection, result: LoadResult) -> None:
                meta = {"counts": result.counts, "files": result.files}
                connection.execute(
                    text(f"INSERT INTO {CONTROL}.version VALUES (:s, :v, :at, CAST(:m AS jsonb))"),
                    {
                        "s": schema,
                        "v": result.data_version,
                        "at": result.loaded_at,
                        "m": json.dumps(meta),
                    },
                )
                switch(connection, schema)
                grant(connection, schema, readers)

            try:
                load_rows(paths, lambda: new_version(database, schema), publish)
                inserted = True
            except AlreadyLoaded:
                pass
        if not inserted:
            with database.engine.begin() as connection:
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": LOCK})
                switch(connection, schema)
                grant(connection, schema, readers)
        pruned = prune(database, keep)
        with database.engine.connect() as connection:
            result = version_of(connection, schema)
        assert result is not None
        return Loaded(result, schema, inserted, pruned)
    finally:
        database.close()
