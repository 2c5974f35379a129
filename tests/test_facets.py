"""Facets of whole lists are counted without narrowing to the list's ids (every link row's
owner is a record of the table) and kept once per database: they must equal the facets
counted the general way, over the list's ids, for every list, facet and fellow filter."""

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from app.queries import (
    cooperation_areas,
    delegates,
    delegations,
    events,
    filters,
    organizations,
    places,
    sources,
)
from app.queries.filters import _counted, facet_counts, narrow, own_filters
from app.store.models import (
    CooperationArea,
    Delegation,
    Event,
    Organization,
    Person,
    Place,
    Source,
)

LISTS: list[tuple[Any, Any]] = [
    (Person, delegates.FILTERS),
    (Organization, organizations.FILTERS),
    (Event, events.FILTERS),
    (Place, places.FILTERS),
    (Delegation, delegations.FILTERS),
    (CooperationArea, cooperation_areas.FILTERS),
    (Source, sources.FILTERS),
]


FRESH = {"Cache-Control": "no-cache"}  # rendered again, not the response cache's copy


def _general(session: Session, model: Any, filters: Any, values: Any, name: str) -> Any:
    """The facet counted the general way: over the list's ids, narrowed by its filters."""
    listed = narrow(select(model), model, filters, values, own_filters(filters, name))
    return _counted(session, listed, model, filters, values, name)


def _as_counts(values: list[Any] | None) -> list[tuple[Any, str, int]]:
    assert values is not None, "not counted"
    return [(v.value, v.label, v.count) for v in values]


@pytest.mark.parametrize(("model", "filters"), LISTS, ids=lambda x: getattr(x, "__name__", ""))
def test_whole_list_facets_equal_their_general_count(
    registry: TestClient, model: Any, filters: Any
) -> None:
    engine = registry.app.state.database.engine  # type: ignore[attr-defined]
    compared = 0
    with Session(engine) as session:
        for name in filters:
            general = _general(session, model, filters, {}, name)
            assert general, f"{model.__name__}.{name}: nothing to compare"
            for _ in range(2):  # counted, then kept
                assert _as_counts(
                    facet_counts(session, select(model), model, filters, {}, name)
                ) == (_as_counts(general))
            # Under its own filter, or a fellow's of the same participation, the list is still
            # the whole table: the first is the kept facet, the second counts on the link rows.
            for other, spec in filters.items():
                if other != name and (spec.group is None or spec.group != filters[name].group):
                    continue
                value = general[0].value
                fellow_values = (
                    {other: value}
                    if other == name
                    else _first_value(session, model, filters, other)
                )
                if fellow_values is None:
                    continue
                expected = _general(session, model, filters, fellow_values, name)
                got = facet_counts(session, select(model), model, filters, fellow_values, name)
                assert _as_counts(got) == _as_counts(expected), (name, fellow_values)
                compared += 1
    assert compared >= len(filters)


def _first_value(session: Session, model: Any, filters: Any, name: str) -> dict[str, Any] | None:
    values = _general(session, model, filters, {}, name)
    return {name: values[0].value} if values and values[0].value is not None else None


def test_a_kept_facet_answers_as_counted(registry: TestClient) -> None:
    """Through HTTP: the delegates' organization facet of the whole list, asked twice, and its
    first value's count is the total of the list filtered to it."""
    first = registry.get("/v1/delegates?facets=organization,role&limit=1").json()["facets"]
    again = registry.get("/v1/delegates?facets=organization,role&limit=1").json()["facets"]
    assert first == again
    for facet in first.values():
        top = next(value for value in facet if value.get("href"))
        assert registry.get(top["href"]).json()["total"] == top["count"]


def test_a_facet_over_too_many_records_is_not_counted(
    registry: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Under a search or filters a facet counts at most FACET_RECORDS_MAX records; beyond, the
    page names it in `facets_not_counted`. The facets of a whole list are always counted."""
    monkeypatch.setattr(filters, "FACET_RECORDS_MAX", 3)
    meetings = registry.get("/v1/events?classification=meeting&limit=1").json()["total"]
    assert meetings > 3
    page = registry.get("/v1/events?classification=meeting&facets=classification,place").json()
    # classification ignores its own filter: the whole list's, counted; place: the meetings
    assert set(page["facets"]) == {"classification"}
    assert page["facets_not_counted"] == ["place"]
    whole = registry.get("/v1/events?facets=classification,place&limit=1").json()
    assert set(whole["facets"]) == {"classification", "place"}
    assert "facets_not_counted" not in whole
    # few enough: counted, and as without the bound
    few = registry.get("/v1/delegates?q=kelly&facets=organization&limit=1").json()
    assert few["total"] <= 3
    assert "facets_not_counted" not in few
    monkeypatch.setattr(filters, "FACET_RECORDS_MAX", 10_000)
    fresh = registry.get("/v1/delegates?q=kelly&facets=organization&limit=1", headers=FRESH)
    assert fresh.json() == few
    # the facet's own filter set: it counts the records of the other filters, bounded too
    role = registry.get("/v1/delegates?facets=role&limit=1").json()["facets"]["role"]
    assert role
    monkeypatch.setattr(filters, "FACET_RECORDS_MAX", 3)
    many = next(v for v in role if v["count"] > 3 and v.get("value"))
    event = registry.get("/v1/delegates?facets=event&limit=1").json()["facets"]["event"][0]
    assert event["count"] > 3
    owned = registry.get(
        f"/v1/delegates?event={event['value']}&role={many['value']}&facets=role&limit=1"
    ).json()
    assert owned["facets_not_counted"] == ["role"]  # the delegates at that event: over 3
    # its own filter and another's: it counts what the other selects (bounded by a count)
    places = registry.get("/v1/events?facets=place&limit=1").json()["facets"]["place"]
    place = next(v for v in places if v["value"] is not None)
    assert place["count"] > 3
    mixed = registry.get(
        f"/v1/events?place={place['value']}&classification=meeting&facets=classification"
    ).json()
    assert mixed["facets_not_counted"] == ["classification"]
    monkeypatch.setattr(filters, "FACET_RECORDS_MAX", place["count"])  # just enough
    mixed = registry.get(
        f"/v1/events?place={place['value']}&classification=meeting&facets=classification",
        headers=FRESH,
    ).json()
    assert "facets_not_counted" not in mixed
    assert sum(v["count"] for v in mixed["facets"]["classification"]) == place["count"]
