"""The validation of a set of fixtures: each file against the input schema
(app.ingest.fixture), then across files.

One file describes one visit. Files merge into one registry: ids are unique per kind across
all files, and a reference may point to a record defined in another file.
"""

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from app.domain.dates import PartialDate, parse_partial_date
from app.ingest.fixture import KINDS, SHARED_CITES, Cite, EventIn, FixtureFile
from app.ingest.invalid import FixtureError, FixtureInvalid, Position
from app.ingest.merge import Appearance, disagreements, merge
from app.ingest.yamlsource import KEY, Loc, YamlDocument, YamlError, read_yaml
from app.store.version import fixture_paths

MAX_FILE_BYTES = 64 * 1024 * 1024


def field_path(loc: Loc) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


@dataclass
class LoadedFile:
    document: YamlDocument
    fixture: FixtureFile

    def error(self, loc: Loc, message: str) -> FixtureError:
        return FixtureError(
            self.document.path, self.document.position(loc), field_path(loc), message
        )


@dataclass(frozen=True)
class Registry:
    """Every fixture file, validated, with the parsed dates of each event."""

    files: list[LoadedFile]
    dates: dict[tuple[str, str], PartialDate]  # (event id, "start"|"end") -> date

    def items(self, kind: str) -> Iterator[Any]:
        for loaded in self.files:
            yield from getattr(loaded.fixture, kind)


def _pydantic_errors(document: YamlDocument, exc: ValidationError) -> list[FixtureError]:
    errors = []
    for err in exc.errors(include_url=False):
        loc: Loc = tuple(err["loc"])
        message = err["msg"]
        if err["type"] in ("extra_forbidden", "unexpected_keyword_argument"):
            message = f"unknown key {loc[-1]!r}"
            errors.append(
                FixtureError(
                    document.path, document.position((*loc, KEY)), field_path(loc), message
                )
            )
            continue
        elif err["type"] == "missing":
            message = f"required key {loc[-1]!r} is missing"
        elif err["type"] == "enum" and "expected" in err.get("ctx", {}):
            message = f"{err['input']!r} is not one of {err['ctx']['expected']}"
        errors.append(FixtureError(document.path, document.position(loc), field_path(loc), message))
    return errors


def parse_file(path: Path, raw: bytes | None = None) -> LoadedFile | list[FixtureError]:
    """Read and validate one file on its own: its syntax, keys, types and enums."""
    if raw is None:
        if path.stat().st_size > MAX_FILE_BYTES:
            return [FixtureError(path, Position(1, 1), "", f"file over {MAX_FILE_BYTES} bytes")]
        raw = path.read_bytes()
    try:
        document = read_yaml(path, raw)
    except YamlError as exc:
        return [FixtureError(path, exc.position, "", exc.message)]
    if document.data is None:
        return [FixtureError(path, Position(1, 1), "", "file is empty: expected a mapping")]
    if not isinstance(document.data, dict):
        found = type(document.data).__name__
        return [FixtureError(path, Position(1, 1), "", f"top level must be a mapping, not {found}")]
    try:
        fixture = FixtureFile.model_validate(document.data)
    except ValidationError as exc:
        return _pydantic_errors(document, exc)
    # The models hold it all now. A later error (a reference to another file) is located
    # by reading the file again: a registry's worth of bytes need not wait for it.
    document.data = None
    document.raw = None
    return LoadedFile(document, fixture)


def _check_dates(
    loaded: LoadedFile, dates: dict[tuple[str, str], PartialDate]
) -> list[FixtureError]:
    errors = []
    for i, event in enumerate(loaded.fixture.events):
        for key in ("start", "end"):
            text = getattr(event, key)
            if text is None:
                continue
            try:
                dates[(event.id, key)] = parse_partial_date(text)
            except ValueError as exc:
                errors.append(loaded.error(("events", i, key), str(exc)))
        start, end = dates.get((event.id, "start")), dates.get((event.id, "end"))
        if start and end and end.latest < start.earliest:
            errors.append(loaded.error(("events", i, "end"), f"ends ({end}) before it starts"))
        if end and not start:
            errors.append(loaded.error(("events", i, "start"), "an end needs a start"))

    def check(loc: Loc, text: str | None) -> None:
        if text is not None:
            try:
                parse_partial_date(text)
            except ValueError as exc:
                errors.append(loaded.error(loc, str(exc)))

    fixture = loaded.fixture
    for i, source in enumerate(fixture.sources):
        for key in ("updated", "published"):
            check(("sources", i, key), getattr(source, key))
    for i, person in enumerate(fixture.people):
        for j, position in enumerate(person.positions):
            check(("people", i, "positions", j, "date"), position.date)
    for i, friendship in enumerate(fixture.friendships):
        for j, claim in enumerate(friendship.established):
            check(("friendships", i, "established", j, "date"), claim.date)
    return errors


