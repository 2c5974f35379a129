"""Beyond lists: facets, exports, JSON-LD, include/fields, the graph and the timeline."""

import csv
import io
import json
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pyld import jsonld

from tests.conftest import ids
from tests.test_openapi_contract import concrete, operations

SCHEMA = "https://schema.org/"
MEETING = "changchun-mfao-discussion-and-negotiation-meeting-2023-08-23"
VISIT = "california-baja-california-delegation-changchun-visit-2023"


def list_urls(openapi: dict[str, Any]) -> list[str]:
    out = []
    for path, operation in operations(openapi):
        if "Link" in operation["responses"]["200"].get("headers", {}):
            url = concrete(path, operation)
            out.append(url + "?q=a" if path == "/v1/search" else url)
    return out


def first_id(item: dict[str, Any]) -> str:
    """An item's id; for an entry of a detail's list (a title, a part at an event), the id of
    the record it names first (a CSV row's first `<field>_id`)."""
    if "id" in item:
        return str(item["id"])
    return next(
        str(value["id"] if isinstance(value, dict) else value)
        for key, value in item.items()
        if (isinstance(value, dict) and "id" in value) or key.endswith("_id")
    )


def detail_urls(openapi: dict[str, Any]) -> list[tuple[str, str]]:
    return [
        (path.split("/")[2], concrete(path, op))
        for path, op in operations(openapi)
        if path.endswith("/{id}")
    ]


# ---------------------------------------------------------------- facets


def test_facets_count_the_filtered_records_and_link_to_them(client: TestClient) -> None:
    body = client.get("/v1/organizations?facets=classification,country,role&limit=1").json()
    assert len(body["items"]) == 1
    classes = {f["value"]: f["count"] for f in body["facets"]["classification"]}
    assert classes["company"] == 2
    assert sum(classes.values()) == body["total"] == 12
    for name, values in body["facets"].items():
        for value in values:
            if value["value"] is None:
                assert value["href"] is None
                continue
            followed = client.get(value["href"]).json()
            assert followed["total"] == value["count"], (name, value)
    usa = next(f for f in body["facets"]["country"] if f["value"] == "united-states")
    assert usa["label"] == "United States"
    assert usa["count"] == 2
    unknown = next(f for f in body["facets"]["classification"] if f["value"] is None)
    assert unknown["count"] == 1  # Imperial Valley EDC: the article does not say what it is
    roles = {f["value"]: f["count"] for f in body["facets"]["role"]}
    assert roles["presenter"] == 6


def test_facets_follow_filters_and_search(client: TestClient) -> None:
    body = client.get("/v1/delegates?side=visiting&facets=organization,event,side").json()
    orgs = {f["value"] for f in body["facets"]["organization"]}
    assert orgs == {"imperial-valley-edc", "northeast-china-chamber-of-commerce-us-mexico-chapter"}
    events = {f["value"]: f["count"] for f in body["facets"]["event"]}
    assert events[VISIT] == 2
    # A facet reads every filter but its own: its counts are what choosing each side would
    # list (one host; Chu is visiting at the meeting and has no side as the proponent of the
    # Tijuana visit, so he is counted under both)
    sides = {f["value"]: f["count"] for f in body["facets"]["side"]}
    assert sides == {"visiting": 2, "host": 1, None: 1}
    for value in body["facets"]["side"]:
        if value["value"] is not None:
            assert client.get(value["href"]).json()["total"] == value["count"]
    searched = client.get("/v1/events?q=visit&facets=status").json()
    status = {f["value"]: f["count"] for f in searched["facets"]["status"]}
    assert status == {"passed": 2, "tentative": 1}
    assert sum(status.values()) == searched["total"]


def test_facets_on_every_resource(client: TestClient, openapi: dict[str, Any]) -> None:
    for path, operation in operations(openapi):
        facets = next((p for p in operation.get("parameters", []) if p["name"] == "facets"), None)
        if facets is None:
            continue
        allowed = facets["schema"]["anyOf"][0]["pattern"].split(")(")[0].strip("^(").split("|")
        url = concrete(path, operation)
        body = client.get(f"{url}?facets={','.join(allowed)}").json()
        assert set(body["facets"]) == set(allowed), path


def test_unknown_facet_is_422(client: TestClient) -> None:
    response = client.get("/v1/places?facets=kind,colour")
    assert response.status_code == 422
    assert response.json()["errors"][0]["name"] == "facets"


# ---------------------------------------------------------------- exports


