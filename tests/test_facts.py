"""Every fact the seed article states, asserted in the loaded registry (through HTTP).

The article: "Joint Delegation from American California and Mexican Baja California Visits
Changchun Municipal Foreign Affairs Office" (CCFAO, updated 2023-08-28).
"""

from typing import Any

from fastapi.testclient import TestClient

SOURCE = "ccfao-2023-08-28-california-baja-california-delegation"
VISIT = "california-baja-california-delegation-changchun-visit-2023"
HALL_VISIT = "changchun-planning-exhibition-hall-visit-2023-08-23"
MEETING = "changchun-mfao-discussion-and-negotiation-meeting-2023-08-23"
PLAN = "tijuana-government-officials-visit-to-changchun-2024"
CCFAO = "changchun-municipal-foreign-affairs-office"
DIVISION = "changchun-mfao-division-of-american-and-oceanian-affairs"
COMMITTEE = "northeast-asia-expo-organizing-committee"


def get(client: TestClient, path: str) -> Any:
    response = client.get(path)
    assert response.status_code == 200, (path, response.text)
    return response.json()


def roles(event: dict[str, Any], kind: str) -> set[tuple[str, str]]:
    key = "organization" if kind == "organizations" else "person"
    return {(item[key]["id"], item["role"]) for item in event[kind]}


def test_source_document(registry: TestClient) -> None:
    source = get(registry, f"/v1/sources/{SOURCE}")
    assert source["title"] == (
        "Joint Delegation from American California and Mexican Baja California Visits "
        "Changchun Municipal Foreign Affairs Office"
    )
    assert source["publisher"] == "CCFAO"
    assert source["updated"] == "2023-08-28"
    assert source["url"] == "http://en.changchun.gov.cn/xw/ycxw/202308/t20230828_3221629.html"
    assert source["language"] == "en"
    assert source["complete"] is True


def test_visit_from_august_22_at_the_expo_committees_invitation(registry: TestClient) -> None:
    visit = get(registry, f"/v1/events/{VISIT}")
    assert visit["start"] == {
        "value": "2023-08-22",
        "precision": "day",
        "earliest": "2023-08-22",
        "latest": "2023-08-22",
    }
    assert visit["end"] is None  # the article does not say when the visit ended
    assert visit["place"]["id"] == "changchun"
    assert visit["status"] == "passed"
    # "activities related to the Northeast Asia Expo": related to it, not part of it
    assert visit["parent"] is None
    assert [r["event"]["id"] for r in visit["related"]] == ["northeast-asia-expo-2023"]
    assert (COMMITTEE, "inviter") in roles(visit, "organizations")
    assert {"chia-hsi-chu", "timothy-kelly"} <= {p for p, _ in roles(visit, "people")}
    assert [(d["delegation"]["id"], d["side"]) for d in visit["delegations"]] == [
        ("california-baja-california-joint-delegation-2023", "visiting")
    ]
    assert "Northeast Asia Expo" in visit["description"]


def test_expo_dates_are_unknown(registry: TestClient) -> None:
    expo = get(registry, "/v1/events/northeast-asia-expo-2023")
    assert expo["start"] is None
    assert expo["end"] is None
    assert expo["classification"] == "expo"
    assert expo["status"] is None  # the article does not say whether it has taken place


def test_afternoon_of_august_23_hall_then_meeting(registry: TestClient) -> None:
    visit = get(registry, f"/v1/events/{VISIT}")
    assert [c["id"] for c in visit["children"]] == [HALL_VISIT, MEETING]
    for event_id, venue in ((HALL_VISIT, "changchun-planning-exhibition-hall"), (MEETING, CCFAO)):
        event = get(registry, f"/v1/events/{event_id}")
        assert event["start"]["value"] == "2023-08-23"
        assert event["time_of_day"] == "afternoon"
        assert event["venue"]["id"] == venue
        assert (CCFAO, "arranger") in roles(event, "organizations")
        assert (DIVISION, "present") in roles(event, "organizations")
    assert get(registry, f"/v1/events/{HALL_VISIT}")["sequence"] == 1
    assert get(registry, f"/v1/events/{MEETING}")["sequence"] == 2


