"""Side-by-side benchmark on loopback: this API, Datasette, a bare-ASGI ceiling and nginx.

    make bench                                                       # about 10 minutes
    python bench/run.py --visits 100 --duration 3                    # a quick look
    python bench/run.py --database-url postgresql+psycopg://postgres@127.0.0.1:54329/registry

It generates the synthetic registry (bench/generate.py) unless it exists, loads it into a
SQLite file with this API's own loader (so Datasette serves the same rows), and starts each
server pinned to core 0 while `wrk -t1 -c32` runs pinned to core 1. Per route it prints
req/s, p50 and p99 and the ratios against Datasette and the ceiling measured in this run.

"hot" repeats one URL (this API answers from its response cache); "cold" sends
`Cache-Control: no-cache`, which makes this API render every response again, as for the
first request of a URL. Datasette keeps no response cache, so its hot and cold are the same
work. It also measures start-up: time to ready and peak RSS, against PyYAML's C loader plus
ORM inserts of the same rows (bench/baseline_load.py).

With --database-url of a PostgreSQL server this API serves from PostgreSQL: the run creates a
database of its own on that server (so the cold start really loads; the role needs CREATEDB)
and drops it at the end; the growth runs use it too. Datasette serves SQLite only, so it
still reads the same rows from the SQLite file.
"""

import argparse
import json
import os
import platform
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, make_url, text

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from growth import growth  # noqa: E402  (bench/ is the script's own folder)

from app.queries.paging import encode_cursor  # noqa: E402
from app.store.db import is_postgresql  # noqa: E402
from tests.live import free_port  # noqa: E402

NGINX_CONF = """
worker_processes 1;
pid {root}/nginx.pid;
error_log {root}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {root}/body;
    proxy_temp_path {root}/proxy;
    fastcgi_temp_path {root}/fastcgi;
    uwsgi_temp_path {root}/uwsgi;
    scgi_temp_path {root}/scgi;
    server {{
        listen 127.0.0.1:{port};
        default_type application/json;
        location / {{ root {root}/static; }}
    }}
}}
"""


def pinned(command: list[str], core: int) -> list[str]:
    if shutil.which("taskset") and (os.cpu_count() or 1) > 1:
        return ["taskset", "-c", str(core), *command]
    return command


