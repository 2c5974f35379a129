"""Details whose lists grow with the registry: each lists its first 50, in its order, with
`<list>_total`, and a sub-collection pages through all of them in the same order.

The registry here is crafted (one place, organization and cooperation area that 60 of
everything link to), so that each such list has more than 50 entries; the expected lists are
worked out from the crafted records, not from the API."""

from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import parse_qsl

import pytest
import yaml
from fastapi.testclient import TestClient

from app.domain.dates import parse_partial_date
from app.domain.text import fold
from app.main import create_app
from app.settings import Settings
from app.store.models.common import FIRST_LINKED
from tests.conftest import own_postgresql

N = 60  # more than FIRST_LINKED of each
# Names that sort differently folded (by list order) and as written (by detail order), with
# repeats so that names tie and ids decide.
WORDS = ["Ábaco", "abeto", "Zeta", "zorro", "Éclair", "eco", "Ñandú", "nube", "Ögon", "oso"]
SOURCE = "hub-news"


def cite(paragraph: int = 1) -> list[dict[str, Any]]:
    return [{"source": SOURCE, "paragraph": paragraph}]


def name(i: int, kind: str) -> str:
    return f"{WORDS[(i * 7) % len(WORDS)]} {kind} {i % 13}"


def date(i: int) -> str | None:
    """Mixed precisions, and some unknown."""
    if i % 9 == 0:
        return None
    return [f"20{10 + i % 12}", f"20{10 + i % 12}-0{1 + i % 9}", f"2019-H{1 + i % 2}"][i % 3]


def crafted() -> dict[str, Any]:
    places = [{"id": "hub", "name": "Hub", "kind": "country", "sources": cite()}] + [
        {
            "id": f"town-{i}",
            "name": name(i, "town"),
            "kind": "city",
            "parent": "hub",
            "country": "hub",
            "sources": cite(),
        }
        for i in range(N)
    ]
    organizations = [{"id": "hub-org", "name": "Hub Office", "place": "hub", "sources": cite()}]
    for i in range(N):
        branch = {"id": f"branch-{i}", "name": name(i, "branch"), "parent": "hub-org"}
        # located in the hub, or of the hub's country, or both (listed once)
        branch |= {"place": "hub"} if i % 2 else {"country": "hub"}
        if i == 0:
            branch["place"] = "hub"
        organizations.append({**branch, "sources": cite()})
    # linked to none of them
    organizations.append(
        {"id": "outsider", "name": "Abaco outsider", "place": "town-0", "sources": cite()}
    )
    people = []
    for i in range(N):
        titles: list[dict[str, Any]] = [
            {"title": "Adviser", "organization": "hub-org", "sources": cite()}
        ]
        if date(i):
            titles[0]["date"] = date(i)
        if i % 20 == 0:  # two titles in the same organization: two entries
            titles.append({"title": "Director", "organization": "hub-org", "sources": cite(2)})
        people.append(
            {"id": f"person-{i}", "name": name(i, "person"), "positions": titles, "sources": cite()}
        )
    delegations = [
        {
            "id": f"delegation-{i}",
            "name": name(i, "delegation"),
            "origins": ["hub"],
            "destinations": ["hub"],
            "members": [{"person": f"person-{i}", "role": "member", "sources": cite()}],
            "sources": cite(),
        }
        for i in range(N)
    ]
    events = []
    for i in range(N):
        taking_part = [
            {"organization": "hub-org", "role": "presenter", "sources": cite()},
            {"organization": f"branch-{i}", "role": "presenter", "sources": cite()},
        ]
        if i % 10 == 0:  # two roles at one event: two entries
            taking_part.append(
                {"organization": "hub-org", "role": "host", "side": "host", "sources": cite()}
            )
        event: dict[str, Any] = {
            "id": f"meeting-{i}",
            "name": name(i, "meeting"),
            "classification": "meeting",
            "place": "hub",
            "organizations": taking_part,
            "cooperation_areas": [{"area": "area-hub", "sources": cite()}],
            "sources": cite(),
        }
        if date(i):
            event["start"] = date(i)
        events.append(event)
    return {
        "sources": [{"id": SOURCE, "title": "Everything links to the hub"}],
        "places": places,
        "organizations": organizations,
        "people": people,
        "delegations": delegations,
        "cooperation_areas": [{"id": "area-hub", "name": "Hub matters", "sources": cite()}],
        "events": events,
    }


@pytest.fixture(scope="module")
def data() -> dict[str, Any]:
    return crafted()


@pytest.fixture(scope="module")
def hub_database() -> Iterator[dict[str, str]]:
    yield from own_postgresql()