def test_exactly_four_cooperation_areas_at_the_meeting(registry: TestClient) -> None:
    meeting = get(registry, f"/v1/events/{MEETING}")
    assert {a["name"] for a in meeting["cooperation_areas"]} == {
        "Industrial cooperation",
        "Overseas business expansion of enterprises",
        "Cross-border investments",
        "Import-export products",
    }
    areas = get(registry, f"/v1/cooperation-areas?event={MEETING}")
    assert areas["total"] == 4


def test_presentations_by_six_enterprises_and_their_topics(registry: TestClient) -> None:
    meeting = get(registry, f"/v1/events/{MEETING}")
    presenters = {o for o, role in roles(meeting, "organizations") if role == "presenter"}
    assert presenters == {
        "imperial-valley-edc",
        "fusheng-real-estate-investment-and-property-management-corporation",
        "cpi-consulting-corporation",
        "cadena-industrial-development-group",
        "efe-consulting-group",
        "base-bank",
    }
    assert [t["topic"] for t in meeting["topics"]] == [
        "Business scopes",
        "Product services",
        "Overseas investments",
    ]


def test_ou_shuo_deputy_director_welcomed_and_gave_overview(registry: TestClient) -> None:
    ou = get(registry, "/v1/delegates/ou-shuo")
    titles = {
        (p["title"], (p["organization"] or {}).get("id"), (p["date"] or {}).get("value"))
        for p in ou["positions"]
    }
    assert ("Deputy Director", CCFAO, "2023-08-23") in titles
    [part] = [e for e in ou["events"] if e["event"]["id"] == MEETING]
    assert part["role"] == "host"
    assert part["side"] == "host"
    for phrase in ("Welcomed the delegation", "overview of Changchun", "Little Rock", "Tijuana"):
        assert phrase in part["activity"]


def test_chia_hsi_chu_president_of_the_mexico_chapter(registry: TestClient) -> None:
    chu = get(registry, "/v1/delegates/chia-hsi-chu")
    [position] = chu["positions"]
    assert position["date"]["value"] == "2023-08-22"
    assert position["title"] == "President"
    chapter = get(registry, f"/v1/organizations/{position['organization']['id']}")
    assert chapter["name"] == (
        "Mexico Chapter of the Northeast China Chamber of Commerce in the United States"
    )
    assert chapter["parent"]["id"] == "northeast-china-chamber-of-commerce-us"
    parts = {(e["event"]["id"], e["role"], e["side"]) for e in chu["events"]}
    assert parts == {
        (VISIT, "accompanying", "visiting"),
        (MEETING, "speaker", "visiting"),
        (PLAN, "proponent", None),  # the article gives no side for a hope
    }


def test_timothy_kelly_president_and_ceo_of_imperial_valley_edc(registry: TestClient) -> None:
    kelly = get(registry, "/v1/delegates/timothy-kelly")
    assert [(p["title"], p["organization"]["name"]) for p in kelly["positions"]] == [
        ("President and CEO", "Imperial Valley EDC")
    ]
    assert {(e["event"]["id"], e["role"]) for e in kelly["events"]} == {(VISIT, "accompanying")}
    assert [d["role"] for d in kelly["delegations"]] == ["accompanying"]


def test_hoped_for_tijuana_visit_in_the_latter_half_of_2024(registry: TestClient) -> None:
    plan = get(registry, f"/v1/events/{PLAN}")
    assert plan["status"] == "tentative"  # a hope to facilitate it, not a schedule
    assert plan["start"] == {
        "value": "2024-H2",
        "precision": "half",
        "earliest": "2024-07-01",
        "latest": "2024-12-31",
    }
    assert plan["place"]["id"] == "changchun"
    assert [d["delegation"]["id"] for d in plan["delegations"]] == [
        "tijuana-government-officials-delegation-2024"
    ]
    delegation = get(registry, "/v1/delegations/tijuana-government-officials-delegation-2024")
    assert [o["id"] for o in delegation["origins"]] == ["tijuana"]
    assert [o["id"] for o in delegation["destinations"]] == ["changchun"]
    assert delegation["members"] == []  # no member is named


