"""Two replicas behind a real nginx on loopback: identical answers, no lost request."""

import http.client
import shutil
import signal
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.live import free_port, start, stop, wait_ready

pytestmark = pytest.mark.system

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
URLS = [
    "/v1/delegates",
    "/v1/organizations?limit=5&facets=classification",
    "/v1/events?sort=start",
    "/v1/search?q=changchun",
    "/v1/delegates/timothy-kelly",
    "/v1/timeline",
    "/v1/graph",
]

CONFIG = """
worker_processes 1;
pid {root}/nginx.pid;
error_log {root}/error.log warn;
events {{ worker_connections 256; }}
http {{
    access_log {root}/access.log;
    client_body_temp_path {root}/body;
    proxy_temp_path {root}/proxy;
    fastcgi_temp_path {root}/fastcgi;
    uwsgi_temp_path {root}/uwsgi;
    scgi_temp_path {root}/scgi;
    upstream registry {{
        server 127.0.0.1:{a} max_fails=1 fail_timeout=5s;
        server 127.0.0.1:{b} max_fails=1 fail_timeout=5s;
    }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://registry;
            proxy_next_upstream error timeout http_502 http_503 http_504;
            proxy_next_upstream_tries 3;
            proxy_connect_timeout 2s;
            add_header X-Upstream $upstream_addr always;
        }}
    }}
}}
"""


@pytest.fixture
def cluster(tmp_path: Path) -> Iterator[tuple[str, list[subprocess.Popen[bytes]], list[int]]]:
    assert Path(NGINX).exists(), "Debian's nginx is needed (apt-get install nginx)"
    ports = [free_port(), free_port()]
    replicas = [start(port) for port in ports]
    proxy_port = free_port()
    conf = tmp_path / "nginx.conf"
    conf.write_text(CONFIG.format(root=tmp_path, a=ports[0], b=ports[1], port=proxy_port))
    nginx: subprocess.Popen[bytes] | None = None
    try:
        for port, replica in zip(ports, replicas, strict=True):
            wait_ready(port, replica)
        nginx = subprocess.Popen(
            [NGINX, "-c", str(conf), "-p", str(tmp_path), "-g", "daemon off;"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{proxy_port}/healthz", timeout=2)
                break
            except OSError:
                time.sleep(0.1)
        yield f"http://127.0.0.1:{proxy_port}", replicas, ports
    finally:
        if nginx is not None:
            nginx.send_signal(signal.SIGQUIT)
            nginx.wait(timeout=15)
        for replica in replicas:
            stop(replica)


def fetch(url: str) -> tuple[int, bytes, str, str]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return (
            response.status,
            response.read(),
            response.headers["ETag"],
            response.headers["X-Upstream"],
        )


def test_any_replica_gives_the_same_body_and_etag(
    cluster: tuple[str, list[subprocess.Popen[bytes]], list[int]],
) -> None:
    base, _, ports = cluster
    for url in URLS:
        answers = [fetch(base + url) for _ in range(6)]
        assert {a[0] for a in answers} == {200}
        assert len({a[1] for a in answers}) == 1, url
        assert len({a[2] for a in answers}) == 1, url
        assert {a[3] for a in answers} == {f"127.0.0.1:{p}" for p in ports}, url  # both answered


@pytest.mark.parametrize("how", ["SIGTERM", "SIGKILL"])
def test_stopping_a_replica_mid_run_loses_no_request(
    cluster: tuple[str, list[subprocess.Popen[bytes]], list[int]], how: str
) -> None:
    """nginx retries a request until it starts answering it. A graceful stop loses nothing;
    a kill can cut short only the answers already under way (at most one per client)."""
    base, replicas, _ = cluster
    statuses: list[int] = []
    lost: list[str] = []  # refused, reset before an answer, 5xx: what nginx should retry
    cut: list[str] = []  # an answer that had started when its replica died
    done = threading.Event()
    clients = 4

    def load() -> None:
        i = 0
        while not done.is_set():
            url = base + URLS[i % len(URLS)]
            i += 1
            try:
                statuses.append(fetch(url)[0])
            except http.client.IncompleteRead as exc:
                cut.append(f"{url}: {exc!r}")
            except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:
                lost.append(f"{url}: {exc!r}")

    workers = [threading.Thread(target=load) for _ in range(clients)]
    for worker in workers:
        worker.start()
    time.sleep(2)
    if how == "SIGTERM":
        stop(replicas[0])  # graceful: it finishes what it holds and closes its socket
    else:
        replicas[0].kill()  # abrupt: answers under way are cut; the rest are retried
        replicas[0].wait()
    time.sleep(3)
    done.set()
    for worker in workers:
        worker.join()
    assert lost == []
    assert len(cut) <= (0 if how == "SIGTERM" else clients), cut
    assert len(statuses) > 50
    assert set(statuses) == {200}