def test_every_list_exports_csv_and_ndjson_with_all_rows(
    client: TestClient, openapi: dict[str, Any]
) -> None:
    for url in list_urls(openapi):
        total = client.get(url).json()["total"]
        joiner = "&" if "?" in url else "?"
        exported = client.get(f"{url}{joiner}format=csv")
        assert exported.status_code == 200, url
        assert exported.headers["content-type"] == "text/csv; charset=utf-8"
        assert exported.headers["content-disposition"].startswith('attachment; filename="')
        rows = list(csv.DictReader(io.StringIO(exported.text)))
        assert len(rows) == total, url
        lines = client.get(url, headers={"Accept": "application/x-ndjson"}).text.splitlines()
        assert len(lines) == total, url
        assert [first_id(json.loads(line)) for line in lines] == [first_id(r) for r in rows]


def test_exports_keep_filters_search_and_order(client: TestClient) -> None:
    exported = client.get("/v1/organizations?classification=consultancy&sort=-name&format=csv")
    rows = list(csv.DictReader(io.StringIO(exported.text)))
    assert [r["name"] for r in rows] == ["EFE Consulting Group", "CPI Consulting Corporation"]
    people = client.get("/v1/delegates?q=president", headers={"Accept": "text/csv"})
    assert people.headers["content-disposition"] == 'attachment; filename="delegates.csv"'
    rows = list(csv.DictReader(io.StringIO(people.text)))
    assert [r["id"] for r in rows] == ["chia-hsi-chu", "timothy-kelly"]
    assert rows[1]["position"] == "President and CEO, Imperial Valley EDC"


def test_csv_columns_flatten_links_and_dates(client: TestClient) -> None:
    rows = list(csv.DictReader(io.StringIO(client.get("/v1/events?format=csv&sort=start").text)))
    plan = next(r for r in rows if r["status"] == "tentative")
    assert plan["start"] == "2024-H2"
    assert plan["start_precision"] == "half"
    assert plan["place_id"] == "changchun"
    assert plan["place_name"] == "Changchun"
    assert plan["end"] == ""


def test_exports_larger_than_a_page(client: TestClient) -> None:
    # 1 + 8 + 12 ... records: the export pages internally; the search list has over 20 hits.
    total = client.get("/v1/search?q=e").json()["total"]
    assert total > 20
    lines = client.get("/v1/search?q=e&format=ndjson").text.splitlines()
    assert len(lines) == total
    assert len({(json.loads(x)["kind"], json.loads(x)["id"]) for x in lines}) == total


def test_fields_apply_to_exports(client: TestClient) -> None:
    text = client.get("/v1/places?format=csv&fields=id,kind").text
    assert text.splitlines()[0] == "id,kind"


def test_unsupported_accept_is_406(client: TestClient) -> None:
    for url, accept in (
        ("/v1/delegates", "image/png"),
        ("/v1/delegates", "application/ld+json"),
        ("/v1/delegates/timothy-kelly", "text/csv"),
        ("/v1/delegates/timothy-kelly", "application/x-ndjson"),
    ):
        response = client.get(url, headers={"Accept": accept})
        assert response.status_code == 406, (url, accept)
        assert response.headers["content-type"] == "application/problem+json"


# ---------------------------------------------------------------- JSON-LD


def test_every_detail_as_json_ld_expands(client: TestClient, openapi: dict[str, Any]) -> None:
    types = {
        "delegates": SCHEMA + "Person",
        "organizations": SCHEMA + "Organization",
        "events": SCHEMA + "Event",
        "places": SCHEMA + "Place",
        "delegations": SCHEMA + "Organization",
        "cooperation-areas": SCHEMA + "DefinedTerm",
        "sources": SCHEMA + "NewsArticle",
    }
    for resource, url in detail_urls(openapi):
        response = client.get(url, headers={"Accept": "application/ld+json"})
        assert response.status_code == 200
        assert response.headers["content-type"] == "application/ld+json"
        document = response.json()
        [expanded] = jsonld.expand(document)
        assert types[resource] in expanded["@type"], url
        assert expanded["@id"].endswith(url)
        name = expanded[SCHEMA + "name"][0]["@value"]
        assert name == client.get(url).json()["name"]
        if resource != "sources":  # every other record cites its source
            assert expanded[SCHEMA + "citation"][0]["@id"].endswith(
                "/v1/sources/ccfao-2023-08-28-california-baja-california-delegation"
            )


