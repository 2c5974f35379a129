"""Validated fixtures -> rows: every table's rows, as tuples in the order of its columns."""

from enum import Enum
from typing import Any

import orjson
from sqlmodel import SQLModel

from app.domain.dates import PartialDate, parse_partial_date
from app.domain.text import fold
from app.ingest.columns import Row, layout, parent_first
from app.ingest.fixture import Cite, SourceIn
from app.ingest.validate import Registry
from app.store import models as m
from app.store.db import json_text
from app.store.models.source import CITING_KINDS

CITING_RANK = {kind: rank for rank, kind in enumerate(CITING_KINDS)}


class _Rows:
    """Collects rows per table while walking the registry, as tuples in the order of the
    table's columns: the whole registry waits in memory for the insert, and a tuple weighs a
    fraction of the dict it is made from."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self.tables: dict[str, list[Row]] = {}
        self.titles = {s.id: s.title for s in registry.items("sources")}
        self.cited: dict[tuple[Cite, ...], str] = {}
        self.friendships: dict[tuple[str, str], tuple[list[Cite], dict[str, list[Cite]]]] = {}
        self.related: set[tuple[str, str]] = set()

    def add(self, table: type[SQLModel], row: dict[str, Any]) -> None:
        """Keep `row` as a tuple of plain values: JSON columns as JSON text (a sixth of the
        memory of the lists and dicts), enums as their values."""
        name = str(table.__tablename__)
        columns, json_at, enum_at = layout(name)
        # `listed` (a record as its list shows it) is rendered as it is inserted: derived.py
        values = [row[c] if c != "listed" else row.get(c, "") for c in columns]
        for i in json_at:
            if not isinstance(values[i], str):
                values[i] = json_text(values[i])
        for i in enum_at:
            if isinstance(values[i], Enum):
                values[i] = values[i].value
        self.tables.setdefault(name, []).append(tuple(values))

    def cites(self, sources: list[Cite]) -> str:
        """Citations as the JSON text of their column: one text (one object) for every
        equal list, as most of a visit's records cite the same source and paragraph."""
        key = tuple(sources)
        found = self.cited.get(key)
        if found is None:
            titles = self.titles
            found = self.cited[key] = json_text(
                [
                    {"source": {"id": c.source, "name": titles[c.source]}, "paragraph": c.paragraph}
                    for c in sources
                ]
            )
        return found

    def other_names(self, record: Any) -> str:
        """A record's other names with their citations, as JSON text; one name given by
        several sources (or files) once, citing them all."""
        names: dict[str, list[Cite]] = {}
        for other in record.other_names:
            cites = names.setdefault(other.name, [])
            cites.extend(c for c in other.sources if c not in cites)
        return json_text(
            [
                {"name": other, "sources": orjson.Fragment(self.cites(cites))}
                for other, cites in names.items()
            ]
        )

    def friendship(self, friendship: Any) -> None:
        """Gather a friendship-city link: one per pair of places, whichever file and order
        give it, with every source's established date kept as a separate claim."""
        a, b = friendship.places
        key = (min(a, b), max(a, b))
        cites, claims = self.friendships.setdefault(key, ([], {}))
        cites.extend(c for c in friendship.sources if c not in cites)
        for claim in friendship.established:
            cited = claims.setdefault(claim.date, [])
            cited.extend(c for c in claim.sources if c not in cited)

    def friendship_rows(self) -> list[Row]:
        for (a, b), (cites, claims) in self.friendships.items():
            established = json_text(
                [
                    {
                        "date": _date_value(parse_partial_date(date)),
                        "sources": orjson.Fragment(self.cites(cited)),
                    }
                    for date, cited in sorted(
                        claims.items(), key=lambda claim: parse_partial_date(claim[0]).earliest
                    )
                ]
            )
            for one, other in ((a, b), (b, a)):
                row = {
                    "place_id": one,
                    "other_id": other,
                    "established": established,
                    "sources": self.cites(cites),
                }
                self.add(m.Friendship, row)
        return self.tables.pop("friendship", [])

    def relation(self, event: str, other: str, sources: list[Cite]) -> None:
        """Two events related, in both directions (once, whichever side states it)."""
        for one, two in ((event, other), (other, event)):
            if (one, two) not in self.related:
                self.related.add((one, two))
                row = {"event_id": one, "other_id": two, "sources": self.cites(sources)}
                self.add(m.EventRelation, row)

    def record(self, kind: str, record: Any, fixture: str, /, **extra: Any) -> dict[str, Any]:
        sort_name = fold(record.name)
        self.index(kind, record.id, record.name, "name", record.name, sort_name, sort_name)
        for other in getattr(record, "other_names", []):
            self.index(kind, record.id, record.name, "other_names", other.name, sort_name)
        if kind in CITING_RANK:
            self.citations(kind, record, sort_name)
        return {
            "id": record.id,
            "name": record.name,
            "sort_name": sort_name,
            "fixture": fixture,
            "sources": self.cites(record.sources) if hasattr(record, "sources") else "[]",
            **extra,
        }

    def citations(self, kind: str, record: Any, sort_name: str) -> None:
        """One row per source the record cites, with the paragraphs it cites there."""
        paragraphs: dict[str, list[int | None]] = {}
        for cite in record.sources:
            cited = paragraphs.setdefault(cite.source, [])
            if cite.paragraph not in cited:
                cited.append(cite.paragraph)
        for source, cited in paragraphs.items():
            row = {
                "source_id": source,
                "rank": CITING_RANK[kind],
                "sort_name": sort_name,
                "record_id": record.id,
                "kind": kind,
                "name": record.name,
                "paragraphs": cited,
            }
            self.add(m.SourceRecord, row)

    def index(
        self,
        kind: str,
        record_id: str,
        name: str,
        field: str,
        text: str,
        sort_name: str | None = None,
        folded: str | None = None,
    ) -> None:
        self.add(
            m.SearchText,
            {
                "kind": kind,
                "record_id": record_id,
                "name": name,
                "sort_name": sort_name if sort_name is not None else fold(name),
                "field": field,
                "text": text,
                "folded": folded if folded is not None else fold(text),
            },
        )


