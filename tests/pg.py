"""A database of its own, and a loader and a reader role, on the PostgreSQL the suite runs
against (DATABASE_URL of a superuser, as `make test-postgres` sets): for the tests of
publishing data versions and of serving them from read-only replicas."""

import os
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text

ROOT = Path(__file__).resolve().parent.parent
ADMIN_URL = os.environ.get("REGISTRY_DATABASE_URL") or os.environ.get("DATABASE_URL", "")

needs_postgresql = pytest.mark.skipif(
    not ADMIN_URL.startswith("postgresql"),
    reason="needs DATABASE_URL of a PostgreSQL superuser (make test-postgres)",
)


@dataclass(frozen=True)
class Cluster:
    admin: str  # superuser, on the test's own database
    loader: str  # may create schemas in it: publishes versions
    reader: str  # may only read: serves
    reader_role: str


@contextmanager
def own_database() -> Iterator[Cluster]:
    """A new database with a loader role and a reader role; all dropped afterwards."""
    tag = uuid.uuid4().hex[:8]
    name, loader, reader = f"registry_{tag}", f"loader_{tag}", f"reader_{tag}"
    base = make_url(ADMIN_URL)
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"CREATE DATABASE {name}"))
        connection.execute(text(f"CREATE ROLE {loader} LOGIN"))
        connection.execute(text(f"CREATE ROLE {reader} LOGIN"))
        connection.execute(text(f"GRANT CREATE ON DATABASE {name} TO {loader}"))
    try:
        own = base.set(database=name)
        yield Cluster(
            own.render_as_string(hide_password=False),
            own.set(username=loader).render_as_string(hide_password=False),
            own.set(username=reader).render_as_string(hide_password=False),
            reader,
        )
    finally:
        with admin.connect() as connection:
            connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            connection.execute(text(f"DROP ROLE IF EXISTS {loader}"))
            connection.execute(text(f"DROP ROLE IF EXISTS {reader}"))
        admin.dispose()


def version_folder(tmp: Path, label: str) -> Path:
    """The real data/ as another data version: the same records, another content hash (a
    comment added), so the test keeps working whatever the fixtures say."""
    folder = tmp / label
    shutil.copytree(ROOT / "data", folder)
    first = sorted(folder.glob("*.yaml"))[0]
    first.write_text(first.read_text() + f"\n# data release {label}\n")
    return folder


def load(url: str, folder: Path, *readers: str) -> subprocess.CompletedProcess[str]:
    """`python -m app load` as a separate process, as a deployment runs it."""
    args = [sys.executable, "-m", "app", "load", str(folder)]
    for reader in readers:
        args += ["--reader", reader]
    env = {**os.environ, "DATABASE_URL": url, "REGISTRY_DATABASE_URL": url}
    return subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
