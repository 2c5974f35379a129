"""The database layer under concurrency, as a threaded server uses it."""

from concurrent.futures import ThreadPoolExecutor

from fastapi.testclient import TestClient
from sqlmodel import Session, func, select

from app.store.db import Database
from app.store.models import Person


def test_many_threads_share_the_embedded_database(client: TestClient) -> None:
    database: Database = client.app.state.database  # type: ignore[attr-defined]

    def count(_: int) -> int:
        with Session(database.engine) as session:
            return session.exec(select(func.count()).select_from(Person)).one()

    with ThreadPoolExecutor(max_workers=48) as pool:
        results = list(pool.map(count, range(2000)))
    assert results == [3] * 2000
