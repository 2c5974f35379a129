"""Tables derived from the others once every file's rows are built: what a request would
otherwise compute from several tables, computed once at load."""

from typing import Any

import orjson

from app.ingest.columns import Row, layout
from app.store.db import json_text


def derive(tables: dict[str, list[Row]]) -> None:
    """Fill in the derived tables and columns of `tables` (in place)."""
    tables["search_record"] = search_records(tables.get("search_text", []))
    tables["person"] = listed_people(tables)
    tables["event"] = listed_events(tables)


def listed_people(tables: dict[str, list[Row]]) -> list[Row]:
    """person's rows with `listed` filled in: each person as the delegates lists show them
    (DelegatePublic as JSON text), with the latest of their titles (by date, undated first,
    then in the order given), its organization's and place's names."""
    names = {
        table: {row[0]: row[1] for row in _columns(tables.get(table, []), table, "id", "name")}
        for table in ("organization", "place")
    }
    latest: dict[str, tuple[tuple[str, int], dict[str, Any]]] = {}
    columns = (
        *("person_id", "title", "organization_id", "place_id"),
        *("date", "date_precision", "date_earliest", "date_latest", "sources"),
    )
    for n, position in enumerate(_columns(tables.get("position", []), "position", *columns)):
        person, title, organization, place, *date, sources = position
        key = (date[2] or "", n)
        if person not in latest or key > latest[person][0]:
            latest[person] = (
                key,
                {
                    "title": title,
                    "organization": _summary(organization, names["organization"]),
                    "place": _summary(place, names["place"]),
                    "date": _date(*date),
                    "sources": orjson.Fragment(sources),
                },
            )
    at = {name: i for i, name in enumerate(layout("person")[0])}
    out: list[Row] = []
    for row in tables.get("person", []):
        values = list(row)
        found = latest.get(row[at["id"]])
        values[at["listed"]] = json_text(
            {
                "id": row[at["id"]],
                "name": row[at["name"]],
                "other_names": orjson.Fragment(row[at["other_names"]]),
                "position": found[1] if found else None,
            }
        )
        out.append(tuple(values))
    return out


def listed_events(tables: dict[str, list[Row]]) -> list[Row]:
    """event's rows with `listed` filled in: each event as the events lists show it
    (EventPublic as JSON text), its parent's, place's and venue's names with their ids."""
    names = {
        table: {row[0]: row[1] for row in _columns(tables.get(table, []), table, "id", "name")}
        for table in ("event", "place", "organization")
    }
    at = {name: i for i, name in enumerate(layout("event")[0])}
    out: list[Row] = []
    for row in tables.get("event", []):
        values = list(row)
        values[at["listed"]] = json_text(
            {
                "id": row[at["id"]],
                "name": row[at["name"]],
                "classification": row[at["classification"]],
                "status": row[at["status"]],
                "parent": _summary(row[at["parent_id"]], names["event"]),
                "sequence": row[at["sequence"]],
                "start": _date(*(row[at[f"start{part}"]] for part in DATE_PARTS)),
                "end": _date(*(row[at[f"end{part}"]] for part in DATE_PARTS)),
                "time_of_day": row[at["time_of_day"]],
                "place": _summary(row[at["place_id"]], names["place"]),
                "venue": _summary(row[at["venue_id"]], names["organization"]),
                "description": row[at["description"]],
            }
        )
        out.append(tuple(values))
    return out


DATE_PARTS = ("", "_precision", "_earliest", "_latest")


def _date(value: Any, precision: Any, earliest: Any, latest: Any) -> dict[str, Any] | None:
    """A partial date's JSON (PartialDateOut) from its columns; None when unknown."""
    if value is None or earliest is None or latest is None:
        return None
    return {"value": value, "precision": precision, "earliest": earliest, "latest": latest}


def _columns(rows: list[Row], table: str, *names: str) -> list[tuple[Any, ...]]:
    """`names`' values of each of `table`'s rows."""
    at = {name: i for i, name in enumerate(layout(table)[0])}
    wanted = [at[name] for name in names]
    return [tuple(row[i] for i in wanted) for row in rows]


def _summary(record_id: str | None, names: dict[str, str]) -> dict[str, str] | None:
    name = None if record_id is None else names.get(record_id)
    return None if record_id is None or name is None else {"id": record_id, "name": name}


def search_records(texts: list[Row]) -> list[Row]:
    """search_record's rows from search_text's: one per record, its distinct folded texts
    joined by a line break, numbered in (kind, sort_name, record_id) order (code points, as
    SQLite and PostgreSQL's COLLATE "C" compare)."""
    at = {name: i for i, name in enumerate(layout("search_text")[0])}
    kind, record, name, sort_name, folded = (
        at[c] for c in ("kind", "record_id", "name", "sort_name", "folded")
    )
    records: dict[tuple[str, str], tuple[str, list[str], dict[str, None]]] = {}
    for t in texts:
        found = records.get((t[kind], t[record]))
        if found is None:
            records[(t[kind], t[record])] = (t[name], [t[sort_name]], {t[folded]: None})
        else:
            found[1].append(t[sort_name])
            found[2][t[folded]] = None
    keyed = sorted(((k[0], min(v[1]), k[1]), v[0], v[2]) for k, v in records.items())
    columns = layout("search_record")[0]
    out: list[Row] = []
    for number, ((kind_, sort_name_, record_id), name_, texts_) in enumerate(keyed, start=1):
        value = {
            "row": number,
            "kind": kind_,
            "record_id": record_id,
            "name": name_,
            "sort_name": sort_name_,
            "folded": "\n".join(texts_),
        }
        out.append(tuple(value[c] for c in columns))
    return out
