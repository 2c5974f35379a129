"""A real server over a large generated registry (bench/generate.py): heavy requests do not
hold up light ones, and every route stays bounded however large the registry grows."""

import json
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest

from tests.live import ROOT, serve

pytestmark = pytest.mark.system

VISITS = 300  # 30,000 delegates: enough for a heavy request to take a while


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("large")
    subprocess.run(
        [sys.executable, "bench/generate.py", "--out", str(folder), "--visits", str(VISITS)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=300,
    )
    with serve({"REGISTRY_DATA_DIR": str(folder), "REGISTRY_SNAPSHOT_DIR": ""}) as (base, _):
        yield base


def fetch(url: str) -> tuple[int, bytes]:
    """GET `url` as a first request would (rendered, not from the response cache)."""
    request = urllib.request.Request(url, headers={"Cache-Control": "no-cache"})
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def body(url: str) -> Any:
    status, raw = fetch(url)
    assert status == 200, (url, raw[:500])
    return json.loads(raw)


HEAVY = [
    "/v1/delegates?format=csv",  # every delegate, streamed page by page
    # every delegate with their titles' organizations expanded, as NDJSON (no list request
    # is heavy any more: the facets of a whole list are kept once counted, and a facet
    # counts at most 10,000 records)
    "/v1/delegates?format=ndjson&include=position.organization",
]


@pytest.mark.parametrize("heavy", HEAVY)
def test_light_requests_are_answered_while_a_heavy_one_runs(large: str, heavy: str) -> None:
    finished: dict[str, float] = {}
    started = threading.Event()

    def run_heavy() -> None:
        request = urllib.request.Request(large + heavy, headers={"Cache-Control": "no-cache"})
        started.set()
        with urllib.request.urlopen(request, timeout=120) as response:
            assert response.status == 200
            response.read()
        finished["heavy"] = time.monotonic()

    thread = threading.Thread(target=run_heavy)
    thread.start()
    started.wait()
    time.sleep(0.05)  # the heavy request is being served
    for name, light in (("health", "/healthz"), ("list", "/v1/places?limit=1")):
        assert fetch(large + light)[0] == 200
        finished[name] = time.monotonic()
    thread.join()
    # On a blocked event loop both would have waited for the heavy request to finish.
    assert finished["health"] < finished["heavy"], finished
    assert finished["list"] < finished["heavy"], finished


def test_every_route_is_bounded_on_a_large_registry(large: str) -> None:
    people = body(large + "/v1/delegates?facets=organization,event&limit=5")
    assert people["total"] == VISITS * 100
    assert all(len(values) <= 50 for values in people["facets"].values())  # the most frequent
    # the whole registry is too large a graph: a 422 that says how to narrow it
    status, raw = fetch(large + "/v1/graph")
    assert status == 422
    assert "narrow it" in json.loads(raw)["detail"]
    visit = body(large + "/v1/events?limit=1")["items"][0]["id"]
    graph = body(large + f"/v1/graph?event={visit}")
    assert 0 < len(graph["nodes"]) <= 500
    # a source cited by thousands of records: the detail lists 50, the rest page by page
    sources = body(large + "/v1/sources?limit=100")["items"]
    details = [body(large + f"/v1/sources/{s['id']}") for s in sources]
    busiest = max(details, key=lambda d: d["records_total"])
    assert busiest["records_total"] > 50
    assert len(busiest["records"]) == 50
    page = body(large + f"/v1/sources/{busiest['id']}/records?limit=100")
    assert page["total"] == busiest["records_total"]
    assert page["next_cursor"] is not None


def test_details_list_the_first_50_of_what_grows_with_the_registry(large: str) -> None:
    """A cooperation area explored at a tenth of the visits, a country with a sixteenth of the
    organizations: their details list 50 of each, and say how many there are and where."""
    area = body(large + "/v1/cooperation-areas/area-0")
    assert area["events_total"] > 50
    assert area["organizations_total"] > 10 * 50
    country = body(large + "/v1/places/country-0")
    assert country["organizations_total"] > 50
    for record, field, sub in (
        (area, "events", "/v1/cooperation-areas/area-0/events"),
        (area, "organizations", "/v1/cooperation-areas/area-0/participations"),
        (country, "organizations", "/v1/places/country-0/organizations"),
    ):
        assert len(record[field]) == 50, field
        page = body(large + sub + "?limit=50")
        first = page["items"]
        if "id" in first[0]:  # records: the detail names them
            first = [{"id": item["id"], "name": item["name"]} for item in first]
        assert first == record[field], sub  # the detail's list is the first page
        assert page["total"] == record[f"{field}_total"], sub
        assert page["next_cursor"] is not None
    # so a detail's size does not follow the registry's
    for url in ("/v1/cooperation-areas/area-0", "/v1/places/country-0"):
        assert len(fetch(large + url)[1]) < 20_000, url
