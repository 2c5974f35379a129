"""The TypeScript client: its types are the committed contract, it compiles, and it works."""

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.live import serve

pytestmark = [pytest.mark.system, pytest.mark.nodb]

CLIENT = ROOT / "clients" / "typescript"


def npm(*args: str, cwd: Path = CLIENT) -> subprocess.CompletedProcess[str]:
    npm_path = shutil.which("npm")
    assert npm_path, "Node.js and npm are needed (apt-get install nodejs npm)"
    result = subprocess.run(
        [npm_path, *args], cwd=cwd, capture_output=True, text=True, timeout=600, check=False
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result


@pytest.fixture(scope="module")
def installed() -> None:
    npm("ci", "--no-audit", "--no-fund")


def test_types_are_generated_from_the_committed_contract(installed: None, tmp_path: Path) -> None:
    fresh = tmp_path / "schema.d.ts"
    npm("exec", "--", "openapi-typescript", "../../openapi/openapi.json", "-o", str(fresh))
    committed = (CLIENT / "src" / "schema.d.ts").read_text()
    assert fresh.read_text() == committed, "run `npm run generate` in clients/typescript"


def test_client_typechecks(installed: None) -> None:
    npm("run", "typecheck")


def test_example_lists_delegates_and_reads_one(installed: None) -> None:
    npm("run", "build")
    with serve() as (base, _):
        result = npm("run", "example", "--", base)
    assert "Timothy Kelly: President and CEO, Imperial Valley EDC (2023-08-22)" in result.stdout
    # each person's latest title, whatever the number of visits that name them
    assert (
        "Ou Shuo: Deputy Director, Changchun Municipal Foreign Affairs Office (2024-08-01)"
        in result.stdout
    )
    assert "Timothy Kelly took part in 1 event(s):" in result.stdout
    assert "as accompanying (visiting)" in result.stdout
    assert 'ETag "' in result.stdout