def _source_columns(source: SourceIn) -> dict[str, Any]:
    return {
        "title": source.title,
        "publisher": source.publisher,
        "updated": source.updated,
        "published": source.published,
        "url": source.url,
        "language": source.language,
        "complete": source.complete,
        "note": source.note,
    }


def _date_value(value: PartialDate) -> dict[str, str]:
    return {
        "value": value.text,
        "precision": value.precision.value,
        "earliest": value.earliest.isoformat(),
        "latest": value.latest.isoformat(),
    }


def _date_columns(prefix: str, value: PartialDate | None) -> dict[str, Any]:
    return {
        prefix: value.text if value else None,
        f"{prefix}_precision": value.precision if value else None,
        f"{prefix}_earliest": value.earliest.isoformat() if value else None,
        f"{prefix}_latest": value.latest.isoformat() if value else None,
    }


def build_rows(registry: Registry) -> dict[str, list[Row]]:
    """Every table's rows. Consumes `registry.files`: each file's records are let go once
    its rows are built, so that the registry is never held twice over."""
    rows = _Rows(registry)
    files = registry.files
    files.reverse()
    while files:
        loaded = files.pop()
        fx, name = loaded.fixture, loaded.document.path.name
        for s in fx.sources:
            rows.add(m.Source, rows.record("source", s, name, **_source_columns(s)))
            if s.publisher:
                rows.index("source", s.id, s.title, "publisher", s.publisher)
        for p in fx.places:
            extra = {"other_names": rows.other_names(p), "kind": p.kind, "parent_id": p.parent}
            rows.add(m.Place, rows.record("place", p, name, country_id=p.country, **extra))
        for f in fx.friendships:
            rows.friendship(f)
        for o in fx.organizations:
            extra = {"other_names": rows.other_names(o), "classification": o.classification}
            refs = {"parent_id": o.parent, "country_id": o.country, "place_id": o.place}
            rows.add(m.Organization, rows.record("organization", o, name, **extra, **refs))
        for person in fx.people:
            extra = {"other_names": rows.other_names(person)}
            rows.add(m.Person, rows.record("delegate", person, name, **extra))
            _position_rows(rows, person)
        for d in fx.delegations:
            described = {"description": d.description, "size": d.size}
            rows.add(m.Delegation, rows.record("delegation", d, name, **described))
            for origin in d.origins:
                rows.add(m.DelegationOrigin, {"delegation_id": d.id, "place_id": origin})
            for destination in d.destinations:
                rows.add(m.DelegationDestination, {"delegation_id": d.id, "place_id": destination})
            for member in d.members:
                rows.add(
                    m.DelegationMember,
                    {
                        "delegation_id": d.id,
                        "person_id": member.person,
                        "role": member.role,
                        "sources": rows.cites(member.sources),
                    },
                )
        for area in fx.cooperation_areas:
            rows.add(m.CooperationArea, rows.record("cooperation-area", area, name))
        for e in fx.events:
            _event_rows(rows, e, name)
    tables = rows.tables
    tables["friendship"] = rows.friendship_rows()
    for table, references in (
        ("place", ("parent_id", "country_id")),
        ("organization", ("parent_id",)),
        ("event", ("parent_id",)),
    ):
        tables[table] = parent_first(table, tables.get(table, []), *references)
    return tables


