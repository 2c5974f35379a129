"""The database layer under concurrency, as a threaded server uses it."""

import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, func, select

from app.main import create_app
from app.queries.rows import fetch
from app.settings import Settings
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


def test_more_requests_than_connections_at_once(
    seed_dir: Path, seed_database: dict[str, str]
) -> None:
    """Twice as many requests at once as the pool has connections, on one worker thread:
    each is answered. A list returns a model, which FastAPI validates in a second hop to a
    worker thread while the request's session holds its connection: had every request been
    let open a session, the thread would have waited 30 s for a connection held by requests
    waiting for it, and failed."""
    settings = Settings(data_dir=seed_dir, worker_threads=1, **seed_database)  # type: ignore[arg-type]
    with TestClient(create_app(settings)) as client:
        database: Database = client.app.state.database  # type: ignore[attr-defined]
        assert database.connections is not None
        requests = 2 * database.connections
        database.engine.pool._timeout = 2  # type: ignore[attr-defined]  # so a regression fails soon

        def get(i: int) -> int:
            fresh = {"Cache-Control": "no-cache"}  # rendered, not from the response cache
            return client.get(f"/v1/events?limit={1 + i % 20}", headers=fresh).status_code

        began = time.monotonic()
        with ThreadPoolExecutor(max_workers=requests) as pool:
            statuses = list(pool.map(get, range(requests)))
        assert statuses == [200] * requests
        assert time.monotonic() - began < 20  # a worker thread never waited for the pool


PAGES = {
    # What the lists ask, in app.queries.rows' notation: `{C}` is byte order on PostgreSQL.
    "first": "SELECT id FROM {table} ORDER BY sort_name{C}, id{C} LIMIT 51",
    "after": "SELECT id FROM {table} WHERE (sort_name{C}, id{C}) > (?, ?)"
    " ORDER BY sort_name{C}, id{C} LIMIT 51",
    "descending": "SELECT id FROM {table} ORDER BY sort_name{C} DESC, id{C} DESC LIMIT 51",
    "by id": "SELECT id FROM {table} WHERE id{C} > ? ORDER BY id{C} LIMIT 51",
}


@pytest.mark.parametrize("table", ["person", "organization", "event"])
@pytest.mark.parametrize("sql", PAGES.values(), ids=PAGES.keys())
def test_pages_are_read_in_index_order(client: TestClient, table: str, sql: str) -> None:
    """A page (first, after a cursor, descending, by id) reads an index in the list's order
    instead of sorting the table: on PostgreSQL too, where lists order byte-wise (COLLATE
    "C"), which an index in the database's own collation does not serve."""
    database: Database = client.app.state.database  # type: ignore[attr-defined]
    query = sql.format(table=table, C="{C}")
    args = ["m", "m"][: query.count("?")]
    with Session(database.engine) as session:
        if database.dialect == "postgresql":
            # The seed's tables are small enough for a sort to win; make it lose, to see
            # whether an index can serve the order at all.
            session.connection().exec_driver_sql("SET LOCAL enable_sort = off")
            plan = "\n".join(row[0] for row in fetch(session, f"EXPLAIN {query}", args))
            assert "Sort" not in plan, plan
            assert "Index" in plan, plan
        else:
            plan = "\n".join(
                str(row) for row in fetch(session, f"EXPLAIN QUERY PLAN {query}", args)
            )
            assert "TEMP B-TREE" not in plan, plan
