"""Engine creation and the session dependency.

The default URL ``sqlite://`` is an embedded in-memory database shared by every connection of
the process (SQLite shared cache). Once the data is loaded the database is switched to
read-only: every new connection refuses writes (SQLite ``query_only``, PostgreSQL read-only
transactions), so no code path can change the data.
"""

import sqlite3
import uuid
from contextlib import closing
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import Engine, event
from sqlalchemy.pool import ConnectionPoolEntry, QueuePool
from sqlmodel import create_engine


def _json_text(value: Any) -> str:
    return orjson.dumps(value).decode()


class Database:
    def __init__(self, url: str) -> None:
        self.url = url
        self.read_only = False
        self._keeper: sqlite3.Connection | None = None
        if url in ("sqlite://", "sqlite:///:memory:"):
            name = f"file:registry-{uuid.uuid4().hex}?mode=memory&cache=shared"
            self._keeper = sqlite3.connect(name, uri=True, check_same_thread=False)
            # A real pool: for "sqlite://" SQLAlchemy would pick SingletonThreadPool, which
            # closes connections still in use once more threads than its size ask for one.
            self.engine: Engine = create_engine(
                "sqlite://",
                creator=lambda: sqlite3.connect(name, uri=True, check_same_thread=False),
                poolclass=QueuePool,
                pool_size=8,
                max_overflow=56,
                json_serializer=_json_text,
                json_deserializer=orjson.loads,
            )
        elif url.startswith("sqlite"):
            self.engine = create_engine(
                url,
                connect_args={"check_same_thread": False},
                json_serializer=_json_text,
                json_deserializer=orjson.loads,
            )
        else:
            self.engine = create_engine(
                url, pool_pre_ping=True, json_serializer=_json_text, json_deserializer=orjson.loads
            )
        self.dialect = self.engine.dialect.name
        event.listen(self.engine, "connect", self._on_connect)

    def _on_connect(self, dbapi_connection: Any, _record: ConnectionPoolEntry) -> None:
        if not self.read_only:
            return
        cursor = dbapi_connection.cursor()
        if self.dialect == "sqlite":
            cursor.execute("PRAGMA query_only = ON")
        elif self.dialect == "postgresql":
            cursor.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
            dbapi_connection.commit()
        cursor.close()

    def make_read_only(self) -> None:
        """From now on every connection refuses writes; pooled writable ones are dropped."""
        self.read_only = True
        self.engine.dispose()

    @property
    def embedded(self) -> bool:
        """The process's own in-memory database (which a snapshot can fill)."""
        return self._keeper is not None

    def save_snapshot(self, path: Path, meta: str) -> None:
        """Write the whole embedded database to `path` (atomically), with `meta` beside it."""
        assert self._keeper is not None
        partial = path.with_suffix(f".{uuid.uuid4().hex}.partial")
        with closing(sqlite3.connect(partial)) as target:
            self._keeper.backup(target)
            target.execute("CREATE TABLE registry_snapshot (meta TEXT NOT NULL)")
            target.execute("INSERT INTO registry_snapshot VALUES (?)", (meta,))
            target.commit()
        partial.replace(path)

    def restore_snapshot(self, path: Path) -> str:
        """Fill the embedded database from a snapshot; return its `meta`."""
        assert self._keeper is not None
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as source:
            (meta,) = source.execute("SELECT meta FROM registry_snapshot").fetchone()
            source.backup(self._keeper)
        self._keeper.execute("DROP TABLE registry_snapshot")
        self._keeper.commit()
        return str(meta)

    def close(self) -> None:
        self.engine.dispose()
        if self._keeper is not None:
            self._keeper.close()
            self._keeper = None