def test_json_ld_event_terms(client: TestClient) -> None:
    document = client.get(f"/v1/events/{MEETING}", headers={"Accept": "application/ld+json"})
    [event] = jsonld.expand(document.json())
    assert event[SCHEMA + "startDate"] == [{"@value": "2023-08-23"}]
    assert event[SCHEMA + "superEvent"][0]["@id"].endswith(f"/v1/events/{VISIT}")
    attendees = {a["@id"].rsplit("/", 1)[1] for a in event[SCHEMA + "attendee"]}
    assert {"ou-shuo", "chia-hsi-chu", "base-bank"} <= attendees
    plan = client.get(
        "/v1/events/tijuana-government-officials-visit-to-changchun-2024",
        headers={"Accept": "application/ld+json"},
    ).json()
    [planned] = jsonld.expand(plan)
    assert SCHEMA + "startDate" not in planned  # "2024-H2" is no ISO date: no day invented
    # a hope is not a schedule, and its proponent is no attendee
    assert SCHEMA + "eventStatus" not in planned
    assert SCHEMA + "attendee" not in planned
    [organizer] = event[SCHEMA + "organizer"]  # arranger and host: one organization, once
    assert organizer["@id"].endswith("/v1/organizations/changchun-municipal-foreign-affairs-office")
    kelly = client.get("/v1/delegates/timothy-kelly", headers={"Accept": "application/ld+json"})
    [person] = jsonld.expand(kelly.json())
    assert person[SCHEMA + "jobTitle"] == [{"@value": "President and CEO"}]


# ---------------------------------------------------------------- include and fields


def test_include_expands_summaries(client: TestClient) -> None:
    body = client.get("/v1/delegates?q=kelly&include=position.organization").json()
    organization = body["items"][0]["position"]["organization"]
    assert organization["id"] == "imperial-valley-edc"
    assert organization["classification"] is None  # the article never says what an EDC is
    events = client.get(f"/v1/events?parent={VISIT}&include=parent,venue,place").json()
    for item in events["items"]:
        assert item["parent"]["classification"] == "visit"
        assert item["place"]["kind"] == "city"
        assert "classification" in item["venue"]
    places = client.get("/v1/places?include=parent,country&q=baja").json()["items"][0]
    assert places["parent"]["id"] == "mexico"
    assert "other_names" in places["parent"]  # a full record, not a summary
    origins = client.get("/v1/delegations?include=origins").json()["items"]
    assert all("kind" in o for d in origins for o in d["origins"])


def test_fields_select(client: TestClient) -> None:
    items = client.get("/v1/organizations?fields=id,name,classification").json()["items"]
    assert all(set(i) == {"id", "name", "classification"} for i in items)
    both = client.get("/v1/delegates?fields=id,position&include=position.organization").json()
    assert set(both["items"][0]) == {"id", "position"}


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("/v1/delegates?include=organization", "include"),
        ("/v1/delegates?include=position.organization.parent", "include"),
        ("/v1/organizations?fields=id,title", "fields"),
        ("/v1/events?fields=", "fields"),
        ("/v1/cooperation-areas?include=events", "include"),
    ],
)
def test_unknown_include_or_fields_is_422(client: TestClient, url: str, name: str) -> None:
    response = client.get(url)
    assert response.status_code == 422
    assert name in {e["name"] for e in response.json()["errors"]}


# ---------------------------------------------------------------- graph and timeline


def test_graph(client: TestClient) -> None:
    graph = client.get("/v1/graph").json()
    nodes = {n["id"]: n for n in graph["nodes"]}
    assert len(nodes) == 3 + 12 + 7 + 5 + 2 + 4
    assert all(e["source"] in nodes and e["target"] in nodes for e in graph["edges"])
    edges = {(e["source"], e["target"], e["type"], e["label"]) for e in graph["edges"]}
    assert (
        "delegate:timothy-kelly",
        "organization:imperial-valley-edc",
        "position",
        "President and CEO",
    ) in edges
    assert ("place:changchun", "place:little-rock", "friendship", None) in edges
    assert ("organization:base-bank", f"event:{MEETING}", "participation", "presenter") in edges
    assert (f"event:{MEETING}", f"event:{VISIT}", "part_of", None) in edges
    related = (f"event:{VISIT}", "event:northeast-asia-expo-2023", "related_to", None)
    assert related in edges or (related[1], related[0], *related[2:]) in edges
    assert ("delegate:ou-shuo", f"event:{MEETING}", "participation", "host") in edges


def test_graph_filters(client: TestClient) -> None:
    plan = client.get("/v1/graph?event=tijuana-government-officials-visit-to-changchun-2024").json()
    assert {n["id"] for n in plan["nodes"]} == {
        "event:tijuana-government-officials-visit-to-changchun-2024",
        "delegate:chia-hsi-chu",
        "delegation:tijuana-government-officials-delegation-2024",
        "place:changchun",
    }
    visit = client.get(f"/v1/graph?event={VISIT}").json()
    ids = {n["id"] for n in visit["nodes"]}
    assert f"event:{MEETING}" in ids  # sub-events come along
    assert "organization:base-bank" in ids
    places = client.get("/v1/graph?kind=place").json()
    assert {n["kind"] for n in places["nodes"]} == {"place"}
    assert {e["type"] for e in places["edges"]} == {"friendship", "part_of"}
    assert client.get("/v1/graph?event=nothing").status_code == 404
    assert client.get("/v1/graph?kind=planet").status_code == 422


