"""One record per id across files: the same person, organization or place may appear in every
visit's file that mentions it, each time with that page's citations.

Appearances of one id are one record. A single value (name, kind, parent, ...) given in more
than one file must be the same in each; a value one file leaves out is taken from another.
Lists (other names, positions, citations, links) are combined, without repeats.
"""

import dataclasses
from typing import Any

from app.ingest.invalid import FixtureError


@dataclasses.dataclass
class Appearance:
    """Where a record appears: its file (a LoadedFile), top-level key and index."""

    loaded: Any
    kind: str
    index: int

    @property
    def record(self) -> Any:
        return getattr(self.loaded.fixture, self.kind)[self.index]

    def where(self) -> str:
        position = self.loaded.document.position((self.kind, self.index))
        return f"{self.loaded.document.path}:{position.line}:{position.column}"


def disagreements(first: Appearance, other: Appearance, label: str) -> list[FixtureError]:
    """The single values `other` gives that contradict `first`'s."""
    errors = []
    a, b = first.record, other.record
    for field in dataclasses.fields(a):
        mine, theirs = getattr(a, field.name), getattr(b, field.name)
        if isinstance(mine, list) or mine is None or theirs is None or mine == theirs:
            continue
        errors.append(
            other.loaded.error(
                (other.kind, other.index, field.name),
                f"{label} {a.id!r} is given {field.name} {_shown(mine)} at {first.where()}, "
                f"{_shown(theirs)} here: one record has one {field.name} (put another spelling "
                "in other_names)",
            )
        )
    return errors


def _shown(value: Any) -> str:
    return repr(getattr(value, "value", value))


def combined(records: list[Any]) -> Any:
    """One record from the appearances of an id (already checked to agree)."""
    first = records[0]
    changes: dict[str, Any] = {}
    for field in dataclasses.fields(first):
        values = [getattr(r, field.name) for r in records]
        if isinstance(values[0], list):
            out: list[Any] = []
            for value in values:
                out.extend(item for item in value if item not in out)
            changes[field.name] = out
        else:
            changes[field.name] = next((v for v in values if v is not None), None)
    return dataclasses.replace(first, **changes)


def merge(repeats: dict[str, dict[str, list[Appearance]]]) -> None:
    """Fold every repeated record into its first appearance and drop the others."""
    dropped: dict[tuple[int, str], set[int]] = {}
    owners: dict[int, Any] = {}
    for kind, by_id in repeats.items():
        for appearances in by_id.values():
            first = appearances[0]
            getattr(first.loaded.fixture, kind)[first.index] = combined(
                [a.record for a in appearances]
            )
            for later in appearances[1:]:
                dropped.setdefault((id(later.loaded), kind), set()).add(later.index)
                owners[id(later.loaded)] = later.loaded
    for (owner, kind), indexes in dropped.items():
        items = getattr(owners[owner].fixture, kind)
        items[:] = [item for i, item in enumerate(items) if i not in indexes]
