"""One loader, two read-only replicas behind a real nginx, on a real PostgreSQL 15: a second
data version is published while clients page through lists under load.

Replica 1 follows the pointer by polling, replica 2 only on SIGHUP. The figures (requests,
failures, walks per version, walks that crossed the switch) are printed and kept in
$REGISTRY_SCALE_OUT_REPORT when set."""

import json
import os
import signal
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.live import free_port, start, stop, wait_ready
from tests.pg import Cluster, load, needs_postgresql, own_database, version_folder
from tests.test_replicas import CONFIG, NGINX

pytestmark = [needs_postgresql, pytest.mark.system]

LISTS = ["/v1/delegates?limit=1", "/v1/places?limit=2", "/v1/organizations?limit=3"]
CLIENTS = 6


@dataclass
class Walk:
    url: str
    started: float
    pages: list[tuple[str, list[str]]] = field(default_factory=list)  # (ETag, ids)
    ended: float = 0.0


def get(url: str, fresh: bool = False) -> tuple[int, dict[str, Any], dict[str, str]]:
    headers = {"Accept-Encoding": "gzip"} | ({"Cache-Control": "no-cache"} if fresh else {})
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            raw = response.read()
            if response.headers.get("Content-Encoding") == "gzip":
                import gzip

                raw = gzip.decompress(raw)
            return (
                response.status,
                json.loads(raw),
                {k.lower(): v for k, v in response.headers.items()},
            )
    except urllib.error.HTTPError as exc:
        return (
            exc.code,
            json.loads(exc.read() or b"{}"),
            {k.lower(): v for k, v in exc.headers.items()},
        )


def walk(base: str, url: str, fresh: bool = False, between: threading.Event | None = None) -> Walk:
    """Every page of `url`, following next_cursor; raises on any answer but 200. With
    `between`, waits for it after the first page."""
    done = Walk(url, time.monotonic())
    cursor = None
    while True:
        page = url if cursor is None else f"{url}&cursor={cursor}"
        status, body, headers = get(base + page, fresh)
        if status != 200:
            raise AssertionError(f"{page}: {status} {body}")
        done.pages.append((headers["etag"], [item["id"] for item in body["items"]]))
        cursor = body["next_cursor"]
        if cursor is None:
            done.ended = time.monotonic()
            return done
        if between is not None:
            assert between.wait(timeout=60)
            between = None


def data_version(port: int) -> str:
    status, body, _ = get(f"http://127.0.0.1:{port}/v1/meta", fresh=True)
    assert status == 200
    version: str = body["data_version"]
    return version


