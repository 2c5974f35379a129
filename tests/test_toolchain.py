"""The locked toolchain: uv.lock matches pyproject.toml, and the Docker image's requirements
are the lock's runtime packages."""

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.nodb


def uv() -> str:
    found = ROOT / ".tools" / "bin" / "uv"
    path = str(found) if found.exists() else shutil.which("uv")
    assert path, "uv is needed: `make test` installs it into .tools/"
    return path


def run(*args: str) -> str:
    result = subprocess.run(
        [uv(), *args], cwd=ROOT, capture_output=True, text=True, timeout=300, check=False
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def test_lock_matches_pyproject() -> None:
    run("lock", "--check")


def test_docker_requirements_are_the_locked_runtime(tmp_path: Path) -> None:
    exported = tmp_path / "requirements.txt"
    run(
        "export",
        "--frozen",
        "--no-default-groups",
        "--no-emit-project",
        "--no-hashes",
        "--format",
        "requirements-txt",
        "--quiet",
        "-o",
        str(exported),
    )

    def pins(text: str) -> list[str]:
        return [line for line in text.splitlines() if line and not line.startswith(("#", " "))]

    assert pins(exported.read_text()) == pins((ROOT / "requirements.txt").read_text())
    assert not any(tool in (ROOT / "requirements.txt").read_text() for tool in ("pytest", "mypy"))
