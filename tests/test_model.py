"""The model across visits, on a small registry of two files written here: side and role per
participation, titles over time, sourced other names, sources as records, delegations with
origin and destination, an unnamed official, tentative events, related events, friendship
claims kept side by side when sources disagree."""

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from app.settings import Settings

FIRST = """\
sources:
  - id: page-2019
    url: http://example.org/2019
    title: Deputy Director General Ou Meets Guests from Ryazan
    publisher: CCFAO
    updated: "2019-09-24"
    language: en
    complete: true
places:
  - {id: changchun, name: Changchun, kind: city, sources: [{source: page-2019, paragraph: 1}]}
  - {id: ryazan, name: Ryazan, sources: [{source: page-2019, paragraph: 1}]}
friendships:
  - places: [changchun, ryazan]
    established: [{date: "1994-05", sources: [{source: page-2019, paragraph: 2}]}]
    sources: [{source: page-2019, paragraph: 2}]
organizations:
  - id: office
    name: Changchun Municipal Foreign Affairs Office
    other_names:
      - {name: CCFAO, sources: [{source: page-2019, paragraph: 1}]}
    sources: [{source: page-2019, paragraph: 1}]
people:
  - id: ou-shuo
    name: Ou Shuo
    positions:
      - {title: Deputy Director General, organization: office, date: "2019-09-18",
         sources: [{source: page-2019, paragraph: 1}]}
    sources: [{source: page-2019, paragraph: 1}]
delegations:
  - id: ryazan-students
    name: Student representatives from Ryazan
    size: 13
    origins: [ryazan]
    destinations: [changchun]
    sources: [{source: page-2019, paragraph: 1}]
events:
  - id: ryazan-visit
    name: Ryazan students in Changchun
    classification: visit
    status: passed
    start: "2019-09-18"
    place: changchun
    delegations: [{delegation: ryazan-students, side: visiting,
                   sources: [{source: page-2019, paragraph: 1}]}]
    people:
      - {person: ou-shuo, role: host, side: host, sources: [{source: page-2019, paragraph: 1}]}
    sources: [{source: page-2019, paragraph: 1}]
"""

SECOND = """\
sources:
  - id: page-2023
    title: A Changchun Delegation Visits Ryazan
    publisher: European Affairs Division
    updated: "2023-05"
    complete: false
    note: The stored copy ends in paragraph 3.
places:
  - {id: changchun, name: Changchun, sources: [{source: page-2023, paragraph: 1}]}
  - id: ryazan
    name: Ryazan
    other_names: [{name: Рязань, sources: [{source: page-2023, paragraph: 2}]}]
    sources: [{source: page-2023, paragraph: 1}]
friendships:
  - places: [ryazan, changchun]
    established: [{date: "1995", sources: [{source: page-2023, paragraph: 3}]}]
    sources: [{source: page-2023, paragraph: 3}]
organizations:
  - id: office
    name: Changchun Municipal Foreign Affairs Office
    other_names:
      - {name: Changchun Foreign Affairs Office, sources: [{source: page-2023, paragraph: 1}]}
    sources: [{source: page-2023, paragraph: 1}]
  - id: ryazan-government
    name: Ryazan City Government
    sources: [{source: page-2023, paragraph: 2}]
people:
  - id: ou-shuo
    name: Ou Shuo
    positions:
      - {title: Deputy Director, organization: office, date: "2023-05",
         sources: [{source: page-2023, paragraph: 1}]}
    sources: [{source: page-2023, paragraph: 1}]
delegations:
  - id: changchun-delegation-2023
    name: Changchun delegation to Ryazan
    origins: [changchun]
    destinations: [ryazan]
    members:
      - {person: ou-shuo, role: leader, sources: [{source: page-2023, paragraph: 1}]}
    sources: [{source: page-2023, paragraph: 1}]
events:
  - id: changchun-delegation-in-ryazan
    name: The Changchun delegation in Ryazan
    classification: visit
    status: passed
    start: "2023-05"
    place: ryazan
    related_to: [{event: ryazan-visit, sources: [{source: page-2023, paragraph: 3}]}]
    delegations: [{delegation: changchun-delegation-2023, side: visiting,
                   sources: [{source: page-2023, paragraph: 1}]}]
    people:
      - {person: ou-shuo, role: leader, side: visiting,
         sources: [{source: page-2023, paragraph: 1}]}
    organizations:
      - organization: ryazan-government
        role: host
        side: host
        note: The page says the delegation was received by the city's mayor, who is not named.
        sources: [{source: page-2023, paragraph: 2}]
    sources: [{source: page-2023, paragraph: 1}]
  - id: return-visit
    name: A return visit to Changchun, hoped for
    classification: visit
    status: tentative
    start: "2024"
    sources: [{source: page-2023, paragraph: 3}]
"""


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    folder = tmp_path_factory.mktemp("small")
    (folder / "2019.yaml").write_text(FIRST)
    (folder / "2023.yaml").write_text(SECOND)
    with TestClient(create_app(Settings(data_dir=folder))) as client:
        yield client


