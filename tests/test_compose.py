"""compose.yaml run for real, offline (scripts/compose-smoke.sh): PostgreSQL, the loader, two
read-only replicas and nginx, with Debian's docker-compose against a local Docker engine."""

import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT

pytestmark = [pytest.mark.system, pytest.mark.nodb]


def test_compose_file_is_valid() -> None:
    result = subprocess.run(
        ["docker-compose", "-f", "compose.yaml", "-f", "compose.offline.yaml", "config", "-q"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr


def test_compose_stack_runs_and_answers_through_nginx() -> None:
    assert os.geteuid() == 0, "the smoke test starts a Docker engine: run it as root"
    result = subprocess.run(
        ["bash", "scripts/compose-smoke.sh"],
        cwd=ROOT,
        env={**os.environ, "PYTHON": sys.executable},
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "compose-smoke: OK" in result.stdout
    assert "3 delegates" in result.stdout or "delegates; data version" in result.stdout
