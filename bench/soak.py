"""A bounded soak on loopback: every route at fixed concurrency for a fixed time.

    python bench/soak.py --duration 30     # as in CI
    python bench/soak.py --duration 600    # the 10-minute run

Starts the API (`python -m app serve`, pinned to core 0 where there are two), drives it with
`wrk` (pinned to core 1) through a mix of every GET route, samples the server's resident memory
once a second, and fails unless: no answer was other than 200, no connection error occurred,
and resident memory after warm-up grew less than 10%.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.live import free_port, stop, wait_ready  # noqa: E402

MEETING = "changchun-mfao-discussion-and-negotiation-meeting-2023-08-23"


def route_mix(base: str) -> list[str]:
    """One URL a route (several for lists: paged, filtered, searched), all answering 200."""
    with urllib.request.urlopen(f"{base}/openapi.json") as response:
        document = json.load(response)
    urls: list[str] = []
    for path, item in document["paths"].items():
        if "get" not in item:
            continue
        operation = item["get"]
        params = [p for p in operation.get("parameters", []) if p["in"] == "path"]
        url = path.replace("{id}", params[0]["schema"]["examples"][0]) if params else path
        if path.endswith("/events/{id}/events"):
            url = path.replace("{id}", "california-baja-california-delegation-changchun-visit-2023")
        if path == "/v1/search":
            url += "?q=changchun"
        urls.append(url)
    urls += [
        "/v1/delegates?limit=1",
        "/v1/organizations?classification=company&sort=-name",
        "/v1/events?from=2023-08&to=2024&sort=start",
        "/v1/places?q=baja",
        "/v1/search?q=kelly",
        f"/v1/events/{MEETING}/participants?limit=3",
    ]
    return urls


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def pinned(command: list[str], core: int) -> list[str]:
    if shutil.which("taskset") and (os.cpu_count() or 1) > 1:
        return ["taskset", "-c", str(core), *command]
    return command


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--duration", type=int, default=30, help="seconds of load")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--warmup", type=int, default=None, help="seconds before the RSS baseline")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        print("soak: wrk is not installed (apt-get install wrk)", file=sys.stderr)
        return 2
    warmup = args.warmup if args.warmup is not None else max(5, args.duration // 5)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        pinned([sys.executable, "-m", "app", "serve", "--port", str(port)], 0),
        cwd=ROOT,
        env={**os.environ, "REGISTRY_LOG_FORMAT": "text"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_ready(port, server)
        with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as handle:
            handle.write("\n".join(route_mix(base)) + "\n")
            url_file = handle.name
        samples: list[tuple[float, int]] = []
        finished = threading.Event()

        def sample() -> None:
            started = time.monotonic()
            while not finished.wait(1.0):
                samples.append((time.monotonic() - started, rss_kib(server.pid)))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        wrk = subprocess.run(
            pinned(
                [
                    "wrk",
                    "-t2",
                    f"-c{args.connections}",
                    f"-d{args.duration}s",
                    "--timeout",
                    "10s",
                    "-s",
                    str(ROOT / "bench" / "soak.lua"),
                    base,
                    "--",
                    url_file,
                ],
                1,
            ),
            capture_output=True,
            text=True,
            check=False,
        )
        finished.set()
        sampler.join()
        os.unlink(url_file)
    finally:
        stop(server)
    lines = [line for line in wrk.stdout.splitlines() if line.startswith("SOAK ")]
    if wrk.returncode != 0 or not lines:
        print(wrk.stdout, wrk.stderr, file=sys.stderr)
        return 1
    result = json.loads(lines[0].removeprefix("SOAK "))
    after_warmup = [kib for t, kib in samples if t >= warmup]
    baseline, final = after_warmup[0], after_warmup[-1]
    growth = (final - baseline) / baseline
    result.update(
        duration_s=args.duration,
        connections=args.connections,
        requests_per_s=round(result["requests"] / args.duration, 1),
        rss_baseline_mib=round(baseline / 1024, 1),
        rss_final_mib=round(final / 1024, 1),
        rss_peak_mib=round(max(kib for _, kib in samples) / 1024, 1),
        rss_growth_pct=round(growth * 100, 2),
    )
    print(json.dumps(result, indent=2))
    errors = result["connect"] + result["read"] + result["write"] + result["timeout"]
    failures = []
    if result["unexpected"]:
        failures.append(f"{result['unexpected']} answers other than 200")
    if errors:
        failures.append(f"{errors} connection errors")
    if growth >= 0.10:
        failures.append(f"RSS grew {growth:.1%} after warm-up")
    if result["requests"] == 0:
        failures.append("no request completed")
    for failure in failures:
        print(f"soak: FAIL: {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