def test_timeline_orders_partial_dates(client: TestClient) -> None:
    items = client.get("/v1/timeline").json()["items"]
    assert [(i["start"] or {}).get("value") for i in items] == [
        "2023-08-22",
        "2023-08-23",
        "2023-08-23",
        "2024-H2",
        None,
    ]
    assert [i["tentative"] for i in items] == [False, False, False, True, False]
    assert items[1]["id"] == "changchun-planning-exhibition-hall-visit-2023-08-23"  # sequence 1
    later = client.get("/v1/timeline?from=2024-01&to=2024-12").json()["items"]
    assert [i["id"] for i in later] == ["tijuana-government-officials-visit-to-changchun-2024"]
    assert client.get("/v1/timeline?from=2024-13").status_code == 422


def test_graph_scopes(client: TestClient) -> None:
    def ids(url: str) -> set[str]:
        response = client.get(url)
        assert response.status_code == 200, response.text
        return {n["id"] for n in response.json()["nodes"]}

    kelly = ids("/v1/graph?delegate=timothy-kelly")
    assert {"delegate:timothy-kelly", "organization:imperial-valley-edc"} <= kelly
    assert "delegate:ou-shuo" not in kelly  # one link away, not two
    edc = ids("/v1/graph?organization=imperial-valley-edc")
    assert "delegate:timothy-kelly" in edc
    changchun = ids("/v1/graph?place=changchun")
    assert "place:little-rock" in changchun  # a friendship city
    # every edge of a scoped graph joins two of its nodes
    graph = client.get("/v1/graph?place=changchun").json()
    assert all(e["source"] in changchun and e["target"] in changchun for e in graph["edges"])
    for scope in ("event", "place", "organization", "delegate"):
        missing = client.get(f"/v1/graph?{scope}=nothing-here")
        assert missing.status_code == 404, scope


def test_graph_is_bounded(client: TestClient) -> None:
    # two scopes: the graph around both
    both = client.get("/v1/graph?place=little-rock&delegate=timothy-kelly").json()
    ids = {n["id"] for n in both["nodes"]}
    assert {"place:little-rock", "place:changchun", "organization:imperial-valley-edc"} <= ids
    two = client.get("/v1/graph?place=changchun&delegate=ou-shuo&limit=3")
    assert two.status_code == 422
    assert {e["name"] for e in two.json()["errors"]} == {"place", "delegate"}
    whole = client.get("/v1/graph?limit=5")
    assert whole.status_code == 422
    assert whole.json()["errors"][0]["name"] == "limit"
    assert "narrow it" in whole.json()["detail"]
    scoped = client.get(f"/v1/graph?event={VISIT}&limit=3")
    assert scoped.status_code == 422
    assert scoped.json()["errors"][0]["name"] == "event"
    assert client.get("/v1/graph?limit=2001").status_code == 422
    # the limit counts the kinds asked for: the seed's 7 places fit in 10, its 33 records do not
    assert client.get("/v1/graph?limit=10").status_code == 422
    places = client.get("/v1/graph?kind=place&limit=10")
    assert places.status_code == 200
    assert len(places.json()["nodes"]) == 7


def test_a_sources_records_are_a_paged_sub_collection(client: TestClient) -> None:
    source = "ccfao-2023-08-28-california-baja-california-delegation"
    detail = client.get(f"/v1/sources/{source}").json()
    total = detail["records_total"]
    assert total == len(detail["records"]) > 20  # the seed's one source: all fit the detail
    url = f"/v1/sources/{source}/records?limit=7"
    walked = ids(client, url)
    assert len(walked) == len(set(walked)) == total
    assert walked == [r["id"] for r in detail["records"]]  # the same order: kind, then name
    assert ids(client, f"{url}&sort=-kind") == walked[::-1]
    kinds = [r["kind"] for r in client.get(f"{url[:-8]}?limit=100").json()["items"]]
    order = ["event", "delegation", "delegate", "organization", "cooperation-area", "place"]
    assert kinds == sorted(kinds, key=order.index)
    people = client.get(f"/v1/sources/{source}/records?kind=delegate").json()
    assert {r["id"] for r in people["items"]} == {"timothy-kelly", "chia-hsi-chu", "ou-shuo"}
    assert all(r["paragraphs"] for r in people["items"])
    kelly = client.get(f"/v1/sources/{source}/records?q=kelly").json()["items"]
    assert [r["id"] for r in kelly] == ["timothy-kelly"]
    assert client.get("/v1/sources/no-such-source/records").status_code == 404
    assert client.get(f"/v1/sources/{source}/records?kind=planet").status_code == 422
    exported = client.get(f"/v1/sources/{source}/records?format=csv")
    assert exported.status_code == 200
    assert exported.text.count("\r\n") == total + 1