def get(client: TestClient, path: str) -> Any:
    response = client.get(path)
    assert response.status_code == 200, response.text
    return response.json()


def test_one_person_hosts_one_visit_and_leads_another_abroad(small: TestClient) -> None:
    ou = get(small, "/v1/delegates/ou-shuo")
    assert [(e["event"]["id"], e["role"], e["side"]) for e in ou["events"]] == [
        ("ryazan-visit", "host", "host"),
        ("changchun-delegation-in-ryazan", "leader", "visiting"),
    ]
    hosts = get(small, "/v1/delegates?side=host&event=ryazan-visit")["items"]
    assert [p["id"] for p in hosts] == ["ou-shuo"]
    assert get(small, "/v1/delegates?side=host&event=changchun-delegation-in-ryazan")["total"] == 0


def test_titles_over_time_in_date_order_and_the_latest_in_lists(small: TestClient) -> None:
    ou = get(small, "/v1/delegates/ou-shuo")
    assert [(p["title"], p["date"]["value"]) for p in ou["positions"]] == [
        ("Deputy Director General", "2019-09-18"),
        ("Deputy Director", "2023-05"),
    ]
    [item] = get(small, "/v1/delegates?q=ou")["items"]
    assert item["position"]["title"] == "Deputy Director"
    assert [c["source"]["id"] for c in ou["sources"]] == ["page-2019", "page-2023"]


def test_other_names_are_sourced_and_searched(small: TestClient) -> None:
    office = get(small, "/v1/organizations/office")
    assert [(o["name"], o["sources"][0]["source"]["id"]) for o in office["other_names"]] == [
        ("CCFAO", "page-2019"),
        ("Changchun Foreign Affairs Office", "page-2023"),
    ]
    for q in ("ccfao", "Changchun Foreign Affairs", "рязань"):
        hits = get(small, f"/v1/search?q={q}")["items"]
        assert hits, q
    assert [o["id"] for o in get(small, "/v1/organizations?q=CCFAO")["items"]] == ["office"]


def test_sources_are_records(small: TestClient) -> None:
    cut = get(small, "/v1/sources/page-2023")
    assert cut["complete"] is False
    assert cut["note"] == "The stored copy ends in paragraph 3."
    assert cut["publisher"] == "European Affairs Division"
    assert cut["url"] is None
    whole = get(small, "/v1/sources/page-2019")
    assert (whole["url"], whole["complete"], whole["language"]) == (
        "http://example.org/2019",
        True,
        "en",
    )