@pytest.fixture(scope="module")
def hub(
    tmp_path_factory: pytest.TempPathFactory, data: dict[str, Any], hub_database: dict[str, str]
) -> Iterator[TestClient]:
    folder = tmp_path_factory.mktemp("hub")
    (folder / "hub.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    settings = Settings(data_dir=folder, **hub_database)  # type: ignore[arg-type]
    with TestClient(create_app(settings)) as client:
        yield client


def by_name(records: list[dict[str, Any]]) -> list[str]:
    """Ids in a list's default order: folded name, then id."""
    return [r["id"] for r in sorted(records, key=lambda r: (fold(r["name"]), r["id"]))]


def earliest(text: str | None) -> str:
    return parse_partial_date(text).earliest.isoformat() if text else ""


def titles_held(data: dict[str, Any]) -> list[tuple[str, str]]:
    """(person, title) held in hub-org, by date (undated first), then the fixture's order."""
    held = [
        (earliest(t.get("date")), row, p["id"], t["title"])
        for row, (p, t) in enumerate((p, t) for p in data["people"] for t in p["positions"])
    ]
    return [(person, title) for *_, person, title in sorted(held)]


def parts_played(data: dict[str, Any]) -> list[tuple[str, str]]:
    """(event, role) of hub-org, by the event's earliest start (unknown first), name, id."""
    parts = [
        (earliest(e.get("start")), fold(e["name"]), e["id"], o["role"])
        for e in data["events"]
        for o in e["organizations"]
        if o["organization"] == "hub-org"
    ]
    return [(event, role) for _, _, event, role in sorted(parts)]


def area_entries(data: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(organization, event, role) at the area's events, by organization name as written,
    then event name, then role."""
    names = {o["id"]: o["name"] for o in data["organizations"]}
    entries = [
        (names[o["organization"]], o["organization"], e["name"], e["id"], o["role"])
        for e in data["events"]
        for o in e["organizations"]
    ]
    return [(org, event, role) for _, org, _, event, role in sorted(entries)]


Key = Callable[[dict[str, Any]], Any]


def record_id(item: dict[str, Any]) -> Any:
    return item["id"]


# (detail, list, sub-collection, how an item is keyed, the expected keys in order)
CAPPED: list[tuple[str, str, str, Key, Callable[[dict[str, Any]], list[Any]]]] = [
    (
        "/v1/places/hub",
        "children",
        "/v1/places/hub/places",
        record_id,
        lambda d: by_name([p for p in d["places"] if p.get("parent") == "hub"]),
    ),
    (
        "/v1/places/hub",
        "events",
        "/v1/places/hub/events",
        record_id,
        lambda d: by_name(d["events"]),
    ),
    (
        "/v1/places/hub",
        "organizations",
        "/v1/places/hub/organizations",
        record_id,
        lambda d: by_name(
            [o for o in d["organizations"] if "hub" in (o.get("place"), o.get("country"))]
        ),
    ),
    (
        "/v1/places/hub",
        "delegations_from",
        "/v1/places/hub/delegations-from",
        record_id,
        lambda d: by_name(d["delegations"]),
    ),
    (
        "/v1/places/hub",
        "delegations_to",
        "/v1/places/hub/delegations-to",
        record_id,
        lambda d: by_name(d["delegations"]),
    ),
    (
        "/v1/organizations/hub-org",
        "children",
        "/v1/organizations/hub-org/organizations",
        record_id,
        lambda d: by_name([o for o in d["organizations"] if o.get("parent") == "hub-org"]),
    ),
    (
        "/v1/organizations/hub-org",
        "people",
        "/v1/organizations/hub-org/positions",
        lambda p: (p["person"]["id"], p["title"]),
        titles_held,
    ),
    (
        "/v1/organizations/hub-org",
        "events",
        "/v1/organizations/hub-org/participations",
        lambda e: (e["event"]["id"], e["role"]),
        parts_played,
    ),
    (
        "/v1/cooperation-areas/area-hub",
        "events",
        "/v1/cooperation-areas/area-hub/events",
        record_id,
        lambda d: by_name(d["events"]),
    ),
    (
        "/v1/cooperation-areas/area-hub",
        "organizations",
        "/v1/cooperation-areas/area-hub/participations",
        lambda a: (a["organization"]["id"], a["event"]["id"], a["role"]),
        area_entries,
    ),
]


def walk(client: TestClient, url: str, **query: str) -> tuple[list[Any], int]:
    """Every item of a list, 7 at a time, and the total each page gives."""
    path, _, given = url.partition("?")
    params = dict(parse_qsl(given)) | query | {"limit": "7"}
    items: list[Any] = []
    totals = set()
    while True:
        page = client.get(path, params=params)
        assert page.status_code == 200, page.text
        body = page.json()
        items += body["items"]
        totals.add(body["total"])
        if body["next_cursor"] is None:
            break
        params["cursor"] = body["next_cursor"]
    assert len(totals) == 1
    return items, totals.pop()


@pytest.mark.parametrize(
    ("detail", "field", "sub", "key", "expected"),
    CAPPED,
    ids=[f"{detail.split('/')[2]}-{field}" for detail, field, *_ in CAPPED],
)
def test_a_detail_lists_the_first_and_the_sub_collection_all(
    hub: TestClient,
    data: dict[str, Any],
    detail: str,
    field: str,
    sub: str,
    key: Key,
    expected: Callable[[dict[str, Any]], list[Any]],
) -> None:
    everything = expected(data)
    assert len(everything) > FIRST_LINKED
    record = hub.get(detail).json()
    assert [key(item) for item in record[field]] == everything[:FIRST_LINKED]
    assert record[f"{field}_total"] == len(everything)
    items, total = walk(hub, sub)
    assert [key(item) for item in items] == everything
    assert total == len(everything)
    if not isinstance(everything[0], str):  # entries of the list itself, not records
        assert items[:FIRST_LINKED] == record[field]


@pytest.mark.parametrize(
    ("sub", "sort"),
    [
        ("/v1/organizations/hub-org/positions", "-date"),
        ("/v1/organizations/hub-org/participations", "-start"),
        ("/v1/cooperation-areas/area-hub/participations", "-name"),
    ],
)
def test_an_entry_list_descends_and_searches(hub: TestClient, sub: str, sort: str) -> None:
    ascending, _ = walk(hub, sub)
    descending, _ = walk(hub, sub, sort=sort)
    assert descending == ascending[::-1]
    exported = hub.get(sub, params={"format": "csv"})
    assert exported.status_code == 200
    assert exported.text.count("\r\n") == len(ascending) + 1
    assert hub.get(sub.replace("hub", "nowhere", 1)).status_code == 404


def test_entry_lists_search_the_record_they_link(hub: TestClient) -> None:
    people = hub.get("/v1/organizations/hub-org/positions?q=person 7&limit=100").json()
    assert {p["person"]["id"] for p in people["items"]} == {
        f"person-{i}" for i in range(N) if i % 13 == 7
    }
    parts = hub.get("/v1/organizations/hub-org/participations?q=meeting 12&limit=100").json()
    assert {p["event"]["id"] for p in parts["items"]} == {
        f"meeting-{i}" for i in range(N) if i % 13 == 12
    }
    area = hub.get("/v1/cooperation-areas/area-hub/participations?q=hub office&limit=100").json()
    assert {a["organization"]["id"] for a in area["items"]} == {"hub-org"}
    assert area["total"] == N + N // 10


def test_a_places_organizations_are_located_there_or_of_its_country(hub: TestClient) -> None:
    def listed(url: str) -> set[str]:
        return {item["id"] for item in walk(hub, url)[0]}

    located = listed("/v1/organizations?place=hub")
    of_country = listed("/v1/organizations?country=hub")
    assert located
    assert of_country
    assert located & of_country  # branch-0 is both
    assert located != of_country
    assert listed("/v1/places/hub/organizations") == located | of_country
    # its filters still apply, and its facets count what they link to
    body = hub.get("/v1/places/hub/organizations?facets=country&limit=1").json()
    [counted] = [value for value in body["facets"]["country"] if value["value"] == "hub"]
    assert hub.get(counted["href"]).json()["total"] == counted["count"] == len(of_country)


def test_every_total_says_where_its_list_is_paged(openapi: dict[str, Any]) -> None:
    """Each `<list>_total` of a detail names a sub-collection that the document has."""
    schemas = openapi["components"]["schemas"]
    named = 0
    for schema in schemas.values():
        for field, spec in schema.get("properties", {}).items():
            if not field.endswith("_total"):
                continue
            assert field.removesuffix("_total") in schema["properties"], field
            assert spec["type"] == "integer"
            paths = [
                word.strip("`(),.;")
                for word in spec["description"].split()
                if word.startswith("`/v1/")
            ]
            assert paths, (field, spec["description"])
            assert all(path in openapi["paths"] for path in paths), paths
            named += 1
    assert named == 11  # source records, 2 of an area, 5 of a place, 3 of an organization
