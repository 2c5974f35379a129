"""Reading YAML fast, and finding where a value stood (line and column, 1-based) when an
error must say so.

Documents are parsed by yaml-rs (YAML 1.2 core schema; dates stay text; a key given twice in
one mapping is an error). PyYAML's C parser is used only to locate nodes for error messages,
and to word syntax errors: valid files never pay for positions."""

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
import yaml_rs

from app.ingest.invalid import Position

try:
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

Loc = tuple[str | int, ...]
KEY = "\0key"  # a Loc ending in KEY is where the key itself stands, not its value
DUPLICATE = "\0duplicate"  # ... and ending in DUPLICATE, where the key stands again


class _Loader(_BaseLoader):
    """Safe loader that leaves dates as text: partial dates are parsed by the schema."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}


@dataclass
class YamlDocument:
    path: Path
    data: Any
    raw: bytes | None = b""  # None: let go (a valid file); read again if an error needs it
    _positions: dict[Loc, Position] | None = field(default=None, repr=False)

    def position(self, loc: Loc) -> Position:
        """Where `loc` (or its nearest ancestor that exists) stands in the file.

        Positions are found only when an error needs one: the file is parsed again, keeping
        every node's line and column (valid files never pay for it)."""
        if self._positions is None:
            raw = self.raw if self.raw is not None else self.path.read_bytes()
            self._positions = locate(raw)
        for end in range(len(loc), -1, -1):
            found = self._positions.get(loc[:end])
            if found is not None:
                return found
        return Position(1, 1)


class YamlError(Exception):
    def __init__(self, position: Position, message: str) -> None:
        super().__init__(message)
        self.position = position
        self.message = message


def _index(node: yaml.Node, loc: Loc, out: dict[Loc, Position], duplicates: list[Loc]) -> None:
    mark = node.start_mark
    out[loc] = Position(mark.line + 1, mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                key = str(key_node.value)
                key_mark = key_node.start_mark
                if key in seen:
                    duplicates.append((*loc, key))
                    out[(*loc, key, DUPLICATE)] = Position(key_mark.line + 1, key_mark.column + 1)
                    continue
                seen.add(key)
                out[(*loc, key, KEY)] = Position(key_mark.line + 1, key_mark.column + 1)
                _index(value_node, (*loc, key), out, duplicates)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _index(item, (*loc, i), out, duplicates)


def _offset_position(raw: bytes, offset: int) -> Position:
    before = raw[:offset]
    line = before.count(b"\n") + 1
    return Position(line, offset - (before.rfind(b"\n") + 1) + 1)


def _compose(text: str) -> yaml.Node | None:
    """PyYAML's node tree of the single document in `text` (its errors carry positions)."""
    loader = _Loader(text)
    try:
        node: yaml.Node | None = loader.get_single_node()
        return node
    finally:
        loader.dispose()


def locate(raw: bytes) -> dict[Loc, Position]:
    """Line and column of every node of a document that parses."""
    node = _compose(raw.decode("utf-8"))
    positions: dict[Loc, Position] = {(): Position(1, 1)}
    if node is not None:
        _index(node, (), positions, [])
    return positions


def _syntax_error(exc: yaml.YAMLError) -> YamlError:
    if not isinstance(exc, yaml.MarkedYAMLError):
        return YamlError(Position(1, 1), f"YAML error: {exc}")
    mark = exc.problem_mark or exc.context_mark
    where = Position(mark.line + 1, mark.column + 1) if mark else Position(1, 1)
    context = exc.context
    if context and exc.context_mark and exc.context_mark is not mark:
        started = exc.context_mark
        context = f"{context} (started at line {started.line + 1}, column {started.column + 1})"
    reason = ": ".join(str(part) for part in (context, exc.problem) if part)
    return YamlError(where, f"YAML syntax error: {reason}")


_AT = re.compile(r"at line (\d+), column (\d+)")


def _explain(text: str, fast_error: Exception) -> YamlError:
    """A located error for a document the fast parser refused."""
    try:
        node = _compose(text)
    except yaml.YAMLError as exc:
        return _syntax_error(exc)
    duplicates: list[Loc] = []
    positions: dict[Loc, Position] = {}
    if node is not None:
        _index(node, (), positions, duplicates)
    if duplicates:
        loc = duplicates[0]
        where = positions[(*loc, DUPLICATE)]
        return YamlError(where, f"YAML error: the key {loc[-1]!r} appears twice in one mapping")
    message = str(fast_error).splitlines()[0] if str(fast_error) else "not YAML"
    found = _AT.search(message)
    where = Position(int(found[1]), int(found[2])) if found else Position(1, 1)
    return YamlError(where, f"YAML syntax error: {message}")


def read_yaml(path: Path, raw: bytes) -> YamlDocument:
    """Parse `raw` (the bytes of `path`); raise YamlError with a position on any failure."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise YamlError(
            _offset_position(raw, exc.start), f"invalid UTF-8 (byte 0x{raw[exc.start]:02x})"
        ) from None
    try:
        data = yaml_rs.loads(text, parse_datetime=False)
    except yaml_rs.YAMLDecodeError as exc:
        raise _explain(text, exc) from None
    if isinstance(data, list):
        try:  # several documents, or one that is a list: PyYAML tells which
            _compose(text)
        except yaml.YAMLError as exc:
            raise _syntax_error(exc) from None
    return YamlDocument(path, data, raw)