@pytest.fixture
def stack(tmp_path: Path) -> Iterator[tuple[Cluster, str, list[int], list[Any]]]:
    with own_database() as cluster:
        first = load(cluster.loader, version_folder(tmp_path, "v1"), cluster.reader_role)
        assert first.returncode == 0, first.stderr
        ports = [free_port(), free_port()]
        env = {
            "DATABASE_URL": cluster.reader,
            "REGISTRY_DATABASE_URL": cluster.reader,
            "REGISTRY_LOAD": "false",
            "REGISTRY_DATA_DIR": "/nonexistent",
        }
        replicas = [
            start(ports[0], env | {"REGISTRY_POLL_SECONDS": "0.5"}, tmp_path / "replica-1.log"),
            start(ports[1], env | {"REGISTRY_POLL_SECONDS": "0"}, tmp_path / "replica-2.log"),
        ]
        proxy_port = free_port()
        conf = tmp_path / "nginx.conf"
        conf.write_text(CONFIG.format(root=tmp_path, a=ports[0], b=ports[1], port=proxy_port))
        nginx = None
        try:
            for port, replica in zip(ports, replicas, strict=True):
                wait_ready(port, replica)
            nginx = subprocess.Popen(
                [NGINX, "-c", str(conf), "-p", str(tmp_path), "-g", "daemon off;"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            deadline = time.monotonic() + 20
            while True:
                try:
                    if get(f"http://127.0.0.1:{proxy_port}/readyz")[0] == 200:
                        break
                except OSError:
                    pass
                assert time.monotonic() < deadline, "nginx did not come up"
                time.sleep(0.1)
            yield cluster, f"http://127.0.0.1:{proxy_port}", ports, replicas
        finally:
            if nginx is not None:
                nginx.send_signal(signal.SIGQUIT)
                nginx.wait(timeout=15)
            for replica in replicas:
                stop(replica)


def test_a_new_version_under_load_fails_no_request_and_mixes_no_walk(
    stack: tuple[Cluster, str, list[int], list[Any]], tmp_path: Path
) -> None:
    cluster, base, ports, replicas = stack
    version_a = data_version(ports[0])
    reference = {"a": {url: walk(base, url, fresh=True) for url in LISTS}}

    walks: list[Walk] = []
    failures: list[str] = []
    requests = Counter[str]()
    stopping = threading.Event()

    def client(number: int) -> None:
        i = number
        while not stopping.is_set():
            url = LISTS[i % len(LISTS)]
            i += 1
            try:
                done = walk(base, url, fresh=i % 2 == 0)
                walks.append(done)
                requests["pages"] += len(done.pages)
            except (AssertionError, OSError, KeyError, ValueError) as exc:
                failures.append(f"{url}: {exc!r}")

    slow: list[Walk] = []
    switched = threading.Event()

    def slow_client() -> None:  # first page before the switch, the others after it
        slow.append(walk(base, "/v1/delegates?limit=1", between=switched))

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    time.sleep(2)
    slow_thread = threading.Thread(target=slow_client)
    slow_thread.start()
    time.sleep(0.5)
    load_started = time.monotonic()
    published = load(cluster.loader, version_folder(tmp_path, "v2"), cluster.reader_role)
    assert published.returncode == 0, published.stderr
    replicas[1].send_signal(signal.SIGHUP)  # replica 2 follows on SIGHUP only
    deadline = time.monotonic() + 20
    while {data_version(port) for port in ports} == {version_a}:
        assert time.monotonic() < deadline
        time.sleep(0.1)
    deadline = time.monotonic() + 20
    while len(versions := {data_version(port) for port in ports} - {version_a}) != 1 or any(
        data_version(port) == version_a for port in ports
    ):
        assert time.monotonic() < deadline, "the replicas did not both follow"
        time.sleep(0.1)
    (version_b,) = versions
    all_switched = time.monotonic()
    switched.set()
    time.sleep(3)
    stopping.set()
    for thread in [*threads, slow_thread]:
        thread.join(timeout=60)
    reference["b"] = {url: walk(base, url, fresh=True) for url in LISTS}

    # Each walk is entirely one version's: its pages' ETags are those of that version's walk.
    seen = Counter[str]()
    mixed = []
    for done in walks + slow:
        etags = [etag for etag, _ in done.pages]
        ids = [i for _, page in done.pages for i in page]
        matches = [
            label
            for label, walks_of in reference.items()
            if etags == [etag for etag, _ in walks_of[done.url].pages]
        ]
        if len(matches) != 1:
            mixed.append((done.url, etags))
            continue
        seen[matches[0]] += 1
        assert ids == [i for _, page in reference[matches[0]][done.url].pages for i in page]

    def on(w: Walk) -> str:
        return (
            "a" if [e for e, _ in w.pages] == [e for e, _ in reference["a"][w.url].pages] else "b"
        )

    # Walks begun before the load and ended once both replicas served the new version; and
    # walks under way at some point between the load's start and both replicas' switch.
    crossed = Counter(
        on(w) for w in walks + slow if w.started < load_started < all_switched < w.ended
    )
    during = Counter(
        on(w) for w in walks + slow if w.started < all_switched and w.ended > load_started
    )
    figures: dict[str, Any] = {
        "requests": requests["pages"] + sum(len(w.pages) for w in slow),
        "failed": len(failures),
        "walks": len(walks) + len(slow),
        "walks_per_version": {version_a: seen["a"], version_b: seen["b"]},
        "mixed_walks": len(mixed),
        "walks_across_the_switch": {
            version_a if k == "a" else version_b: n for k, n in crossed.items()
        },
        "walks_during_the_switch": {
            version_a if k == "a" else version_b: n for k, n in during.items()
        },
        "switch_seconds": round(all_switched - load_started, 2),
    }
    print("\nscale-out figures:", json.dumps(figures))
    report = os.environ.get("REGISTRY_SCALE_OUT_REPORT")
    if report:
        Path(report).write_text(json.dumps(figures, indent=2) + "\n")

    assert failures == []
    assert mixed == []
    assert seen["a"] > 0
    assert seen["b"] > 0
    assert figures["requests"] > 200
    # The slow walk began on the old version and finished on it, after both replicas switched.
    assert slow[0].started < load_started < all_switched < slow[0].ended
    assert on(slow[0]) == "a"
    assert crossed["b"] == 0
    # ETags change with the version, on every list.
    for url in LISTS:
        assert reference["a"][url].pages[0][0] != reference["b"][url].pages[0][0]

    # A cursor from a version no longer kept (two releases later) is refused, naming it.
    status, body, _ = get(f"{base}/v1/delegates?limit=1", fresh=True)
    old_cursor = body["next_cursor"]
    for release in ("v3", "v4"):  # each followed by both replicas before the next
        loaded = load(cluster.loader, version_folder(tmp_path, release), cluster.reader_role)
        assert loaded.returncode == 0, loaded.stderr
        replicas[1].send_signal(signal.SIGHUP)
        deadline = time.monotonic() + 20
        while len(now := {data_version(port) for port in ports}) != 1 or now & {
            version_a,
            version_b,
        }:
            assert time.monotonic() < deadline
            time.sleep(0.1)
        version_a = version_b = data_version(ports[0])
    status, body, _ = get(f"{base}/v1/delegates?limit=1&cursor={old_cursor}")
    assert status == 422
    assert body["errors"][0]["name"] == "cursor"
    assert "no longer served" in body["detail"]
