"""The committed JSON Schema of the fixture format: current, and true of every data file."""

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from app.ingest.fixture_schema import fixture_schema
from tests.conftest import DATA, ROOT

pytestmark = pytest.mark.nodb

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


def test_the_check_command_names_a_file_that_breaks_the_schema(tmp_path: Path) -> None:
    from app.ingest.fixture_schema import HEADER, check

    (tmp_path / "good.yaml").write_text(HEADER + "\nsources: []\n")
    assert check(tmp_path) == []
    (tmp_path / "bad.yaml").write_text("places: [{id: x, name: X, kind: village}]\n")
    problems = check(tmp_path)
    assert any("bad.yaml:1: the first line" in p for p in problems)
    assert any("bad.yaml: places.0" in p for p in problems)


def test_pre_commit_hooks_pass() -> None:
    import subprocess

    result = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "pre-commit"), "run", "--all-files"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


def test_the_schema_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from app.ingest.fixture_schema import main

    out = tmp_path / "schema.json"
    assert main(["--output", str(out)]) == 0
    assert json.loads(out.read_text()) == json.loads(SCHEMA.read_text())
    assert main(["--check", str(DATA)]) == 0
    (tmp_path / "bad.yaml").write_text("places: [{id: x}]\n")
    assert main(["--check", str(tmp_path)]) == 1
    assert "bad.yaml" in capsys.readouterr().out
