"""The loader and `python -m app check`: every broken fixture is refused with its location."""

import random
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import inspect

from app.__main__ import main
from app.ingest.invalid import FixtureInvalid
from app.ingest.loader import load
from app.ingest.validate import validate
from app.store.db import Database
from tests.conftest import DATA, ROOT

FIXTURES = Path(__file__).resolve().parent / "fixtures"
BROKEN = FIXTURES / "broken"


def check(capsys: pytest.CaptureFixture[str], *paths: Path) -> tuple[int, list[str]]:
    code = main(["check", *map(str, paths)])
    lines = capsys.readouterr().err.splitlines()
    return code, lines


def test_seed_data_is_valid(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(DATA)]) == 0
    assert "ok: " in capsys.readouterr().out


def test_minimal_fixture_is_valid() -> None:
    registry = validate([FIXTURES / "minimal.yaml"])
    assert [e.id for e in registry.items("events")] == ["conference", "session"]


@pytest.mark.parametrize(
    ("name", "where", "field", "message"),
    [
        ("syntax.yaml", "4:7", "", "YAML syntax error: while parsing a flow sequence"),
        ("unknown_key.yaml", "6:5", "places[0].nmae", "unknown key 'nmae'"),
        ("wrong_type.yaml", "9:15", "events[0].sequence", "valid integer"),
        ("impossible_date.yaml", "9:12", "events[0].start", "February 2023 has 28 days"),
        ("duplicate_id.yaml", "9:9", "places[1].id", "duplicate place id 'somewhere'"),
        ("dangling.yaml", "8:13", "places[0].parent", "unknown place 'atlantis'"),
        ("child_outside_parent.yaml", "17:12", "events[1].start", "after its parent 'conference'"),
        ("empty.yaml", "1:1", "", "file is empty"),
        ("list_top_level.yaml", "1:1", "", "top level must be a mapping, not list"),
        ("duplicate_key.yaml", "4:5", "", "the key 'title' appears twice in one mapping"),
        ("two_documents.yaml", "2:1", "", "expected a single document"),
    ],
)
def test_broken_fixture_is_refused_with_its_location(
    capsys: pytest.CaptureFixture[str], name: str, where: str, field: str, message: str
) -> None:
    code, lines = check(capsys, BROKEN / name)
    assert code == 1
    assert lines[-1] == "1 error"
    prefix = f"{BROKEN / name}:{where}: " + (f"{field}: " if field else "")
    assert lines[0].startswith(prefix), lines[0]
    assert message in lines[0]


def test_one_record_across_files_must_agree(capsys: pytest.CaptureFixture[str]) -> None:
    code, lines = check(capsys, BROKEN / "across")
    assert code == 1
    assert lines[0] == (
        f"{BROKEN / 'across' / 'b.yaml'}:7:11: places[1].name: place 'somewhere' is given "
        f"name 'Somewhere' at {BROKEN / 'across' / 'a.yaml'}:5:5, 'Somewhere, again' here: "
        "one record has one name (put another spelling in other_names)"
    )
    assert lines[-1] == "1 error"


VISIT_A = """\
sources:
  - {id: page-a, title: Page A}
organizations:
  - {id: office, name: The Office, sources: [{source: page-a, paragraph: 1}]}
people:
  - id: ou-shuo
    name: Ou Shuo
    positions:
      - {title: Deputy Director General, organization: office, date: "2019-09-18",
         sources: [{source: page-a, paragraph: 1}]}
    sources: [{source: page-a, paragraph: 1}]
"""
VISIT_B = """\
sources:
  - {id: page-b, title: Page B}
organizations:
  - id: office
    name: The Office
    other_names: [{name: Office of Changchun, sources: [{source: page-b, paragraph: 0}]}]
    classification: government_office
    sources: [{source: page-b, paragraph: 2}]
people:
  - id: ou-shuo
    name: Ou Shuo
    positions:
      - {title: Deputy Director, organization: office, date: "2023-05",
         sources: [{source: page-b, paragraph: 2}]}
    sources: [{source: page-b, paragraph: 2}]
"""


