"""Fuzz the whole OpenAPI document with schemathesis against a live server on loopback.

    python scripts/fuzz.py                    # bounded run, as in CI
    python scripts/fuzz.py --max-examples 500 # the deep run

Starts `python -m app serve` on a free port, runs the five response checks over the examples,
coverage and fuzzing phases, stops the server by its PID, and exits with schemathesis's code.
"""

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.live import serve

CHECKS = [
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_schema_conformance",
    "response_headers_conformance",
]


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
            "run",
            f"{base}/openapi.json",
            "--checks",
            ",".join(CHECKS),
            "--phases",
            "examples,coverage,fuzzing",
            "--max-examples",
            str(args.max_examples),
            "--workers",
            args.workers,
            "--request-timeout",
            "20",
        ]
        if args.seed is not None:
            command += ["--seed", str(args.seed)]
        return subprocess.run(command, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
