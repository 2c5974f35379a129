"""The bounded CI runs of the fuzzer and the soak (their deep runs are documented in README)."""

import json
import subprocess
import sys

import pytest

from app.main import create_app
from tests.live import ROOT

pytestmark = pytest.mark.system


def test_fuzz_whole_openapi_document() -> None:
    result = subprocess.run(
        [sys.executable, "scripts/fuzz.py", "--max-examples", "15", "--seed", "20261128"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "No issues found" in result.stdout
    operations = sum(len(item) for item in create_app().openapi()["paths"].values())
    assert f"{operations} selected / {operations} total" in result.stdout  # all of them


def test_short_soak() -> None:
    result = subprocess.run(
        [sys.executable, "bench/soak.py", "--duration", "30"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    summary = json.loads(result.stdout)
    assert summary["requests"] > 0
    assert summary["unexpected"] == 0
    assert summary["rss_growth_pct"] < 10