def test_the_same_id_in_two_files_is_one_record(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(VISIT_A)
    (tmp_path / "b.yaml").write_text(VISIT_B)
    registry = validate([tmp_path])
    [person] = list(registry.items("people"))
    assert [(p.title, p.date) for p in person.positions] == [
        ("Deputy Director General", "2019-09-18"),
        ("Deputy Director", "2023-05"),
    ]
    assert [c.source for c in person.sources] == ["page-a", "page-b"]
    [office] = list(registry.items("organizations"))
    # a value one file leaves out is taken from the other; lists are combined
    assert office.classification == "government_office"
    assert [o.name for o in office.other_names] == ["Office of Changchun"]
    assert [c.source for c in office.sources] == ["page-a", "page-b"]


def test_every_error_in_a_file_is_reported(capsys: pytest.CaptureFixture[str]) -> None:
    code, lines = check(capsys, BROKEN / "three_errors.yaml")
    assert code == 1
    path = BROKEN / "three_errors.yaml"
    assert lines == [
        f"{path}:7:11: places[0].kind: 'village' is not one of "
        "'country', 'state', 'province', 'region', 'city' or 'district'",
        f"{path}:13:13: events[0].status: 'happening' is not one of "
        "'tentative', 'confirmed', 'passed' or 'cancelled'",
        f"{path}:15:5: events[0].colour: unknown key 'colour'",
        "3 errors",
    ]


def test_invalid_utf8(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("sources:\n  - id: note\n    title: Caf\xe9\n".encode("latin-1"))
    code, lines = check(capsys, path)
    assert code == 1
    assert lines[0] == f"{path}:3:15: invalid UTF-8 (byte 0xe9)"


def test_ten_megabytes_of_junk(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "junk.yaml"
    junk = random.Random(7).randbytes(10 * 1024 * 1024)
    path.write_bytes(b"sources: []\n" + junk)
    code, lines = check(capsys, path)
    assert code == 1
    assert lines[0].startswith(f"{path}:")
    line, column = lines[0].removeprefix(f"{path}:").split(":")[:2]
    assert int(line) >= 2
    assert int(column) >= 1


def test_ten_megabytes_of_text_junk(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "text-junk.yaml"
    rng = random.Random(11)
    alphabet = "abc xyz:-[]{},#'\"\n\t"
    path.write_text("".join(rng.choice(alphabet) for _ in range(10 * 1024 * 1024)))
    code, lines = check(capsys, path)
    assert code == 1
    assert lines[0].startswith(f"{path}:")


def test_missing_path(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, lines = check(capsys, tmp_path / "nope.yaml")
    assert code == 1
    assert "cannot read" in lines[0]


def test_check_command_exit_codes() -> None:
    ok = subprocess.run(
        [sys.executable, "-m", "app", "check", "data"], cwd=ROOT, capture_output=True, text=True
    )
    assert ok.returncode == 0, ok.stderr
    bad = subprocess.run(
        [sys.executable, "-m", "app", "check", str(BROKEN / "dangling.yaml")],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 1
    assert "dangling.yaml:8:13: places[0].parent: unknown place 'atlantis'" in bad.stderr


def test_broken_fixture_leaves_the_database_untouched() -> None:
    database = Database("sqlite://")
    try:
        with pytest.raises(FixtureInvalid):
            load([BROKEN / "dangling.yaml"], database.engine.begin)
        with database.engine.connect() as connection:
            assert inspect(connection).get_table_names() == []
    finally:
        database.close()


def test_good_files_merge_into_one_registry(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_bytes((FIXTURES / "minimal.yaml").read_bytes())
    (tmp_path / "b.yaml").write_text(
        "places:\n  - id: elsewhere\n    name: Elsewhere\n    kind: city\n"
        "    parent: somewhere\n    sources: [{source: note}]\n"
    )
    database = Database("sqlite://")
    try:
        result = load([tmp_path], database.engine.begin)
        assert result.counts["places"] == 2
        assert result.files == ["a.yaml", "b.yaml"]
    finally:
        database.close()


def test_content_hash_follows_the_files(tmp_path: Path) -> None:
    from app.store.version import content_hash

    fixture = tmp_path / "visit.yaml"
    fixture.write_bytes((FIXTURES / "minimal.yaml").read_bytes())
    first = content_hash([tmp_path])
    assert content_hash([tmp_path]) == first  # asked again: the same answer
    fixture.write_bytes(fixture.read_bytes() + b"# an edit\n")
    assert content_hash([tmp_path]) != first
    (tmp_path / "more.yaml").write_text("places: []\n")
    assert len({first, content_hash([tmp_path])}) == 2
