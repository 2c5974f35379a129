"""Lists through HTTP: filters, sorts, search, and complete, stable paging."""

import json
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from tests.conftest import ids

MEETING = "changchun-mfao-discussion-and-negotiation-meeting-2023-08-23"
VISIT = "california-baja-california-delegation-changchun-visit-2023"
CCFAO = "changchun-municipal-foreign-affairs-office"

LISTS = [
    "/v1/delegates",
    "/v1/organizations",
    "/v1/cooperation-areas",
    "/v1/events",
    "/v1/places",
    "/v1/delegations",
    "/v1/sources",
    "/v1/search?q=a",
    "/v1/organizations/imperial-valley-edc/delegates",
    "/v1/organizations/changchun-municipal-foreign-affairs-office/events",
    f"/v1/events/{MEETING}/participants",
    f"/v1/events/{MEETING}/delegates",
    f"/v1/events/{VISIT}/events",
    "/v1/places/changchun/events",
    "/v1/places/changchun/organizations",
    "/v1/cooperation-areas/cross-border-investments/organizations",
    "/v1/delegations/california-baja-california-joint-delegation-2023/members",
    "/v1/cooperation-areas/cross-border-investments/events",
    "/v1/places/united-states/places",
    "/v1/places/california/delegations-from",
    "/v1/places/changchun/delegations-to",
    "/v1/organizations/northeast-china-chamber-of-commerce-us/organizations",
]


def names(client: TestClient, url: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200, response.text
    return [item["name"] for item in response.json()["items"]]


def item_ids(client: TestClient, url: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()["items"]]


@pytest.mark.parametrize("url", LISTS)
def test_paging_one_by_one_yields_each_item_once(client: TestClient, url: str) -> None:
    whole = client.get(url + ("&" if "?" in url else "?") + "limit=100").json()
    assert whole["next_cursor"] is None
    keys = [(i.get("kind"), i["id"], i.get("role")) for i in whole["items"]]
    assert len(set(keys)) == len(keys) == whole["total"] > 0
    pages: list[Any] = []
    page_url = url + ("&" if "?" in url else "?") + "limit=1"
    body = client.get(page_url).json()
    pages.extend(body["items"])
    while body["next_cursor"]:
        response = client.get(f"{page_url}&cursor={body['next_cursor']}")
        body = response.json()
        assert body["total"] == whole["total"]
        pages.extend(body["items"])
    assert [(i.get("kind"), i["id"], i.get("role")) for i in pages] == keys


@pytest.mark.parametrize("url", LISTS)
def test_link_header_points_to_the_next_page(client: TestClient, url: str) -> None:
    response = client.get(url + ("&" if "?" in url else "?") + "limit=1")
    body = response.json()
    if body["total"] > 1:
        link = response.headers["link"]
        assert link.endswith('>; rel="next"')
        assert f"cursor={body['next_cursor']}" in link
        follow = client.get(link[1 : link.index(">")])
        assert follow.status_code == 200
        assert follow.json()["items"] != body["items"]
    else:
        assert "link" not in response.headers


def test_envelope(client: TestClient) -> None:
    body = client.get("/v1/organizations?limit=5").json()
    assert set(body) == {"items", "total", "next_cursor"}
    assert body["total"] == 12
    assert len(body["items"]) == 5
    assert all({"id", "name"} <= set(item) for item in body["items"])


def test_default_limit_is_twenty(client: TestClient) -> None:
    body = client.get("/v1/search?q=e").json()
    assert body["total"] > 20
    assert len(body["items"]) == 20


def test_sort_by_name_and_descending(client: TestClient) -> None:
    ascending = names(client, "/v1/organizations?limit=100")
    assert ascending == sorted(ascending, key=str.casefold)
    assert names(client, "/v1/organizations?limit=100&sort=-name") == ascending[::-1]
    by_id = item_ids(client, "/v1/places?sort=id&limit=100")
    assert by_id == sorted(by_id)
    assert item_ids(client, "/v1/places?sort=-id&limit=100") == by_id[::-1]


def test_sort_events_by_start_puts_unknown_dates_last(client: TestClient) -> None:
    assert item_ids(client, "/v1/events?sort=start") == [
        VISIT,
        "changchun-planning-exhibition-hall-visit-2023-08-23",
        MEETING,
        "tijuana-government-officials-visit-to-changchun-2024",
        "northeast-asia-expo-2023",
    ]
    assert item_ids(client, "/v1/events?sort=-start")[0] == "northeast-asia-expo-2023"


def test_sort_places_by_kind_and_organizations_by_classification(client: TestClient) -> None:
    # an unknown kind or classification (null) sorts as the empty string: first, or last
    # when descending, on every database
    kinds = [p["kind"] or "" for p in client.get("/v1/places?sort=kind").json()["items"]]
    assert kinds == sorted(kinds)
    body = client.get("/v1/organizations?sort=-classification&limit=100").json()
    classes = [o["classification"] or "" for o in body["items"]]
    assert classes == sorted(classes, reverse=True)


def test_paging_under_ties_with_descending_sort(client: TestClient) -> None:
    paged = ids(client, "/v1/organizations?sort=-classification&limit=1")
    assert len(paged) == len(set(paged)) == 12


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/v1/delegates?q=kelly", ["timothy-kelly"]),
        ("/v1/delegates?q=KÉLLY", ["timothy-kelly"]),
        ("/v1/delegates?q=president", ["chia-hsi-chu", "timothy-kelly"]),
        ("/v1/places?q=baja", ["baja-california"]),
        ("/v1/places?q=usa", ["united-states"]),
        (
            "/v1/organizations?q=oceanian",
            ["changchun-mfao-division-of-american-and-oceanian-affairs"],
        ),
        ("/v1/cooperation-areas?q=INVEST", ["cross-border-investments"]),
        ("/v1/events?q=tijuana", ["tijuana-government-officials-visit-to-changchun-2024"]),
        ("/v1/delegations?q=tijuana", ["tijuana-government-officials-delegation-2024"]),
        ("/v1/sources?q=joint", ["ccfao-2023-08-28-california-baja-california-delegation"]),
        ("/v1/delegates?q=100%25", []),
        ("/v1/delegates?q=_", []),
    ],
)
def test_search_within_a_list(client: TestClient, url: str, expected: list[str]) -> None:
    assert item_ids(client, url) == expected


