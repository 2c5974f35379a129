"""Warm starts: the embedded database is reused when the fixtures' content is unchanged."""

import shutil
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

import app.ingest.loader
from app.main import create_app
from app.settings import Settings
from tests.conftest import DATA


def start(data: Path, snapshots: Path) -> tuple[dict[str, Any], str]:
    # snapshots belong to the embedded database, whatever DATABASE_URL the suite runs with
    settings = Settings(data_dir=data, snapshot_dir=snapshots, database_url="sqlite://")
    with TestClient(create_app(settings)) as client:
        return client.get("/v1/meta").json(), client.get("/v1/delegates?q=kelly").text


def test_unchanged_fixtures_start_from_the_snapshot(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    snapshots = tmp_path / "snapshots"
    cold_meta, cold_body = start(DATA, snapshots)
    [snapshot] = snapshots.iterdir()
    assert cold_meta["data_version"] in snapshot.name

    def no_loading(*_: object, **__: object) -> None:
        raise AssertionError("a warm start must not load the fixtures")

    monkeypatch.setattr(app.ingest.loader, "validate", no_loading)
    monkeypatch.setattr(app.ingest.loader, "load", no_loading)
    warm_meta, warm_body = start(DATA, snapshots)
    assert warm_body == cold_body
    assert warm_meta["data_version"] == cold_meta["data_version"]
    assert warm_meta["counts"] == cold_meta["counts"]
    assert warm_meta["files"] == cold_meta["files"]


def test_changed_fixtures_load_again(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    snapshots = tmp_path / "snapshots"
    before, _ = start(data, snapshots)
    (data / "extra.yaml").write_text(
        "places:\n  - id: jilin\n    name: Jilin\n    kind: province\n    sources:\n"
        "      - {source: ccfao-2023-08-28-california-baja-california-delegation}\n"
    )
    after, _ = start(data, snapshots)
    assert after["data_version"] != before["data_version"]
    assert after["counts"]["places"] == before["counts"]["places"] + 1
    assert len(list(snapshots.iterdir())) == 2


def test_a_broken_snapshot_is_ignored(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    snapshots = tmp_path / "snapshots"
    first, _ = start(DATA, snapshots)
    [snapshot] = snapshots.iterdir()
    snapshot.write_bytes(b"not a database")
    again, body = start(DATA, snapshots)
    assert again["data_version"] == first["data_version"]
    assert "Timothy Kelly" in body
    assert "unusable" in caplog.text


def test_snapshots_can_be_turned_off(tmp_path: Path) -> None:
    settings = Settings(data_dir=DATA, snapshot_dir=None)
    with TestClient(create_app(settings)) as client:
        assert client.get("/readyz").status_code == 200


def test_the_snapshot_is_named_by_every_module_that_builds_it(tmp_path: Path) -> None:
    """The fingerprint follows the loaders' imports: a module that shapes the database (the
    search index DDL's name, the merge of records across files) cannot be left out of it."""

    from app.store.version import builder_sources

    root = Path(__file__).resolve().parent.parent / "app"
    names = {str(p.relative_to(root)) for p in builder_sources(root)}
    assert {
        "ingest/loader.py",
        "ingest/rows.py",
        "ingest/merge.py",
        "ingest/fixture.py",
        "store/search_index.py",
        "store/models/__init__.py",
        "store/db.py",
        "store/pgstore.py",
    } <= names
    assert "api/http/middleware.py" not in names  # serving code does not rename the snapshot
    assert not any(name.startswith("queries/") for name in names)
    copy = tmp_path / "app"
    shutil.copytree(root, copy, ignore=shutil.ignore_patterns("__pycache__"))
    (copy / "helper_added.py").write_text("X = 1\n")
    loader = copy / "ingest" / "loader.py"
    loader.write_text("from app import helper_added\n" + loader.read_text())
    assert copy / "helper_added.py" in builder_sources(copy)


def test_an_empty_snapshot_dir_turns_snapshots_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REGISTRY_SNAPSHOT_DIR", "")
    assert Settings().snapshot_dir is None  # not Path("."): nothing lands in the working folder