def test_joint_delegation_origins(registry: TestClient) -> None:
    delegation = get(registry, "/v1/delegations/california-baja-california-joint-delegation-2023")
    assert {o["id"] for o in delegation["origins"]} == {"california", "baja-california"}
    assert {(m["person"]["id"], m["role"]) for m in delegation["members"]} == {
        ("chia-hsi-chu", "accompanying"),
        ("timothy-kelly", "accompanying"),
    }


def test_places_and_friendship_cities(registry: TestClient) -> None:
    changchun = get(registry, "/v1/places/changchun")
    friends = {f["place"]["id"] for f in changchun["friendship_cities"]}
    assert {"little-rock", "tijuana"} <= friends
    assert get(registry, "/v1/places/little-rock")["country"]["id"] == "united-states"
    tijuana = get(registry, "/v1/places/tijuana")
    assert tijuana["country"]["id"] == "mexico"
    # "Tijuana, Mexico": the article names no state; the city's profile page does
    assert tijuana["parent"]["id"] == "baja-california"
    assert get(registry, "/v1/places/california")["parent"]["id"] == "united-states"
    assert get(registry, "/v1/places/baja-california")["parent"]["id"] == "mexico"


def cited_by_seed(registry: TestClient, kind: str) -> set[str]:
    records = get(registry, f"/v1/sources/{SOURCE}")["records"]
    return {r["id"] for r in records if r["kind"] == kind}


def test_organizations_named_in_the_article(registry: TestClient) -> None:
    assert len(cited_by_seed(registry, "organization")) == 12
    division = get(registry, f"/v1/organizations/{DIVISION}")
    assert division["parent"]["id"] == CCFAO
    assert division["classification"] == "division"
    fusheng = get(
        registry,
        "/v1/organizations/fusheng-real-estate-investment-and-property-management-corporation",
    )
    assert fusheng["place"]["id"] == "california"
    assert fusheng["country"]["id"] == "united-states"
    assert get(registry, "/v1/organizations/base-bank")["classification"] == "bank"
    assert get(registry, f"/v1/organizations/{COMMITTEE}")["country"] is None
    # "EDC" is not expanded: the article never says what kind of body it is
    assert get(registry, "/v1/organizations/imperial-valley-edc")["classification"] is None


def test_no_place_the_article_does_not_name(registry: TestClient) -> None:
    assert cited_by_seed(registry, "place") == {
        "united-states",
        "mexico",
        "california",
        "baja-california",
        "changchun",
        "little-rock",
        "tijuana",
    }
    assert get(registry, "/v1/places/changchun")["kind"] == "city"  # a "friendly city"
    assert get(registry, "/v1/places/california")["kind"] is None  # never called a state


def test_exactly_three_named_people(registry: TestClient) -> None:
    assert cited_by_seed(registry, "delegate") == {"chia-hsi-chu", "timothy-kelly", "ou-shuo"}


def test_every_record_cites_the_source(registry: TestClient) -> None:
    source = get(registry, f"/v1/sources/{SOURCE}")
    cited = {(r["kind"], r["id"]) for r in source["records"]}
    for resource, kind in (
        ("events", "event"),
        ("delegates", "delegate"),
        ("organizations", "organization"),
        ("places", "place"),
        ("delegations", "delegation"),
        ("cooperation-areas", "cooperation-area"),
    ):
        for record_kind, record_id in cited:
            if record_kind != kind:
                continue
            detail = get(registry, f"/v1/{resource}/{record_id}")
            mine = [s for s in detail["sources"] if s["source"]["id"] == SOURCE]
            assert mine, (resource, record_id)
            assert all(0 <= s["paragraph"] <= 4 for s in mine)