def test_search_across_kinds(client: TestClient) -> None:
    body = client.get("/v1/search?q=baja&limit=100").json()
    hits = {(h["kind"], h["id"]) for h in body["items"]}
    assert ("place", "baja-california") in hits
    assert ("delegation", "california-baja-california-joint-delegation-2023") in hits
    place = next(h for h in body["items"] if h["id"] == "baja-california")
    assert {"field": "other_names", "text": "Mexican Baja California"} in place["matches"]
    kelly = client.get("/v1/search?q=ceo").json()["items"]
    assert [(h["kind"], h["id"]) for h in kelly] == [("delegate", "timothy-kelly")]
    assert kelly[0]["matches"] == [{"field": "positions.title", "text": "President and CEO"}]
    only = client.get("/v1/search?q=changchun&kind=place").json()["items"]
    assert [h["id"] for h in only] == ["changchun"]


def test_accent_folding_both_ways(client: TestClient) -> None:
    assert item_ids(client, "/v1/search?q=Chàngchün&kind=place") == ["changchun"]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/v1/delegates?side=host", ["ou-shuo"]),
        ("/v1/delegates?side=visiting", ["chia-hsi-chu", "timothy-kelly"]),
        (f"/v1/delegates?event={VISIT}&side=host", []),
        (f"/v1/delegates?event={MEETING}&side=visiting", ["chia-hsi-chu"]),
        ("/v1/events?year=2024", ["tijuana-government-officials-visit-to-changchun-2024"]),
        ("/v1/events?origin=tijuana", ["tijuana-government-officials-visit-to-changchun-2024"]),
        ("/v1/delegates?organization=imperial-valley-edc", ["timothy-kelly"]),
        (f"/v1/delegates?event={MEETING}", ["chia-hsi-chu", "ou-shuo"]),
        ("/v1/delegates?role=accompanying", ["chia-hsi-chu", "timothy-kelly"]),
        (f"/v1/delegates?event={MEETING}&role=host", ["ou-shuo"]),
        (f"/v1/delegates?event={VISIT}&role=host", []),
        (
            "/v1/delegates?delegation=california-baja-california-joint-delegation-2023",
            ["chia-hsi-chu", "timothy-kelly"],
        ),
        ("/v1/organizations?classification=bank", ["base-bank"]),
        (
            "/v1/organizations?place=changchun",
            [
                "changchun-municipal-foreign-affairs-office",
                "changchun-planning-exhibition-hall",
                "changchun-mfao-division-of-american-and-oceanian-affairs",
            ],
        ),
        (
            f"/v1/organizations?parent={CCFAO}",
            ["changchun-mfao-division-of-american-and-oceanian-affairs"],
        ),
        (
            "/v1/organizations?place=california",
            ["fusheng-real-estate-investment-and-property-management-corporation"],
        ),
        (f"/v1/organizations?event={VISIT}", ["northeast-asia-expo-organizing-committee"]),
        (f"/v1/organizations?event={MEETING}&role=host", [CCFAO]),
        ("/v1/organizations?role=inviter", ["northeast-asia-expo-organizing-committee"]),
        (f"/v1/cooperation-areas?event={VISIT}", []),
        ("/v1/events?status=tentative", ["tijuana-government-officials-visit-to-changchun-2024"]),
        ("/v1/events?classification=expo", ["northeast-asia-expo-2023"]),
        (
            f"/v1/events?parent={VISIT}",
            [MEETING, "changchun-planning-exhibition-hall-visit-2023-08-23"],
        ),
        (
            "/v1/events?place=changchun&status=passed&sort=start",
            [VISIT, "changchun-planning-exhibition-hall-visit-2023-08-23", MEETING],
        ),
        (
            "/v1/events?delegation=tijuana-government-officials-delegation-2024",
            ["tijuana-government-officials-visit-to-changchun-2024"],
        ),
        ("/v1/events?cooperation_area=industrial-cooperation", [MEETING]),
        ("/v1/events?delegate=timothy-kelly", [VISIT]),
        ("/v1/events?organization=base-bank", [MEETING]),
        ("/v1/events?from=2024", ["tijuana-government-officials-visit-to-changchun-2024"]),
        (
            "/v1/events?from=2024-10&to=2024-10",
            ["tijuana-government-officials-visit-to-changchun-2024"],
        ),
        ("/v1/events?from=2024-01-01&to=2024-Q2", []),
        ("/v1/events?to=2023-08-22", [VISIT]),
        # The visit's end is unknown: only its start day is known to lie in a window.
        (
            "/v1/events?from=2023-08-23&to=2023-08-23",
            [MEETING, "changchun-planning-exhibition-hall-visit-2023-08-23"],
        ),
        ("/v1/places?kind=city&sort=id", ["changchun", "little-rock", "tijuana"]),
        ("/v1/places?country=mexico", ["baja-california", "tijuana"]),
        (
            "/v1/delegations?destination=changchun&sort=id",
            [
                "california-baja-california-joint-delegation-2023",
                "tijuana-government-officials-delegation-2024",
            ],
        ),
        ("/v1/places?parent=united-states", ["california"]),
        ("/v1/places?friendship_city=changchun", ["little-rock", "tijuana"]),
        ("/v1/places?friendship_city=tijuana", ["changchun"]),
        ("/v1/delegations?origin=california", ["california-baja-california-joint-delegation-2023"]),
        (f"/v1/delegations?event={MEETING}", ["california-baja-california-joint-delegation-2023"]),
        (
            "/v1/delegations?member=timothy-kelly",
            ["california-baja-california-joint-delegation-2023"],
        ),
        ("/v1/delegates?organization=no-such-organization", []),
    ],
)
def test_filters(client: TestClient, url: str, expected: list[str]) -> None:
    assert item_ids(client, url + ("&" if "?" in url else "?") + "limit=100") == expected


