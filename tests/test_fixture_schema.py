"""The committed JSON Schema of the fixture format: current, and true of every data file."""

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from app.fixture_schema import fixture_schema
from tests.conftest import DATA, ROOT

SCHEMA = ROOT / "schema" / "fixture.schema.json"


def test_committed_schema_is_current() -> None:
    committed = json.loads(SCHEMA.read_text())
    assert committed == fixture_schema(), "run `make schema`"


@pytest.mark.parametrize("path", sorted(DATA.glob("*.yaml")), ids=lambda p: p.name)
def test_every_data_file_names_and_meets_the_schema(path: Path) -> None:
    first = path.read_text().splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schema/fixture.schema.json"
    jsonschema.validate(yaml.safe_load(path.read_text()), json.loads(SCHEMA.read_text()))


def test_the_schema_refuses_what_the_checker_refuses() -> None:
    schema = json.loads(SCHEMA.read_text())
    cite = [{"source": "page", "paragraph": 1}]
    good = {"places": [{"id": "x", "name": "X", "kind": "city", "sources": cite}]}
    jsonschema.validate(good, schema)
    bad = {"places": [{"id": "x", "name": "X", "kind": "village", "sources": cite}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)
    event = {"id": "e", "name": "E", "classification": "visit", "sources": cite}
    unknown = {"events": [{**event, "colour": "red"}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(unknown, schema)
