"""Against a real server process on loopback: start-up refusal, reload, real HTTP."""

import json
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import DATA
from tests.live import ROOT, free_port, listening, serve, start

pytestmark = pytest.mark.system

BROKEN = Path(__file__).resolve().parent / "fixtures" / "broken"


def get_json(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.load(response)


def test_broken_fixture_exits_before_the_socket_opens(tmp_path: Path) -> None:
    shutil.copy(BROKEN / "dangling.yaml", tmp_path)
    port = free_port()
    log = tmp_path / "serve.log"
    process = start(port, {"REGISTRY_DATA_DIR": str(tmp_path)}, log)
    assert process.wait(timeout=60) == 1
    assert not listening(port)
    assert "dangling.yaml:8:13: places[0].parent: unknown place 'atlantis'" in log.read_text()


def test_broken_fixture_stops_plain_uvicorn_too(tmp_path: Path) -> None:
    shutil.copy(BROKEN / "three_errors.yaml", tmp_path)
    port = free_port()
    result = subprocess.run(
        [sys.executable, "-m", "uvicorn", "app.main:app", "--port", str(port)],
        cwd=ROOT,
        env={"REGISTRY_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "Application startup failed" in result.stderr
    assert "events[0].colour: unknown key 'colour'" in result.stderr
    assert f"Uvicorn running on http://127.0.0.1:{port}" not in result.stderr


def wait_for(condition: Any, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise TimeoutError("condition not met")


def test_sighup_reload_keeps_last_good_data(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    log = tmp_path / "serve.log"
    # Its own embedded database: the reload changes the data, which a shared one would leak.
    env = {"REGISTRY_DATA_DIR": str(data), "REGISTRY_DATABASE_URL": "sqlite://"}
    with serve(env, log) as (base, process):
        before = get_json(f"{base}/v1/meta")
        places = get_json(f"{base}/v1/places")["total"]
        shutil.copy(BROKEN / "dangling.yaml", data / "zz-broken.yaml")
        process.send_signal(signal.SIGHUP)
        wait_for(lambda: "reload refused" in log.read_text())
        assert "zz-broken.yaml:8:13: places[0].parent: unknown place 'atlantis'" in log.read_text()
        assert get_json(f"{base}/v1/meta")["data_version"] == before["data_version"]
        assert get_json(f"{base}/v1/places")["total"] == places

        (data / "zz-broken.yaml").write_text(
            "places:\n  - id: jilin-test-province\n    name: Jilin\n    kind: province\n"
            "    sources:\n"
            "      - {source: ccfao-2023-08-28-california-baja-california-delegation}\n"
        )
        process.send_signal(signal.SIGHUP)
        wait_for(lambda: get_json(f"{base}/v1/meta")["data_version"] != before["data_version"])
        assert get_json(f"{base}/v1/places")["total"] == places + 1
        assert "reloaded" in log.read_text()


def test_access_log_has_a_line_per_request_with_its_id(tmp_path: Path) -> None:
    log = tmp_path / "serve.log"
    env = {"REGISTRY_DATA_DIR": str(DATA), "REGISTRY_LOG_FORMAT": "json"}
    with serve(env, log) as (base, _):
        ids = [f"trace-{n}" for n in range(3)]
        for request_id in ids:  # the second and third are answered by the front cache
            request = urllib.request.Request(
                f"{base}/v1/delegates?q=kelly", headers={"X-Request-ID": request_id}
            )
            with urllib.request.urlopen(request, timeout=10) as response:
                assert response.headers["X-Request-ID"] == request_id
        missing = urllib.request.Request(f"{base}/v1/delegates/nobody")
        try:
            urllib.request.urlopen(missing, timeout=10)
        except urllib.error.HTTPError as exc:
            answered_id = exc.headers["X-Request-ID"]
        else:
            raise AssertionError("expected a 404")

        def logged() -> list[dict[str, Any]]:
            lines = log.read_text().splitlines()
            entries = [json.loads(line) for line in lines if line.startswith("{")]
            return [e for e in entries if e["logger"] == "app.access"]

        # lines are written in batches, within a fraction of a second
        wait_for(lambda: {answered_id, *ids} <= {e["request_id"] for e in logged()}, 10)
    entries = {e["request_id"]: e for e in logged()}
    for request_id in ids:
        assert entries[request_id]["target"] == "/v1/delegates?q=kelly"
        assert entries[request_id]["status"] == 200
        assert entries[request_id]["method"] == "GET"
        assert entries[request_id]["duration_ms"] >= 0
    assert entries[answered_id]["status"] == 404
    assert entries[answered_id]["target"] == "/v1/delegates/nobody"