def _position_rows(rows: _Rows, person: Any) -> None:
    """A person's titles; the same title, organization, place and date given by several
    sources (or files) is one position citing them all."""
    found: dict[tuple[Any, ...], tuple[Any, list[Cite]]] = {}
    for pos in person.positions:
        rows.index("delegate", person.id, person.name, "positions.title", pos.title)
        key = (pos.title, pos.organization, pos.place, pos.date)
        if key in found:
            found[key][1].extend(c for c in pos.sources if c not in found[key][1])
        else:
            found[key] = (pos, list(pos.sources))
    for pos, cites in found.values():
        date = parse_partial_date(pos.date) if pos.date else None
        rows.add(
            m.Position,
            {
                "person_id": person.id,
                "organization_id": pos.organization,
                "place_id": pos.place,
                "title": pos.title,
                **_date_columns("date", date),
                "sources": rows.cites(cites),
            },
        )


def _event_rows(rows: _Rows, e: Any, fixture: str) -> None:
    dates = rows.registry.dates
    start = dates.get((e.id, "start"))
    columns = {
        "classification": e.classification,
        "status": e.status,
        "year": str(start.earliest.year) if start else None,
        "parent_id": e.parent,
        "sequence": e.sequence,
        "time_of_day": e.time_of_day,
        "place_id": e.place,
        "venue_id": e.venue,
        "description": e.description,
        **_date_columns("start", dates.get((e.id, "start"))),
        **_date_columns("end", dates.get((e.id, "end"))),
    }
    rows.add(m.Event, rows.record("event", e, fixture, **columns))
    for related in e.related_to:
        rows.relation(e.id, related.event, related.sources)
    for link in e.delegations:
        rows.add(
            m.EventDelegation,
            {
                "event_id": e.id,
                "delegation_id": link.delegation,
                "side": link.side,
                "sources": rows.cites(link.sources),
            },
        )
    for p in e.people:
        rows.add(
            m.EventPerson,
            {
                "event_id": e.id,
                "person_id": p.person,
                "role": p.role,
                "side": p.side,
                "activity": p.activity,
                "sources": rows.cites(p.sources),
            },
        )
    for o in e.organizations:
        rows.add(
            m.EventOrganization,
            {
                "event_id": e.id,
                "organization_id": o.organization,
                "role": o.role,
                "side": o.side,
                "note": o.note,
                "sources": rows.cites(o.sources),
            },
        )
    for a in e.cooperation_areas:
        rows.add(
            m.EventArea, {"event_id": e.id, "area_id": a.area, "sources": rows.cites(a.sources)}
        )
    for i, t in enumerate(e.topics, start=1):
        rows.add(
            m.EventTopic,
            {"event_id": e.id, "position": i, "topic": t.topic, "sources": rows.cites(t.sources)},
        )