def _references(fixture: FixtureFile) -> Iterable[tuple[Loc, str, str]]:
    """Every (where, kind referred to, id) in a file."""

    def cites(loc: Loc, sources: list[Cite]) -> Iterable[tuple[Loc, str, str]]:
        for j, cite in enumerate(sources):
            yield (*loc, "sources", j, "source"), "sources", cite.source

    def named(loc: Loc, record: Any) -> Iterable[tuple[Loc, str, str]]:
        for j, other in enumerate(record.other_names):
            yield from cites((*loc, "other_names", j), other.sources)
        yield from cites(loc, record.sources)

    for i, place in enumerate(fixture.places):
        if place.parent:
            yield ("places", i, "parent"), "places", place.parent
        if place.country:
            yield ("places", i, "country"), "places", place.country
        yield from named(("places", i), place)
    for i, friendship in enumerate(fixture.friendships):
        for j, place_id in enumerate(friendship.places):
            yield ("friendships", i, "places", j), "places", place_id
        for j, claim in enumerate(friendship.established):
            yield from cites(("friendships", i, "established", j), claim.sources)
        yield from cites(("friendships", i), friendship.sources)
    for i, org in enumerate(fixture.organizations):
        for key, kind in (("parent", "organizations"), ("country", "places"), ("place", "places")):
            value = getattr(org, key)
            if value:
                yield ("organizations", i, key), kind, value
        yield from named(("organizations", i), org)
    for i, person in enumerate(fixture.people):
        for j, position in enumerate(person.positions):
            loc: Loc = ("people", i, "positions", j)
            if position.organization:
                yield (*loc, "organization"), "organizations", position.organization
            if position.place:
                yield (*loc, "place"), "places", position.place
            yield from cites(loc, position.sources)
        yield from named(("people", i), person)
    for i, delegation in enumerate(fixture.delegations):
        for key in ("origins", "destinations"):
            for j, place_id in enumerate(getattr(delegation, key)):
                yield ("delegations", i, key, j), "places", place_id
        for j, member in enumerate(delegation.members):
            yield ("delegations", i, "members", j, "person"), "people", member.person
            yield from cites(("delegations", i, "members", j), member.sources)
        yield from cites(("delegations", i), delegation.sources)
    for i, area in enumerate(fixture.cooperation_areas):
        yield from cites(("cooperation_areas", i), area.sources)
    for i, event in enumerate(fixture.events):
        base: Loc = ("events", i)
        for key, kind in (("parent", "events"), ("place", "places"), ("venue", "organizations")):
            value = getattr(event, key)
            if value:
                yield (*base, key), kind, value
        links: list[tuple[str, str, str, list[Any]]] = [
            ("related_to", "event", "events", event.related_to),
            ("delegations", "delegation", "delegations", event.delegations),
            ("people", "person", "people", event.people),
            ("organizations", "organization", "organizations", event.organizations),
            ("cooperation_areas", "area", "cooperation_areas", event.cooperation_areas),
        ]
        for key, attr, kind, items in links:
            for j, item in enumerate(items):
                yield (*base, key, j, attr), kind, getattr(item, attr)
                yield from cites((*base, key, j), item.sources)
        for j, topic in enumerate(event.topics):
            yield from cites((*base, "topics", j), topic.sources)
        yield from cites(base, event.sources)


