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
    organizations,
    places,
    sources,
)
from app.queries.filters import _counted, facet_counts
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


def _as_counts(values: list[Any]) -> list[tuple[Any, str, int]]:
    return [(v.value, v.label, v.count) for v in values]


@pytest.mark.parametrize(("model", "filters"), LISTS, ids=lambda x: getattr(x, "__name__", ""))
def test_whole_list_facets_equal_their_general_count(
    registry: TestClient, model: Any, filters: Any
) -> None:
    engine = registry.app.state.database.engine  # type: ignore[attr-defined]
    compared = 0
    with Session(engine) as session:
        for name in filters:
            general = _counted(session, select(model), model, filters, {}, name)
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
                expected = _counted(session, select(model), model, filters, fellow_values, name)
                got = facet_counts(session, select(model), model, filters, fellow_values, name)
                assert _as_counts(got) == _as_counts(expected), (name, fellow_values)
                compared += 1
    assert compared >= len(filters)


def _first_value(session: Session, model: Any, filters: Any, name: str) -> dict[str, Any] | None:
    values = _counted(session, select(model), model, filters, {}, name)
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