def test_delegations_have_origin_and_destination(small: TestClient) -> None:
    outbound = get(small, "/v1/delegations/changchun-delegation-2023")
    assert [p["id"] for p in outbound["origins"]] == ["changchun"]
    assert [p["id"] for p in outbound["destinations"]] == ["ryazan"]
    inbound = get(small, "/v1/delegations/ryazan-students")
    assert inbound["size"] == 13
    assert [d["id"] for d in get(small, "/v1/delegations?destination=ryazan")["items"]] == [
        "changchun-delegation-2023"
    ]
    changchun = get(small, "/v1/places/changchun")
    assert [d["id"] for d in changchun["delegations_from"]] == ["changchun-delegation-2023"]
    assert [d["id"] for d in changchun["delegations_to"]] == ["ryazan-students"]


def test_an_unnamed_official_is_the_organizations_part_with_a_note(small: TestClient) -> None:
    event = get(small, "/v1/events/changchun-delegation-in-ryazan")
    [host] = event["organizations"]
    assert (host["organization"]["id"], host["role"], host["side"]) == (
        "ryazan-government",
        "host",
        "host",
    )
    assert "not named" in host["note"]
    assert {p["person"]["id"] for p in event["people"]} == {"ou-shuo"}
    assert get(small, "/v1/delegates")["total"] == 1  # no person is invented for the mayor


def test_status_on_the_open_civic_data_scale(small: TestClient) -> None:
    hoped = get(small, "/v1/events/return-visit")
    assert hoped["status"] == "tentative"
    ids = [e["id"] for e in get(small, "/v1/events?status=tentative")["items"]]
    assert ids == ["return-visit"]
    timeline = get(small, "/v1/timeline")["items"]
    assert [e["tentative"] for e in timeline] == [False, False, True]


def test_related_to_is_not_part_of(small: TestClient) -> None:
    event = get(small, "/v1/events/changchun-delegation-in-ryazan")
    assert event["parent"] is None
    assert [r["event"]["id"] for r in event["related"]] == ["ryazan-visit"]
    other = get(small, "/v1/events/ryazan-visit")  # the relation reads both ways
    assert [r["event"]["id"] for r in other["related"]] == ["changchun-delegation-in-ryazan"]
    assert other["children"] == []


def test_conflicting_friendship_dates_are_kept_side_by_side(small: TestClient) -> None:
    [link] = get(small, "/v1/places/changchun")["friendship_cities"]
    assert link["place"]["id"] == "ryazan"
    claims = [(c["date"]["value"], c["sources"][0]["source"]["id"]) for c in link["established"]]
    assert claims == [("1994-05", "page-2019"), ("1995", "page-2023")]
    [back] = get(small, "/v1/places/ryazan")["friendship_cities"]
    assert back["established"] == link["established"]
    assert get(small, "/v1/places?friendship_city=ryazan")["total"] == 1


def test_facets_by_year_and_by_delegation_origin(small: TestClient) -> None:
    body = get(small, "/v1/events?facets=year,origin")
    years = {f["value"]: f["count"] for f in body["facets"]["year"]}
    assert years == {"2019": 1, "2023": 1, "2024": 1}
    origins = {f["value"]: (f["label"], f["count"]) for f in body["facets"]["origin"]}
    assert origins == {"ryazan": ("Ryazan", 1), "changchun": ("Changchun", 1)}
    assert [e["id"] for e in get(small, "/v1/events?origin=ryazan")["items"]] == ["ryazan-visit"]


def test_a_record_in_two_files_is_one_record(small: TestClient) -> None:
    assert get(small, "/v1/places")["total"] == 2
    changchun = get(small, "/v1/places/changchun")
    assert changchun["kind"] == "city"  # stated in one file, left out in the other
    assert {c["source"]["id"] for c in changchun["sources"]} == {"page-2019", "page-2023"}


def test_json_ld_keeps_the_proponent_and_tentative_apart(small: TestClient) -> None:
    ld = small.get("/v1/events/return-visit", headers={"Accept": "application/ld+json"}).json()
    assert "eventStatus" not in ld
    held = small.get("/v1/events/ryazan-visit", headers={"Accept": "application/ld+json"}).json()
    assert held["eventStatus"] == "schema:EventScheduled"
