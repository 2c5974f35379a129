"""Load once, serve many (PostgreSQL): versions published atomically, the previous one kept,
older ones dropped; a serving role that can only read, and a server that refuses one that
can write."""

import json
import shutil
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import ProgrammingError

from app.store import pgstore
from tests.live import free_port, listening, serve, start
from tests.pg import Cluster, load, needs_postgresql, own_database, version_folder

pytestmark = [needs_postgresql, pytest.mark.system]

BROKEN = Path(__file__).resolve().parent / "fixtures" / "broken"


@pytest.fixture(scope="module")
def cluster() -> Iterator[Cluster]:
    with own_database() as own:
        yield own


def pointer(url: str) -> pgstore.Pointer:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            found = pgstore.read_pointer(connection)
    finally:
        engine.dispose()
    assert found is not None
    return found


def schemas(url: str) -> set[str]:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                text("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'registry\\_%'")
            )
            return {row[0] for row in rows}
    finally:
        engine.dispose()


def test_versions_are_published_kept_and_pruned(cluster: Cluster, tmp_path: Path) -> None:
    a, b, c = (version_folder(tmp_path, label) for label in "abc")
    first = load(cluster.loader, a, cluster.reader_role)
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("loaded: data version ")
    schema_a = pointer(cluster.admin).current
    assert pointer(cluster.admin).previous is None

    assert load(cluster.loader, b, cluster.reader_role).returncode == 0
    schema_b = pointer(cluster.admin).current
    assert pointer(cluster.admin) == pgstore.Pointer(schema_b, schema_a)

    # Broken fixtures are refused before anything changes.
    broken = tmp_path / "broken"
    shutil.copytree(a, broken)
    shutil.copy(BROKEN / "dangling.yaml", broken)
    refused = load(cluster.loader, broken, cluster.reader_role)
    assert refused.returncode == 1
    assert "dangling.yaml:8:13" in refused.stderr
    assert pointer(cluster.admin) == pgstore.Pointer(schema_b, schema_a)

    # A third version: the first is dropped, the second kept as previous.
    third = load(cluster.loader, c, cluster.reader_role)
    assert third.returncode == 0, third.stderr
    schema_c = pointer(cluster.admin).current
    assert pointer(cluster.admin) == pgstore.Pointer(schema_c, schema_b)
    assert schema_a in third.stdout  # "dropped ..."
    assert {schema_b, schema_c} <= schemas(cluster.admin)
    assert schema_a not in schemas(cluster.admin)

    # Loading a kept version again only moves the pointer; --rollback swaps back.
    again = load(cluster.loader, b, cluster.reader_role)
    assert again.returncode == 0
    assert again.stdout.startswith("already loaded (now current)")
    assert pointer(cluster.admin) == pgstore.Pointer(schema_b, schema_c)
    assert pgstore.rollback(cluster.loader) == pgstore.Pointer(schema_c, schema_b)
    assert pointer(cluster.admin) == pgstore.Pointer(schema_c, schema_b)


def test_the_serving_role_can_only_read(cluster: Cluster, tmp_path: Path) -> None:
    assert load(cluster.loader, version_folder(tmp_path, "r"), cluster.reader_role).returncode == 0
    current = pointer(cluster.admin).current
    reader = create_engine(cluster.reader)
    try:
        with reader.connect() as connection:
            assert pgstore.write_rights(connection, current) == []
            total = connection.execute(text(f'SELECT count(*) FROM "{current}".person'))
            assert total.scalar_one() > 0
        writes = [
            f"UPDATE {pgstore.CONTROL}.pointer SET previous = NULL",
            f'DELETE FROM "{current}".person',
            f'CREATE TABLE "{current}".intruder (x int)',
            "CREATE SCHEMA intruder",
            f'DROP SCHEMA "{current}" CASCADE',
        ]
        for write in writes:
            with reader.connect() as connection, pytest.raises(ProgrammingError) as raised:
                connection.execute(text(write))
            assert "permission denied" in str(raised.value) or "must be owner" in str(
                raised.value
            ), write
    finally:
        reader.dispose()
    loader = create_engine(cluster.loader)
    try:
        with loader.connect() as connection:
            assert pgstore.write_rights(connection, current)  # the loader could
    finally:
        loader.dispose()


def serving_env(url: str) -> dict[str, str]:
    return {
        "DATABASE_URL": url,
        "REGISTRY_DATABASE_URL": url,
        "REGISTRY_LOAD": "false",
        "REGISTRY_DATA_DIR": "/nonexistent",  # a server with loading off needs no fixtures
    }


def test_a_server_starts_on_the_reader_and_refuses_the_loader(
    cluster: Cluster, tmp_path: Path
) -> None:
    assert load(cluster.loader, version_folder(tmp_path, "s"), cluster.reader_role).returncode == 0
    with serve(serving_env(cluster.reader)) as (base, _):
        with urllib.request.urlopen(f"{base}/v1/meta", timeout=10) as response:
            meta = json.load(response)
        assert meta["data_version"] in pointer(cluster.admin).current

    port = free_port()
    log = tmp_path / "writer.log"
    process = start(port, serving_env(cluster.loader), log)
    assert process.wait(timeout=60) == 1
    assert not listening(port)
    said = log.read_text()
    assert "refusing to serve on a role that can write" in said
    assert "may create schemas in the database" in said
