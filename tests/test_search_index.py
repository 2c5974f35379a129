"""`q` through the trigram full-text index (SQLite) finds exactly the texts that contain it.

The index answers needles of 3 characters or more; shorter ones, and PostgreSQL, use a LIKE
scan. Either way the answer must be the substring match over the folded texts, which this
test computes by brute force from the search_text table itself."""

from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from app.domain.text import fold
from app.main import create_app
from app.settings import Settings
from app.store.search_index import TRIGRAM_INDEX
from tests.conftest import DATA, ids
from tests.pg import needs_postgresql

NEEDLES = [
    "kel",
    "KELLY",
    "Kélly",
    "ke",
    "o",
    "expo",
    "baja california",
    "northeast asia",
    "ley ",
    'a"b',
    "100%",
    "a_b",
    "*",
    "ca OR ch",
    "zzz",
]


def texts(client: TestClient) -> list[Any]:
    engine = client.app.state.database.engine  # type: ignore[attr-defined]
    with engine.connect() as connection:
        return list(connection.execute(text("SELECT kind, record_id, folded FROM search_text")))


def test_the_embedded_database_answers_q_through_the_index(tmp_path: Path) -> None:
    # The embedded database, also in the PostgreSQL pass (where DATABASE_URL is set).
    settings = Settings(data_dir=DATA, database_url="sqlite://", snapshot_dir=tmp_path)
    with TestClient(create_app(settings)) as embedded:
        engine = embedded.app.state.database.engine  # type: ignore[attr-defined]
        with engine.connect() as connection:
            plan = connection.execute(
                text("EXPLAIN QUERY PLAN SELECT rowid FROM search_fts WHERE search_fts MATCH 'kel'")
            ).all()
            hits = connection.execute(
                text("SELECT count(*) FROM search_fts WHERE search_fts MATCH '\"kelly\"'")
            ).scalar_one()
            # Where a cursor falls in a kind's range is a seek, not a walk from its start.
            edge = connection.execute(
                text(
                    "EXPLAIN QUERY PLAN SELECT row FROM search_record WHERE kind = 'delegate'"
                    " AND (sort_name, record_id) > ('m', '') ORDER BY sort_name, record_id LIMIT 1"
                )
            ).all()
        assert any("VIRTUAL TABLE INDEX" in str(row) for row in plan)
        assert any("ix_search_record_kind_sort_name_record_id" in str(row) for row in edge)
        assert hits >= 1
        body = embedded.get("/v1/delegates?q=kelly").json()
        assert [item["name"] for item in body["items"]] == ["Timothy Kelly"]


@pytest.mark.parametrize("q", NEEDLES)
def test_search_finds_exactly_the_records_containing_q(client: TestClient, q: str) -> None:
    needle = fold(q)
    expected = {(kind, record) for kind, record, folded in texts(client) if needle in folded}
    found: set[tuple[str, str]] = set()
    url = f"/v1/search?q={quote(q)}&limit=100"
    body = client.get(url).json()
    found |= {(hit["kind"], hit["id"]) for hit in body["items"]}
    while body["next_cursor"]:
        body = client.get(f"{url}&cursor={body['next_cursor']}").json()
        found |= {(hit["kind"], hit["id"]) for hit in body["items"]}
    assert found == expected


@pytest.mark.parametrize("q", ["e", "an", "kel", "china"])
@pytest.mark.parametrize("kind", [None, "delegate", "organization"])
def test_search_pages_in_name_order_across_kinds(
    client: TestClient, q: str, kind: str | None
) -> None:
    """Small pages, whose cursors fall inside and between kinds, give every match once, in
    the order (name, kind, id) that a sort of all of them gives, with the same total."""
    needle = fold(q)
    engine = client.app.state.database.engine  # type: ignore[attr-defined]
    with engine.connect() as connection:
        rows = connection.execute(
            text("SELECT kind, record_id, sort_name, folded FROM search_text")
        ).all()
    keys: dict[tuple[str, str], str] = {}
    for k, record, sort_name, folded in rows:
        if (kind is None or k == kind) and needle in folded:
            keys[(k, record)] = min(sort_name, keys.get((k, record), sort_name))
    expected = sorted(keys, key=lambda key: (keys[key], key[0], key[1]))
    url = f"/v1/search?q={quote(q)}&limit=3" + (f"&kind={kind}" if kind else "")
    body = client.get(url).json()
    total, found = body["total"], [(hit["kind"], hit["id"]) for hit in body["items"]]
    while body["next_cursor"]:
        body = client.get(f"{url}&cursor={body['next_cursor']}").json()
        assert body["total"] == total
        found += [(hit["kind"], hit["id"]) for hit in body["items"]]
    assert found == expected
    assert total == len(expected)


@pytest.mark.parametrize("q", NEEDLES)
@pytest.mark.parametrize(
    ("route", "kind"),
    [("delegates", "delegate"), ("organizations", "organization"), ("events", "event")],
)
def test_lists_filter_by_exactly_the_records_containing_q(
    client: TestClient, q: str, route: str, kind: str
) -> None:
    needle = fold(q)
    expected = {r for k, r, folded in texts(client) if k == kind and needle in folded}
    found = ids(client, f"/v1/{route}?q={quote(q)}&limit=2")
    assert len(found) == len(set(found))  # paging repeats nothing
    assert set(found) == expected


@pytest.mark.parametrize("q", ["kel", "e", "an", "california", "zzz"])
@pytest.mark.parametrize("sort", ["name", "-name", "id", "-id"])
def test_q_pages_keep_the_list_order(client: TestClient, q: str, sort: str) -> None:
    """The search narrows the list and keeps its order: each page, in every sort, is the
    unfiltered list's order restricted to the matches, with the matching total."""
    needle = fold(q)
    matched = {r for k, r, folded in texts(client) if k == "delegate" and needle in folded}
    everyone = ids(client, f"/v1/delegates?sort={sort}&limit=100")
    expected = [i for i in everyone if i in matched]
    assert ids(client, f"/v1/delegates?q={quote(q)}&sort={sort}&limit=1") == expected
    body = client.get(f"/v1/delegates?q={quote(q)}&sort={sort}").json()
    assert body["total"] == len(expected)


@needs_postgresql
def test_postgresql_answers_q_through_the_trigram_index(client: TestClient) -> None:
    engine = client.app.state.database.engine  # type: ignore[attr-defined]
    with engine.connect() as connection:
        # The seed's table is small enough for a scan to win; forbid it, to see the index serve.
        connection.execute(text("SET LOCAL enable_seqscan = off"))
        plan = "\n".join(
            str(row[0])
            for row in connection.execute(
                text("EXPLAIN SELECT record_id FROM search_record WHERE folded LIKE '%kel%'")
            )
        )
    assert TRIGRAM_INDEX in plan, plan
    body = client.get("/v1/delegates?q=kelly").json()
    assert [item["name"] for item in body["items"]] == ["Timothy Kelly"]