def wait_url(url: str, process: subprocess.Popen[bytes], timeout: float = 600) -> float:
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if process.poll() is not None:
            raise RuntimeError(f"{url}: server exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return time.monotonic() - started
        except urllib.error.HTTPError as exc:
            raise RuntimeError(f"{url}: answered {exc.code}") from exc
        except OSError:
            time.sleep(0.05)
    raise TimeoutError(url)


def peak_rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wrk(url: str, duration: int, headers: dict[str, str] | None = None) -> dict[str, float]:
    command = ["wrk", "-t1", "-c32", f"-d{duration}s", "--latency", "--timeout", "10s"]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    out = subprocess.run(pinned([*command, url], 1), capture_output=True, text=True, check=True)
    text = out.stdout

    def millis(label: str) -> float:
        found = re.search(rf"^\s+{label}\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
        if not found:
            return float("nan")
        value, unit = float(found[1]), found[2]
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    rate = re.search(r"Requests/sec:\s+([\d.]+)", text)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    errors = re.search(r"Socket errors: (.*)", text)
    if non2xx or errors:
        print(f"   ! {url}: {non2xx[0] if non2xx else ''} {errors[0] if errors else ''}")
    return {"rps": float(rate[1]) if rate else 0.0, "p50": millis("50%"), "p99": millis("99%")}


def routes(db: Path) -> dict[str, tuple[str, str]]:
    """(this API's URL, Datasette's URL) for the same question, per route."""
    with sqlite3.connect(db) as connection:
        count = connection.execute("SELECT count(*) FROM person").fetchone()[0]
        deep = connection.execute(
            "SELECT id FROM person ORDER BY id LIMIT 1 OFFSET ?", (int(count * 0.9),)
        ).fetchone()[0]
        person = connection.execute(
            "SELECT id FROM person ORDER BY id LIMIT 1 OFFSET ?", (count // 2,)
        ).fetchone()[0]
        org = connection.execute(
            "SELECT organization_id FROM position ORDER BY organization_id LIMIT 1 OFFSET ?",
            (count // 2,),
        ).fetchone()[0]
    cursor = encode_cursor("id", [deep])
    return {
        "first page": ("/v1/delegates?limit=50", "/registry/person.json?_size=50"),
        "detail": (f"/v1/delegates/{person}", f"/registry/person/{person}.json"),
        "filtered": (
            "/v1/events?classification=meeting&limit=50",
            "/registry/event.json?classification=meeting&_size=50",
        ),
        # Datasette with a full-text index on person.name, as a Datasette user would set it up
        # (`sqlite-utils enable-fts registry.db person name --fts5`; see fts_for_datasette).
        "q in a list": (
            "/v1/delegates?q=kelly&limit=50",
            "/registry/person.json?_search=kelly&_size=50",
        ),
        "search": ("/v1/search?q=kelly&limit=50", "/registry/person.json?_search=kelly&_size=50"),
        "page 90% deep": (
            f"/v1/delegates?sort=id&limit=50&cursor={cursor}",
            f"/registry/person.json?_size=50&_next={deep}",
        ),
        "sub-collection": (
            f"/v1/organizations/{org}/delegates?limit=50",
            f"/registry/position.json?organization_id={org}&_size=50",
        ),
    }


def out_of_reach(routes: dict[str, Any], floor: float, ceiling: float) -> str:
    """Each target missed in this run (cold 5x Datasette, hot 20x), with the time a request
    it leaves the application beyond what serving costs with no application work at all: a
    cold answer runs a FastAPI route in the thread pool (the bare FastAPI route's time), a
    hot one is answered by uvicorn (the bare ASGI app's). A negative budget is a target
    above its ceiling on this machine."""
    lines = []
    for name, r in routes.items():
        for label, times, bound in (("cold", 5, floor), ("hot", 20, ceiling)):
            target = times * r["datasette"]["rps"]
            if r[label]["rps"] >= target:
                continue
            budget_us = (1 / target - 1 / max(bound, 0.01)) * 1e6
            served = "FastAPI route" if label == "cold" else "bare ASGI app"
            lines.append(
                f"   {name} {label}: {times}x = {target:.0f} req/s, {r[label]['rps']:.0f} "
                f"measured; it leaves {budget_us:.1f} µs a request beside the "
                f"{1e6 / max(bound, 0.01):.1f} µs of the {served}"
                + (" (above the ceiling)" if budget_us < 0 else "")
            )
    if not lines:
        return "== every target met"
    return "== targets missed, and what each leaves the application:\n" + "\n".join(lines)


def fts_for_datasette(db: Path) -> None:
    """What `sqlite-utils enable-fts registry.db person name --fts5` creates, which Datasette
    finds and uses for `_search`."""
    with sqlite3.connect(db) as connection:
        connection.execute(
            "CREATE VIRTUAL TABLE [person_fts] USING FTS5 ([name], content=[person])"
        )
        connection.execute(
            "INSERT INTO [person_fts] (rowid, [name]) SELECT rowid, [name] FROM [person]"
        )


def local_postgresql(url: str) -> int | None:
    """The process id of the PostgreSQL server of `url` when it runs on this machine."""
    if make_url(url).host not in (None, "", "localhost", "127.0.0.1", "::1"):
        return None
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            backend = connection.execute(text("SELECT pg_backend_pid()")).scalar_one()
    finally:
        engine.dispose()
    try:
        status = Path(f"/proc/{backend}/status").read_text()
    except OSError:
        return None
    name = re.search(r"^Name:\s+(\S+)", status, re.M)
    parent = re.search(r"^PPid:\s+(\d+)", status, re.M)
    return int(parent[1]) if name and name[1] == "postgres" and parent else None


@contextmanager
def postgresql_pinned(url: str, core: int) -> Iterator[int | None]:
    """While inside, the PostgreSQL server of `url`, when it runs on this machine, starts
    its backends on `core` (this API's), as SQLite runs inside the API's process: so wrk keeps
    its core to itself. Yields the server's process id (None: not pinned); restores it after."""
    server = local_postgresql(url) if (os.cpu_count() or 1) > 1 else None
    before: set[int] | None = None
    if server is not None:
        try:
            before = os.sched_getaffinity(server)
            os.sched_setaffinity(server, {core})  # the backends it forks from now on inherit it
        except OSError:  # not ours to pin
            before = None
    try:
        yield server if before is not None else None
    finally:
        if server is not None and before is not None:
            os.sched_setaffinity(server, before)


@contextmanager
def scratch_database(url: str) -> Iterator[str]:
    """A new, empty database on the PostgreSQL server of `url`, dropped afterwards: the
    cold start then loads (in a database that holds the version already it would not)."""
    base = make_url(url)
    name = f"{base.database or 'registry'}_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            yield base.set(database=name).render_as_string(hide_password=False)
        finally:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=Path(tempfile.gettempdir()) / "registry-large")
    parser.add_argument("--visits", type=int, default=1000)
    parser.add_argument("--duration", type=int, default=5, help="seconds of wrk per measurement")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument(
        "--database-url",
        help="serve this API from this database (e.g. a PostgreSQL URL) instead of the embedded "
        "SQLite; Datasette keeps reading the same rows from SQLite",
    )
    parser.add_argument(
        "--growth", type=int, nargs="*", default=[10, 100, 1000], help="visits per growth run"
    )
    parser.add_argument(
        "--growth-root",
        type=Path,
        help="where the growth runs' registries are generated (default: registry-growth "
        "beside --data)",
    )
    args = parser.parse_args()
    if args.database_url and is_postgresql(args.database_url):
        with (
            scratch_database(args.database_url) as url,
            postgresql_pinned(url, 0) as server,
        ):
            if server is not None:
                print(f"== PostgreSQL (pid {server}) runs its backends on core 0, as this API")
            return run(args, url)
    return run(args, args.database_url)


def run(args: argparse.Namespace, database_url: str | None) -> int:
    for tool in ("wrk", "nginx"):
        if not shutil.which(tool) and not Path(f"/usr/sbin/{tool}").exists():
            print(f"bench: {tool} is missing (apt-get install {tool})", file=sys.stderr)
            return 2
    if not shutil.which("datasette") and not (Path(sys.executable).parent / "datasette").exists():
        print("bench: datasette is missing (pip install -e '.[bench]')", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="registry-bench-"))
    work.chmod(0o755)  # nginx's workers run as another user
    started = time.monotonic()
    if not any(args.data.glob("visit-*.yaml")):
        print(f"== generating {args.visits} visits into {args.data}")
        subprocess.run(
            [
                sys.executable,
                "bench/generate.py",
                "--out",
                str(args.data),
                "--visits",
                str(args.visits),
            ],
            cwd=ROOT,
            check=True,
        )
    size_mib = sum(p.stat().st_size for p in args.data.glob("*.yaml")) / 2**20
    print(
        f"== machine: {platform.platform()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}"
    )
    print(f"== registry: {len(list(args.data.glob('*.yaml')))} files, {size_mib:.1f} MiB of YAML")

    results: dict[str, Any] = {"startup": {}, "routes": {}}
    # -------------------------------------------------------------- start-up
    baseline = subprocess.run(
        pinned([sys.executable, "bench/baseline_load.py", str(args.data)], 0),
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    base = json.loads(baseline.stdout)
    env = {
        **os.environ,
        "REGISTRY_DATA_DIR": str(args.data),
        "REGISTRY_LOG_FORMAT": "text",
        "REGISTRY_SNAPSHOT_DIR": str(work / "snapshots"),
    }
    database = {}
    postgresql = database_url is not None and is_postgresql(database_url)
    if database_url:
        database = {"DATABASE_URL": database_url, "REGISTRY_DATABASE_URL": database_url}
        env.update(database)
        print(f"== this API reads {database_url.split('@')[-1]}")

    def start_api() -> tuple[subprocess.Popen[bytes], int, float, float]:
        port = free_port()
        api = subprocess.Popen(
            pinned([sys.executable, "-m", "app", "serve", "--port", str(port)], 0),
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        ready = wait_url(f"http://127.0.0.1:{port}/readyz", api)
        return api, port, ready, peak_rss_mib(api.pid)

    api, port, ready, rss = start_api()  # cold: no snapshot yet
    stop(api)
    api, port, warm, warm_rss = start_api()  # warm: the snapshot of the same fixtures
    baseline_s = base["parse_s"] + base["insert_s"]
    results["startup"] = {
        "cold_ready_s": round(ready, 2),
        "cold_peak_rss_mib": round(rss, 1),
        "warm_ready_s": round(warm, 2),
        "warm_peak_rss_mib": round(warm_rss, 1),
        "baseline": base,
    }
    print(
        f"== start-up, cold (parse, validate, load): ready in {ready:.1f} s, peak RSS {rss:.0f} MiB"
    )
    warm_kind = "version already published" if postgresql else "snapshot"
    print(f"   start-up, warm ({warm_kind}): ready in {warm:.2f} s, peak RSS {warm_rss:.0f} MiB")
    into = " (into SQLite in memory)" if postgresql else ""
    print(
        f"   baseline: PyYAML C loader {base['parse_s']} s + ORM inserts{into} "
        f"{base['insert_s']} s = {baseline_s:.1f} s -> this API is {baseline_s / ready:.2f}x "
        "faster"
    )

    # -------------------------------------------------------------- the other servers
    db = work / "registry.db"
    subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from pathlib import Path; from app.store.db import Database; "
            "from app.ingest.loader import load;"
            f"d = Database('sqlite:///{db}'); load([Path(sys.argv[1])], d.engine.begin); d.close()",
            str(args.data),
        ],
        cwd=ROOT,
        check=True,
    )
    fts_for_datasette(db)
    if postgresql:
        print("== Datasette serves SQLite only: it reads the same rows from a SQLite file")
    urls = routes(db)
    first_body = urllib.request.urlopen(f"http://127.0.0.1:{port}{urls['first page'][0]}").read()
    (work / "static").mkdir()
    (work / "static" / "first-page.json").write_bytes(first_body)
    (work / "body.json").write_bytes(first_body)
    ds_port, ceiling_port, nginx_port = free_port(), free_port(), free_port()
    floor_port = free_port()
    datasette_bin = shutil.which("datasette") or str(Path(sys.executable).parent / "datasette")
    datasette = subprocess.Popen(
        pinned(
            [
                datasette_bin,
                "serve",
                "-i",
                str(db),
                "--port",
                str(ds_port),
                "--setting",
                "sql_time_limit_ms",
                "20000",
                # as one would tune it for speed: no facet suggestions on every page
                "--setting",
                "suggest_facets",
                "off",
            ],
            0,
        ),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    ceiling = subprocess.Popen(
        pinned([sys.executable, "bench/ceiling.py", str(work / "body.json"), str(ceiling_port)], 0),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    floor = subprocess.Popen(
        pinned(
            [
                sys.executable,
                "bench/ceiling.py",
                str(work / "body.json"),
                str(floor_port),
                "fastapi",
            ],
            0,
        ),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    (work / "nginx.conf").write_text(NGINX_CONF.format(root=work, port=nginx_port))
    nginx_bin = shutil.which("nginx") or "/usr/sbin/nginx"
    nginx = subprocess.Popen(
        pinned(
            [nginx_bin, "-c", str(work / "nginx.conf"), "-p", str(work), "-g", "daemon off;"], 0
        ),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_url(f"http://127.0.0.1:{ds_port}/registry.json", datasette)
        wait_url(f"http://127.0.0.1:{ceiling_port}/", ceiling)
        wait_url(f"http://127.0.0.1:{nginx_port}/first-page.json", nginx)
        wait_url(f"http://127.0.0.1:{floor_port}/", floor)
        ceiling_run = wrk(f"http://127.0.0.1:{ceiling_port}/", args.duration)
        floor_run = wrk(f"http://127.0.0.1:{floor_port}/", args.duration)
        nginx_run = wrk(f"http://127.0.0.1:{nginx_port}/first-page.json", args.duration)
        results["ceiling"], results["nginx"] = ceiling_run, nginx_run
        results["fastapi_floor"] = floor_run
        print(
            f"== ceilings (first page bytes): bare ASGI {ceiling_run['rps']:.0f} req/s, "
            f"nginx {nginx_run['rps']:.0f} req/s, a bare FastAPI route in the thread pool "
            f"{floor_run['rps']:.0f} req/s"
        )
        header = (
            f"{'route':<16}{'run':<6}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}"
            f"{'Datasette':>11}{'x Datasette':>13}{'x ceiling':>11}"
        )
        print(header)
        print("-" * len(header))
        for name, (ours, theirs) in urls.items():
            ds = wrk(f"http://127.0.0.1:{ds_port}{theirs}", args.duration)
            urllib.request.urlopen(f"http://127.0.0.1:{port}{ours}").read()  # now it is hot
            hot = wrk(f"http://127.0.0.1:{port}{ours}", args.duration)
            cold = wrk(
                f"http://127.0.0.1:{port}{ours}", args.duration, {"Cache-Control": "no-cache"}
            )
            results["routes"][name] = {"datasette": ds, "hot": hot, "cold": cold}
            for label, run in (("hot", hot), ("cold", cold)):
                print(
                    f"{name:<16}{label:<6}{run['rps']:>9.0f}{run['p50']:>9.2f}{run['p99']:>9.2f}"
                    f"{ds['rps']:>11.1f}{run['rps'] / max(ds['rps'], 0.01):>13.1f}"
                    f"{run['rps'] / max(ceiling_run['rps'], 0.01):>11.2f}"
                )
        first, deep = (
            results["routes"]["first page"]["cold"],
            results["routes"]["page 90% deep"]["cold"],
        )
        print(
            f"== a page 90% deep costs {first['rps'] / max(deep['rps'], 0.01):.2f}x "
            "the first page (cold)"
        )
        print(out_of_reach(results["routes"], floor_run["rps"], ceiling_run["rps"]))
    finally:
        for process in (api, datasette, ceiling, floor):
            stop(process)
        nginx.send_signal(3)
        nginx.wait(timeout=20)
    if args.growth:
        root = args.growth_root or args.data.parent / "registry-growth"
        results["growth"] = growth(sorted(args.growth), root, 10, database)
    print(f"== done in {time.monotonic() - started:.0f} s")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
