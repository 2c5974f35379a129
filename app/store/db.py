"""Engines for the embedded database and for any SQLAlchemy URL.

The default URL ``sqlite://`` is the embedded database: one SQLite file per fixture content
(see app.store.snapshot), built once by `Database.build` and then served read-only by
`Database.serve`, opened as immutable and memory-mapped. A warm start opens the file as it is:
nothing is copied, and the pages of the file are shared by every connection and every process
serving it. Other URLs (PostgreSQL, a SQLite file of your own) are loaded in place.

Once the data is loaded the database is read-only: every connection refuses writes (SQLite
``query_only`` and immutable files, PostgreSQL read-only transactions), so no code path can
change the data.
"""

import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import Engine, event
from sqlalchemy.pool import ConnectionPoolEntry, QueuePool
from sqlmodel import create_engine

EMBEDDED_URLS = ("sqlite://", "sqlite:///:memory:")
MMAP_BYTES = 1 << 30
META_TABLE = "registry_snapshot"


def is_postgresql(url: str) -> bool:
    return url.startswith(("postgresql", "postgres:"))


def json_text(value: Any) -> str:
    """`value` as JSON text (a str of exact size: orjson's bytes keep spare room)."""
    return orjson.dumps(value).decode()


JSON_OPTIONS: dict[str, Any] = {"json_serializer": json_text, "json_deserializer": orjson.loads}


class Database:
    def __init__(
        self,
        url: str,
        connect: Callable[[], sqlite3.Connection] | None = None,
        schema: str | None = None,
    ) -> None:
        self.url = url
        self.schema = schema  # PostgreSQL: every connection reads this schema (app.store.pgstore)
        self.read_only = False
        self._remove: Path | None = None
        if connect is not None:
            # A real pool: for "sqlite://" SQLAlchemy would pick SingletonThreadPool, which
            # closes connections still in use once more threads than its size ask for one.
            self.engine: Engine = create_engine(
                "sqlite://",
                creator=connect,
                poolclass=QueuePool,
                pool_size=8,
                max_overflow=56,
                **JSON_OPTIONS,
            )
        elif url.startswith("sqlite"):
            self.engine = create_engine(
                url, connect_args={"check_same_thread": False}, **JSON_OPTIONS
            )
        else:
            self.engine = create_engine(url, pool_pre_ping=True, **JSON_OPTIONS)
        self.dialect = self.engine.dialect.name
        event.listen(self.engine, "connect", self._on_connect)

    @classmethod
    def build(cls, path: Path) -> "Database":
        """A new embedded database file at `path`, writable, to load once."""

        def connect() -> sqlite3.Connection:
            connection = sqlite3.connect(path, check_same_thread=False)
            # A private file that nobody reads before it is complete: no need for durability.
            connection.execute("PRAGMA synchronous = OFF")
            connection.execute("PRAGMA journal_mode = MEMORY")
            connection.execute("PRAGMA cache_size = -16384")
            return connection

        return cls("sqlite://", connect)

    @classmethod
    def serve(cls, path: Path, temporary: bool = False) -> tuple["Database", str]:
        """Serve the embedded database file at `path`, read-only; return it with its meta.
        A `temporary` file is removed when the database is closed."""
        uri = f"file:{path}?mode=ro&immutable=1"

        def connect() -> sqlite3.Connection:
            connection = sqlite3.connect(uri, uri=True, check_same_thread=False)
            connection.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
            return connection

        with closing(connect()) as connection:
            (meta,) = connection.execute(f"SELECT meta FROM {META_TABLE}").fetchone()
        database = cls("sqlite://", connect)
        database.read_only = True
        database._remove = path if temporary else None
        return database, str(meta)

    @property
    def connections(self) -> int | None:
        """The most connections the engine's pool hands out at once (None: no bound)."""
        pool = self.engine.pool
        if isinstance(pool, QueuePool) and pool._max_overflow >= 0:
            return pool.size() + pool._max_overflow
        return None

    def write_meta(self, meta: str) -> None:
        """Record `meta` (what the load found) inside the database being built."""
        with self.engine.begin() as connection:
            connection.exec_driver_sql(f"CREATE TABLE {META_TABLE} (meta TEXT NOT NULL)")
            connection.exec_driver_sql(f"INSERT INTO {META_TABLE} VALUES (?)", (meta,))

    def _on_connect(self, dbapi_connection: Any, _record: ConnectionPoolEntry) -> None:
        if not self.read_only and self.schema is None:
            return
        cursor = dbapi_connection.cursor()
        if self.dialect == "sqlite" and self.read_only:
            cursor.execute("PRAGMA query_only = ON")
        elif self.dialect == "postgresql":
            if self.schema is not None:
                quoted = '"' + self.schema.replace('"', '""') + '"'
                cursor.execute(f"SET search_path TO {quoted}")
            if self.read_only:
                cursor.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
            dbapi_connection.commit()
        cursor.close()

    def make_read_only(self) -> None:
        """From now on every connection refuses writes; pooled writable ones are dropped."""
        self.read_only = True
        self.engine.dispose()

    def close(self) -> None:
        self.engine.dispose()
        if self._remove is not None:
            self._remove.unlink(missing_ok=True)
            self._remove = None
