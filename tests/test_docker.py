"""The Docker image built offline and run for real (scripts/docker-smoke.sh)."""

import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT

pytestmark = [pytest.mark.system, pytest.mark.nodb]


def test_image_builds_runs_healthy_and_answers() -> None:
    assert os.geteuid() == 0, "the smoke test starts a Docker engine: run it as root"
    result = subprocess.run(
        ["bash", "scripts/docker-smoke.sh"],
        cwd=ROOT,
        env={**os.environ, "PYTHON": sys.executable},
        capture_output=True,
        text=True,
        timeout=1500,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "docker-smoke: OK" in result.stdout
    assert "Timothy Kelly" in result.stdout
