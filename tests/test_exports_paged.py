"""Exports are sent a page at a time: each chunk of a streamed body is read in a worker thread,
and a chunk a row (100,000 for the delegates at 1,000 visits) took most of an export's time."""

import pytest
from fastapi.testclient import TestClient

from app.api import exports


@pytest.mark.parametrize("media", ["csv", "ndjson"])
def test_an_export_is_sent_a_page_at_a_time(
    registry: TestClient, monkeypatch: pytest.MonkeyPatch, media: str
) -> None:
    url = f"/v1/delegates?format={media}"
    plain = {"Accept-Encoding": "identity"}  # the chunks as the app sends them
    whole = registry.get(url, headers=plain).content
    total = registry.get("/v1/delegates?limit=1").json()["total"]
    monkeypatch.setattr(exports, "EXPORT_PAGE", 2)
    pages = -(-total // 2)
    assert pages > 5
    with registry.stream("GET", url, headers={**plain, "Cache-Control": "no-cache"}) as response:
        chunks = [chunk for chunk in response.iter_raw() if chunk]
    assert b"".join(chunks) == whole  # the same bytes, however they are paged
    assert len(chunks) == pages
