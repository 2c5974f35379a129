"""Reading YAML while remembering where every value stood (line and column, 1-based)."""

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

try:
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

Loc = tuple[str | int, ...]
KEY = "\0key"  # a Loc ending in KEY is where the key itself stands, not its value


class _Loader(_BaseLoader):
    """Safe loader that leaves dates as text: partial dates are parsed by the schema."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class Position:
    line: int
    column: int


@dataclass
class YamlDocument:
    path: Path
    data: Any
    positions: dict[Loc, Position] = field(default_factory=dict)

    def position(self, loc: Loc) -> Position:
        """Where `loc` (or its nearest ancestor that exists) stands in the file."""
        for end in range(len(loc), -1, -1):
            found = self.positions.get(loc[:end])
            if found is not None:
                return found
        return Position(1, 1)


class YamlError(Exception):
    def __init__(self, position: Position, message: str) -> None:
        super().__init__(message)
        self.position = position
        self.message = message


def _index(node: yaml.Node, loc: Loc, out: dict[Loc, Position]) -> None:
    mark = node.start_mark
    out[loc] = Position(mark.line + 1, mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                key = str(key_node.value)
                key_mark = key_node.start_mark
                out[(*loc, key, KEY)] = Position(key_mark.line + 1, key_mark.column + 1)
                _index(value_node, (*loc, key), out)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _index(item, (*loc, i), out)


def _offset_position(raw: bytes, offset: int) -> Position:
    before = raw[:offset]
    line = before.count(b"\n") + 1
    return Position(line, offset - (before.rfind(b"\n") + 1) + 1)


def read_yaml(path: Path, raw: bytes) -> YamlDocument:
    """Parse `raw` (the bytes of `path`); raise YamlError with a position on any failure."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise YamlError(
            _offset_position(raw, exc.start), f"invalid UTF-8 (byte 0x{raw[exc.start]:02x})"
        ) from None
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return YamlDocument(path, None, {(): Position(1, 1)})
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Position(mark.line + 1, mark.column + 1) if mark else Position(1, 1)
        context = exc.context
        if context and exc.context_mark and exc.context_mark is not mark:
            started = exc.context_mark
            context = f"{context} (started at line {started.line + 1}, column {started.column + 1})"
        reason = ": ".join(str(part) for part in (context, exc.problem) if part)
        raise YamlError(where, f"YAML syntax error: {reason}") from None
    except yaml.YAMLError as exc:
        raise YamlError(Position(1, 1), f"YAML error: {exc}") from None
    finally:
        loader.dispose()
    positions: dict[Loc, Position] = {}
    _index(node, (), positions)
    return YamlDocument(path, data, positions)