def _check_registry(
    files: list[LoadedFile], dates: dict[tuple[str, str], PartialDate]
) -> tuple[list[FixtureError], dict[str, dict[str, list[Appearance]]]]:
    """Errors across files, and the records that appear in more than one (to merge)."""
    errors: list[FixtureError] = []
    defined: dict[str, dict[str, tuple[LoadedFile, int]]] = {kind: {} for kind in KINDS}
    repeats: dict[str, dict[str, list[Appearance]]] = {kind: {} for kind in KINDS}
    for loaded in files:
        for kind in KINDS:
            for i, record in enumerate(getattr(loaded.fixture, kind)):
                first = defined[kind].get(record.id)
                if first is None:
                    defined[kind][record.id] = (loaded, i)
                    continue
                other, j = first
                if other is loaded:
                    where = other.document.position((kind, j))
                    errors.append(
                        loaded.error(
                            (kind, i, "id"),
                            f"duplicate {KINDS[kind]} id {record.id!r} in one file; "
                            f"first defined at {other.document.path}:{where.line}:{where.column}",
                        )
                    )
                    continue
                seen = repeats[kind].setdefault(record.id, [Appearance(other, kind, j)])
                here = Appearance(loaded, kind, i)
                errors.extend(disagreements(seen[0], here, KINDS[kind]))
                seen.append(here)
    for loaded in files:
        for loc, kind, ref in _references(loaded.fixture):
            if ref not in defined[kind]:
                errors.append(loaded.error(loc, f"unknown {KINDS[kind]} {ref!r}"))
    events = defined["events"]
    for loaded in files:
        for i, event in enumerate(loaded.fixture.events):
            errors.extend(_check_event_parent(loaded, i, event, events, dates))
    return errors, {kind: found for kind, found in repeats.items() if found}


def _check_event_parent(
    loaded: LoadedFile,
    index: int,
    event: EventIn,
    events: dict[str, tuple[LoadedFile, int]],
    dates: dict[tuple[str, str], PartialDate],
) -> list[FixtureError]:
    if event.parent is None or event.parent not in events:
        return []
    seen = {event.id}
    cursor: str | None = event.parent
    while cursor is not None and cursor in events:
        if cursor in seen:
            return [
                loaded.error(("events", index, "parent"), f"parent chain loops back to {cursor!r}")
            ]
        seen.add(cursor)
        owner, j = events[cursor]
        cursor = owner.fixture.events[j].parent
    start = dates.get((event.id, "start"))
    if start is None:
        return []
    parent_start = dates.get((event.parent, "start"))
    parent_end = dates.get((event.parent, "end"))
    loc: Loc = ("events", index, "start")
    if parent_start and start.latest < parent_start.earliest:
        return [
            loaded.error(
                loc, f"{start} is before its parent {event.parent!r} starts ({parent_start})"
            )
        ]
    end = dates.get((event.id, "end")) or start
    if parent_end and end.earliest > parent_end.latest:
        return [loaded.error(loc, f"lies after its parent {event.parent!r} ends ({parent_end})")]
    return []


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a registry is read and loaded.

    Loading allocates millions of objects that all stay alive until it ends. The collector
    would traverse them again and again and find nothing to free: on 1,000 visits it tripled
    the time of validating and building rows."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def validate(paths: Iterable[Path]) -> Registry:
    """Validate every fixture; raise FixtureInvalid listing every error found."""
    with collector_paused():
        try:
            return _validate(paths)
        finally:
            SHARED_CITES.clear()


def _validate(paths: Iterable[Path]) -> Registry:
    errors: list[FixtureError] = []
    files: list[LoadedFile] = []
    dates: dict[tuple[str, str], PartialDate] = {}
    for path in fixture_paths(paths):
        try:
            result = parse_file(path)
        except OSError as exc:
            errors.append(FixtureError(path, Position(1, 1), "", f"cannot read: {exc.strerror}"))
            continue
        if isinstance(result, list):
            errors.extend(result)
            continue
        files.append(result)
        errors.extend(_check_dates(result, dates))
    if not files and not errors:
        errors.append(FixtureError(Path("."), Position(1, 1), "", "no fixture files found"))
    found, repeats = _check_registry(files, dates)
    errors.extend(found)
    if errors:
        raise FixtureInvalid(errors)
    merge(repeats)
    return Registry(files, dates)
