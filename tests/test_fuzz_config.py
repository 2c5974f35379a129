"""schemathesis.toml and its hooks file: they load, name only checks that exist, switch none
off, give each deviation its reason, and let through nothing but what they document; and the
CI fuzz runs every check from the project's root, where it reads them."""

import contextlib
import importlib.resources
import importlib.util
import json
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import requests
import schemathesis
from fastapi.testclient import TestClient
from schemathesis.config._checks import (
    NEGATIVE_DATA_REJECTION_EXPECTED_STATUSES,
    POSITIVE_DATA_ACCEPTANCE_EXPECTED_STATUSES,
)
from schemathesis.core.failures import AcceptedNegativeData
from schemathesis.openapi.checks import RejectedPositiveData

from tests.conftest import ROOT

pytestmark = pytest.mark.nodb

CONFIG = ROOT / "schemathesis.toml"
HOOKS = ROOT / "scripts" / "schemathesis_hooks.py"
# The checks schemathesis's own configuration schema knows by name.
SCHEMA = json.loads(
    importlib.resources.files("schemathesis.config").joinpath("schema.json").read_text()
)
KNOWN_CHECKS = set(SCHEMA["$defs"]["ChecksConfig"]["properties"]) - {"enabled"}


def load(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def config() -> dict[str, Any]:
    return tomllib.loads(CONFIG.read_text())


def test_schemathesis_loads_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # the hooks file is named from the root, where the fuzz runs
    loaded = schemathesis.Config.from_path(CONFIG)
    assert loaded.config_path == str(CONFIG)
    assert schemathesis.hooks.get_all_by_name("filter_failure")


def test_it_names_only_checks_that_exist_and_switches_none_off(config: dict[str, Any]) -> None:
    named = set(config.get("checks", {}))
    assert named
    assert named <= KNOWN_CHECKS

    def switches(table: Any, where: str) -> Iterator[str]:
        if isinstance(table, dict):
            for key, value in table.items():
                if key == "enabled" and value is not True:
                    yield where
                yield from switches(value, f"{where}.{key}")
        elif isinstance(table, list):
            for index, item in enumerate(table):
                yield from switches(item, f"{where}[{index}]")

    assert list(switches(config, "")) == []
    assert "operations" not in config  # nothing is set for one operation alone
    for key in ("exclude-checks", "phases", "generation"):
        assert key not in config, key


def test_each_setting_follows_its_reason() -> None:
    """Each table and each top-level key is preceded by a comment that says `Reason:`."""
    lines = CONFIG.read_text().splitlines()
    settings = 0
    in_table = False
    for number, line in enumerate(lines):
        starts_table = line.startswith("[")
        top_level_key = not in_table and line[:1].isalpha()
        in_table = in_table or starts_table
        if not (starts_table or top_level_key):
            continue
        settings += 1
        above = []
        for previous in reversed(lines[:number]):
            if not previous.startswith("#"):
                break
            above.append(previous)
        assert any(c.startswith("# Reason: ") for c in above), f"line {number + 1}: {line}"
    assert settings == 3


def test_the_statuses_added_are_414_alone(config: dict[str, Any]) -> None:
    checks = config["checks"]
    expected = {
        "positive_data_acceptance": POSITIVE_DATA_ACCEPTANCE_EXPECTED_STATUSES,
        "negative_data_rejection": NEGATIVE_DATA_REJECTION_EXPECTED_STATUSES,
    }
    for name, defaults in expected.items():
        given = checks[name]["expected-statuses"]
        assert sorted(given) == sorted([*defaults, "414"]), name


@pytest.fixture(scope="module")
def hooks() -> ModuleType:
    return load(HOOKS, "schemathesis_hooks_under_test")


def answer(status: int, body: object) -> schemathesis.Response:
    return schemathesis.Response(
        status_code=status,
        headers={"content-type": ["application/problem+json"]},
        content=json.dumps(body).encode(),
        request=requests.PreparedRequest(),
        elapsed=0.0,
        verify=True,
    )


def test_the_hook_drops_only_the_refusal_of_a_cursor_never_issued(hooks: ModuleType) -> None:
    rejected = RejectedPositiveData(
        operation="GET /v1/places", message="", status_code=422, allowed_statuses=["2xx"]
    )
    accepted = AcceptedNegativeData(
        operation="GET /v1/places", message="", status_code=422, expected_statuses=["422"]
    )
    cursor = {"name": "cursor", "in": "query", "reason": "not a cursor this API issued"}
    other = {"name": "limit", "in": "query", "reason": "too big"}
    keep = hooks.filter_failure
    assert keep(None, rejected, None, answer(422, {"errors": [cursor]})) is False
    assert keep(None, rejected, None, answer(422, {"errors": [cursor, other]})) is True
    assert keep(None, rejected, None, answer(422, {"errors": [other]})) is True
    assert keep(None, rejected, None, answer(400, {"errors": [cursor]})) is True
    assert keep(None, rejected, None, answer(422, "not json {")) is True
    assert keep(None, accepted, None, answer(422, {"errors": [cursor]})) is True


def test_the_hook_drops_only_the_refusal_of_a_graph_too_large(hooks: ModuleType) -> None:
    rejected = RejectedPositiveData(
        operation="GET /v1/graph", message="", status_code=422, allowed_statuses=["2xx"]
    )
    accepted = AcceptedNegativeData(
        operation="GET /v1/graph", message="", status_code=422, expected_statuses=["422"]
    )
    too_large = {"title": hooks.GRAPH_TOO_LARGE, "errors": [{"name": "place", "in": "query"}]}
    keep = hooks.filter_failure
    assert keep(None, rejected, None, answer(422, too_large)) is False
    other = {**too_large, "errors": [{"name": "kind", "in": "query"}]}
    assert keep(None, rejected, None, answer(422, other)) is True
    assert keep(None, rejected, None, answer(422, {**too_large, "title": "Invalid"})) is True
    assert keep(None, rejected, None, answer(422, {**too_large, "errors": []})) is True
    assert keep(None, rejected, None, answer(400, too_large)) is True
    assert keep(None, accepted, None, answer(422, too_large)) is True


def test_the_hook_knows_what_the_api_answers(client: TestClient, hooks: ModuleType) -> None:
    body = client.get("/v1/places?cursor=AAAAAAAA").json()
    assert body["errors"] == hooks.NOT_ISSUED
    graph = client.get("/v1/graph?place=changchun&limit=2").json()
    assert graph["title"] == hooks.GRAPH_TOO_LARGE
    assert [e["name"] for e in graph["errors"]] == ["place"]


def test_the_hooks_file_defines_one_hook(hooks: ModuleType) -> None:
    decorated = [name for name in vars(hooks) if name in schemathesis.hooks.HookDispatcher._specs]
    assert decorated == ["filter_failure"]


def test_the_ci_fuzz_runs_every_check_from_the_root_with_the_config(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fuzz = load(ROOT / "scripts" / "fuzz.py", "fuzz_under_test")
    ran: list[tuple[list[str], Any]] = []

    @contextlib.contextmanager
    def serve() -> Iterator[tuple[str, None]]:
        yield "http://127.0.0.1:1", None

    class Done:
        returncode = 0

    def run(command: list[str], cwd: Any = None, check: bool = False) -> Done:
        ran.append((command, cwd))
        return Done()

    monkeypatch.setattr(fuzz, "serve", serve)
    monkeypatch.setattr(fuzz.subprocess, "run", run)
    monkeypatch.setattr(sys, "argv", ["fuzz.py", "--max-examples", "15"])
    assert fuzz.main() == 0
    [(command, cwd)] = ran
    assert Path(cwd) == ROOT
    assert command[command.index("--checks") + 1] == "all"
    assert Path(command[command.index("--config-file") + 1]) == CONFIG
    assert command[command.index("--max-examples") + 1] == "15"
    assert command[command.index("run") + 1] == "http://127.0.0.1:1/openapi.json"
    for narrowing in ("--exclude-checks", "--phases", "--include-path", "--exclude-path"):
        assert narrowing not in command
