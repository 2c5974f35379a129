"""Shared fixtures: the API through HTTP, over the seed visit alone (`client`: the contract
tests, whose counts and orders are the seed's) and over the whole of data/ (`registry`)."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from app.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SEED = DATA / "2023-08-changchun-california-baja-california.yaml"


@pytest.fixture(scope="session")
def seed_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder holding the seed visit alone."""
    folder = tmp_path_factory.mktemp("seed")
    (folder / SEED.name).write_bytes(SEED.read_bytes())
    return folder


@pytest.fixture(scope="session")
def client(seed_dir: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(data_dir=seed_dir))) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def registry() -> Iterator[TestClient]:
    """The API over every visit in data/."""
    with TestClient(create_app(Settings(data_dir=DATA))) as test_client:
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
