"""Shared fixtures: the API through HTTP, over the seed visit alone (`client`: the contract
tests, whose counts and orders are the seed's) and over the whole of data/ (`registry`)."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from app.settings import Settings
from tests.pg import ADMIN_URL, own_database

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SEED = DATA / "2023-08-changchun-california-baja-california.yaml"


@pytest.fixture(scope="session")
def seed_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder holding the seed visit alone."""
    folder = tmp_path_factory.mktemp("seed")
    (folder / SEED.name).write_bytes(SEED.read_bytes())
    return folder


def own_postgresql() -> Iterator[dict[str, str]]:
    """Settings (environment) for a server with a database of its own, on PostgreSQL: a
    server follows the version last published in its database, so the seed's servers and
    the whole registry's must not share one. Nothing on SQLite (each has its own file)."""
    if not ADMIN_URL.startswith("postgresql"):
        yield {}
        return
    with own_database() as cluster:
        yield {"REGISTRY_DATABASE_URL": cluster.admin, "DATABASE_URL": cluster.admin}


@pytest.fixture(scope="session")
def seed_database() -> Iterator[dict[str, str]]:
    """Where the seed alone is served (`client`, and the browser tests' `api`)."""
    yield from own_postgresql()


@pytest.fixture(scope="session")
def registry_database() -> Iterator[dict[str, str]]:
    """Where all of data/ is served (`registry`, and the browser tests' `registry_api`)."""
    yield from own_postgresql()


@pytest.fixture(scope="session")
def client(seed_dir: Path, seed_database: dict[str, str]) -> Iterator[TestClient]:
    settings = Settings(data_dir=seed_dir, **seed_database)  # type: ignore[arg-type]
    with TestClient(create_app(settings)) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def registry(registry_database: dict[str, str]) -> Iterator[TestClient]:
    """The API over every visit in data/."""
    settings = Settings(data_dir=DATA, **registry_database)  # type: ignore[arg-type]
    with TestClient(create_app(settings)) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def openapi(client: TestClient) -> dict[str, Any]:
    document: dict[str, Any] = client.get("/openapi.json").json()
    return document


def ids(client: TestClient, url: str) -> list[str]:
    """Every item id of a list, following next_cursor to the end."""
    out: list[str] = []
    separator = "&" if "?" in url else "?"
    body = client.get(url).json()
    out.extend(item["id"] for item in body["items"])
    while body["next_cursor"]:
        body = client.get(f"{url}{separator}cursor={body['next_cursor']}").json()
        out.extend(item["id"] for item in body["items"])
    return out
