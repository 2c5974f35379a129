"""Tables derived from the others once every file's rows are built: what a request would
otherwise compute from several tables, computed once at load."""

from collections.abc import Callable
from typing import Any

import orjson

from app.ingest.columns import Row, layout
from app.store.db import json_text
from app.store.models.common import date_json

Finish = Callable[[Row], Row]
"""Fills in a row's derived columns, as the row is inserted."""


def derive(tables: dict[str, list[Row]]) -> dict[str, Finish]:
    """What fills in the derived columns of `tables`' rows as they are inserted: rendered as
    a chunk of rows goes in, their text is never all in memory at once (the registry's rows
    are the most a cold start holds). (search_record is derived in SQL, once search_text is
    in: app.store.search_index.fill_search_records.)"""
    return {
        "person": listed_people(tables),
        "event": listed_events(tables),
        "organization": _listed(
            tables,
            "organization",
            ("classification",),
            (
                ("parent", "parent_id", "organization"),
                ("country", "country_id", "place"),
                ("place", "place_id", "place"),
            ),
        ),
        "place": _listed(
            tables,
            "place",
            ("kind",),
            (("parent", "parent_id", "place"), ("country", "country_id", "place")),
        ),
    }


Link = tuple[str, str, str]
"""A summary in a list item: its key, the column naming the record, and that record's table."""


def _listed(
    tables: dict[str, list[Row]], table: str, own: tuple[str, ...], links: tuple[Link, ...]
) -> Finish:
    """What fills in `listed` for a record with other names, its own columns `own`, and its
    links' summaries (OrganizationPublic, PlacePublic)."""
    names = {target: _names(tables, target) for _, _, target in links}
    at = {name: i for i, name in enumerate(layout(table)[0])}

    def finish(row: Row) -> Row:
        listed: dict[str, Any] = {
            "id": row[at["id"]],
            "name": row[at["name"]],
            "other_names": orjson.Fragment(row[at["other_names"]]),
        }
        for column in own:
            listed[column] = row[at[column]]
        for key, column, target in links:
            listed[key] = _summary(row[at[column]], names[target])
        return _with(row, at["listed"], json_text(listed))

    return finish


def listed_people(tables: dict[str, list[Row]]) -> Finish:
    """What fills in person's `listed`: each person as the delegates lists show them
    (DelegatePublic as JSON text), with the latest of their titles (by date, undated first,
    then in the order given), its organization's and place's names."""
    names = {table: _names(tables, table) for table in ("organization", "place")}
    positions = tables.get("position", [])
    pos = {name: i for i, name in enumerate(layout("position")[0])}
    person_at, earliest_at = pos["person_id"], pos["date_earliest"]
    latest: dict[str, int] = {}  # person -> their latest position's index in `positions`
    for n, position in enumerate(positions):
        person = position[person_at]
        found = latest.get(person)
        if found is None or (position[earliest_at] or "") >= (positions[found][earliest_at] or ""):
            latest[person] = n
    at = {name: i for i, name in enumerate(layout("person")[0])}

    def finish(row: Row) -> Row:
        found = latest.get(row[at["id"]])
        position: dict[str, Any] | None = None
        if found is not None:
            p = positions[found]
            position = {
                "title": p[pos["title"]],
                "organization": _summary(p[pos["organization_id"]], names["organization"]),
                "place": _summary(p[pos["place_id"]], names["place"]),
                "date": date_json(*(p[pos[f"date{part}"]] for part in DATE_PARTS)),
                "sources": orjson.Fragment(p[pos["sources"]]),
            }
        listed = {
            "id": row[at["id"]],
            "name": row[at["name"]],
            "other_names": orjson.Fragment(row[at["other_names"]]),
            "position": position,
        }
        return _with(row, at["listed"], json_text(listed))

    return finish


def _with(row: Row, at: int, value: Any) -> Row:
    """`row` with the column at `at` set to `value`."""
    return (*row[:at], value, *row[at + 1 :])


def _names(tables: dict[str, list[Row]], table: str) -> dict[str, str]:
    """{id: name} of `table`'s records."""
    at = {name: i for i, name in enumerate(layout(table)[0])}
    record_id, name = at["id"], at["name"]
    return {row[record_id]: row[name] for row in tables.get(table, [])}


def listed_events(tables: dict[str, list[Row]]) -> Finish:
    """What fills in event's `listed`: each event as the events lists show it (EventPublic as
    JSON text), its parent's, place's and venue's names with their ids."""
    names = {table: _names(tables, table) for table in ("event", "place", "organization")}
    at = {name: i for i, name in enumerate(layout("event")[0])}

    def finish(row: Row) -> Row:
        listed = {
            "id": row[at["id"]],
            "name": row[at["name"]],
            "classification": row[at["classification"]],
            "status": row[at["status"]],
            "parent": _summary(row[at["parent_id"]], names["event"]),
            "sequence": row[at["sequence"]],
            "start": date_json(*(row[at[f"start{part}"]] for part in DATE_PARTS)),
            "end": date_json(*(row[at[f"end{part}"]] for part in DATE_PARTS)),
            "time_of_day": row[at["time_of_day"]],
            "place": _summary(row[at["place_id"]], names["place"]),
            "venue": _summary(row[at["venue_id"]], names["organization"]),
            "description": row[at["description"]],
        }
        return _with(row, at["listed"], json_text(listed))

    return finish


DATE_PARTS = ("", "_precision", "_earliest", "_latest")


def _summary(record_id: str | None, names: dict[str, str]) -> dict[str, str] | None:
    name = None if record_id is None else names.get(record_id)
    return None if record_id is None or name is None else {"id": record_id, "name": name}