def test_sub_collections(client: TestClient) -> None:
    participants = client.get(f"/v1/events/{MEETING}/participants?limit=100").json()
    assert participants["total"] == 11
    ou = next(p for p in participants["items"] if p["id"] == "ou-shuo")
    assert ou == {
        "kind": "delegate",
        "id": "ou-shuo",
        "name": "Ou Shuo",
        "role": "host",
        "side": "host",
        "activity": ou["activity"],
    }
    assert "Welcomed the delegation" in ou["activity"]
    kinds = {(p["kind"], p["id"], p["role"]) for p in participants["items"]}
    assert ("organization", CCFAO, "host") in kinds
    assert ("organization", CCFAO, "arranger") in kinds
    assert item_ids(client, f"/v1/events/{MEETING}/participants?q=bank") == ["base-bank"]
    assert item_ids(client, f"/v1/events/{MEETING}/participants?q=shuo") == ["ou-shuo"]
    orgs = item_ids(client, "/v1/cooperation-areas/industrial-cooperation/organizations?limit=100")
    assert len(orgs) == 8  # CCFAO, its division, six presenters
    assert item_ids(client, "/v1/places/changchun/events?status=tentative") == [
        "tijuana-government-officials-visit-to-changchun-2024"
    ]


def test_delegates_list_items_agree_with_their_details(registry: TestClient) -> None:
    """A delegates list sends each person as rendered at load (person.listed); every item
    must be what the person's detail, read from the tables per request, says: the same
    name, other names and latest title."""
    items = registry.get("/v1/delegates?limit=100").json()["items"]
    assert len(items) > 20
    with_titles = 0
    for item in items:
        detail = registry.get(f"/v1/delegates/{item['id']}").json()
        assert item == {key: detail[key] for key in ("id", "name", "other_names", "position")}
        with_titles += item["position"] is not None
    assert with_titles > 10


