"""How each route's cold latency grows with the registry: 10, 100 and 1,000 visits.

    python bench/growth.py                         # about 2 minutes
    python bench/growth.py --sizes 10 100 --requests 10

For each size it generates the registry (bench/generate.py, cached under --root), starts the
API on it, and times each route's cold requests (`Cache-Control: no-cache`: rendered, not
from the response cache) one after the other, on loopback. It prints the median per size and
the ratio of the largest to the smallest, which stays near 1 for a route that does not grow
with the registry. Also run by bench/run.py.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.live import serve  # noqa: E402


def cold_ms(url: str, requests: int) -> float:
    """Median milliseconds of `requests` cold GETs of `url` (after one to warm the process)."""
    times = []
    for i in range(requests + 1):
        request = urllib.request.Request(url, headers={"Cache-Control": "no-cache"})
        began = time.perf_counter()
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                response.read()
        except urllib.error.HTTPError as error:
            detail = error.read()[:300]
            raise SystemExit(f"growth: {url} answered {error.code}: {detail!r}") from None
        if i:
            times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


def first_id(base: str, path: str) -> str:
    with urllib.request.urlopen(f"{base}{path}", timeout=60) as response:
        item_id: str = json.load(response)["items"][0]["id"]
        return item_id


def route_urls(base: str) -> dict[str, str]:
    """The same questions at every size: ids are read from the registry being measured."""
    person = first_id(base, "/v1/delegates?sort=-id&limit=1")
    org = first_id(base, "/v1/organizations?sort=-id&limit=1")
    event = first_id(base, "/v1/events?classification=visit&limit=1")
    source = first_id(base, "/v1/sources?sort=-id&limit=1")
    with urllib.request.urlopen(f"{base}/v1/delegates?sort=id&limit=100", timeout=60) as page:
        cursor = json.load(page)["next_cursor"]
    return {
        "first page": "/v1/delegates?limit=50",
        "detail": f"/v1/delegates/{person}",
        "filtered": "/v1/events?classification=meeting&limit=50",
        "q in a list": "/v1/delegates?q=kelly&limit=50",
        "search": "/v1/search?q=kelly&limit=50",
        "next page": f"/v1/delegates?sort=id&limit=50&cursor={cursor}",
        "sub-collection": f"/v1/organizations/{org}/delegates?limit=50",
        "facets": "/v1/events?facets=year,origin,classification&limit=50",
        # Facets under a filter count over every record it selects (a tenth of the delegates).
        "facets, filtered": "/v1/delegates?facets=organization,event&role=accompanying&limit=50",
        "timeline": "/v1/timeline?limit=50",
        "graph (event)": f"/v1/graph?event={event}",
        "source detail": f"/v1/sources/{source}",
        "source records": f"/v1/sources/{source}/records?limit=50",
        "healthz": "/healthz",
    }


def registry(root: Path, visits: int) -> Path:
    folder = root / f"visits-{visits}"
    if not any(folder.glob("visit-*.yaml")):
        subprocess.run(
            [sys.executable, "bench/generate.py", "--out", str(folder), "--visits", str(visits)],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
    return folder


def growth(
    sizes: list[int], root: Path, requests: int, env: dict[str, str] | None = None
) -> dict[str, dict[int, float]]:
    """{route: {visits: median cold ms}}; prints the table as it goes."""
    table: dict[str, dict[int, float]] = {}
    for visits in sizes:
        folder = registry(root, visits)
        settings = {"REGISTRY_DATA_DIR": str(folder), "REGISTRY_SNAPSHOT_DIR": "", **(env or {})}
        with serve(settings) as (base, _):
            for name, path in route_urls(base).items():
                table.setdefault(name, {})[visits] = cold_ms(base + path, requests)
    smallest, largest = min(sizes), max(sizes)
    header = f"{'route':<18}" + "".join(f"{f'{s} visits':>13}" for s in sizes)
    header += f"{f'{largest} / {smallest}':>13}"
    print("== cold latency (median ms) as the registry grows")
    print(header)
    print("-" * len(header))
    for name, by_size in table.items():
        ratio = by_size[largest] / max(by_size[smallest], 0.001)
        cells = "".join(f"{by_size[s]:>13.1f}" for s in sizes)
        print(f"{name:<18}{cells}{ratio:>13.2f}")
    return table


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--requests", type=int, default=20, help="cold requests per route")
    parser.add_argument(
        "--root", type=Path, default=Path(tempfile.gettempdir()) / "registry-growth"
    )
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL")
    env = {"DATABASE_URL": url, "REGISTRY_DATABASE_URL": url} if url else None
    table = growth(sorted(args.sizes), args.root, args.requests, env)
    if args.json:
        args.json.write_text(json.dumps(table, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
