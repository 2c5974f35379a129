"""Fuzz the whole OpenAPI document with schemathesis against a live server on loopback.

    python scripts/fuzz.py                    # bounded run, as in CI
    python scripts/fuzz.py --max-examples 500 # the deep run

Starts `python -m app serve` on a free port, runs every check (`--checks all`) over every
phase from the project's root, so that schemathesis reads schemathesis.toml (the deviations
the API documents, with their reasons, and the hooks file), stops the server by its PID, and
exits with schemathesis's code.
"""

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.live import ROOT, serve

CONFIG = ROOT / "schemathesis.toml"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--max-examples", type=int, default=25)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--workers", default="1")
    args = parser.parse_args()
    schemathesis = shutil.which("schemathesis") or str(Path(sys.executable).parent / "schemathesis")
    with serve() as (base, _):
        command = [
            schemathesis,
            "--config-file",
            str(CONFIG),
            "run",
            f"{base}/openapi.json",
            "--checks",
            "all",
            "--max-examples",
            str(args.max_examples),
            "--workers",
            args.workers,
            "--request-timeout",
            "20",
        ]
        if args.seed is not None:
            command += ["--seed", str(args.seed)]
        return subprocess.run(command, cwd=ROOT, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