def test_events_list_items_agree_with_their_tables(registry: TestClient) -> None:
    """Events lists (and details) send each event as rendered at load (event.listed); every
    item must say what the event table and its linked records' names say."""
    engine = registry.app.state.database.engine  # type: ignore[attr-defined]
    with engine.connect() as connection:
        rows = {
            row.id: row
            for row in connection.execute(
                text(
                    "SELECT e.*, p.name AS parent_name, pl.name AS place_name,"
                    " o.name AS venue_name FROM event e"
                    " LEFT JOIN event p ON p.id = e.parent_id"
                    " LEFT JOIN place pl ON pl.id = e.place_id"
                    " LEFT JOIN organization o ON o.id = e.venue_id"
                )
            )
        }

    def summary(record_id: str | None, name: str | None) -> dict[str, str] | None:
        return None if record_id is None else {"id": record_id, "name": name or ""}

    def date(row: Any, part: str) -> dict[str, Any] | None:
        value = getattr(row, part)
        if value is None:
            return None
        return {
            "value": value,
            "precision": getattr(row, f"{part}_precision"),
            "earliest": getattr(row, f"{part}_earliest"),
            "latest": getattr(row, f"{part}_latest"),
        }

    items = registry.get("/v1/events?limit=100").json()["items"]
    assert len(items) > 20
    linked = 0
    for item in items:
        row = rows[item["id"]]
        assert item == {
            "id": row.id,
            "name": row.name,
            "classification": row.classification,
            "status": row.status,
            "parent": summary(row.parent_id, row.parent_name),
            "sequence": row.sequence,
            "start": date(row, "start"),
            "end": date(row, "end"),
            "time_of_day": row.time_of_day,
            "place": summary(row.place_id, row.place_name),
            "venue": summary(row.venue_id, row.venue_name),
            "description": row.description,
        }
        linked += item["parent"] is not None and item["venue"] is not None
    assert linked > 2


@pytest.mark.parametrize(
    ("route", "table", "own", "links"),
    [
        (
            "organizations",
            "organization",
            "classification",
            {"parent": "organization", "country": "place", "place": "place"},
        ),
        ("places", "place", "kind", {"parent": "place", "country": "place"}),
    ],
)
def test_organization_and_place_items_agree_with_their_tables(
    registry: TestClient, route: str, table: str, own: str, links: dict[str, str]
) -> None:
    """Organizations and places lists send each record as rendered at load (`listed`); every
    item must say what its table, and its linked records' names, say."""
    engine = registry.app.state.database.engine  # type: ignore[attr-defined]
    with engine.connect() as connection:
        rows = {row.id: row for row in connection.execute(text(f"SELECT * FROM {table}"))}
        names = {
            target: dict(connection.execute(text(f"SELECT id, name FROM {target}")).all())
            for target in set(links.values())
        }
    items = registry.get(f"/v1/{route}?limit=100").json()["items"]
    assert len(items) > 20
    linked = 0
    for item in items:
        row = rows[item["id"]]
        other_names = row.other_names if isinstance(row.other_names, list) else None
        expected: dict[str, Any] = {
            "id": row.id,
            "name": row.name,
            "other_names": other_names if other_names is not None else json.loads(row.other_names),
            own: getattr(row, own),
        }
        for key, target in links.items():
            linked_id = getattr(row, f"{key}_id")
            expected[key] = (
                None if linked_id is None else {"id": linked_id, "name": names[target][linked_id]}
            )
        assert item == expected
        linked += any(item[key] is not None for key in links)
    assert linked > 5
