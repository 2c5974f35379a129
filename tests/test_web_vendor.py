"""The browser page's charting libraries: vendored from npm at the versions the lock pins,
served by the app itself (no CDN) with their licences beside them, and allowed by the page's
Content-Security-Policy."""

import base64
import hashlib
import json
import re
import tomllib

import pytest
from fastapi.testclient import TestClient

from app.api.http.security import PLOT_STYLE_HASH
from tests.conftest import ROOT

pytestmark = pytest.mark.nodb

VENDOR = ROOT / "app" / "web" / "vendor"
LOCK = ROOT / "web-vendor" / "package-lock.json"
# file served under /vendor/, npm package, its licence file beside it
LIBRARIES = [
    ("d3.min.js", "d3", "d3.LICENSE.txt"),
    ("plot.umd.min.js", "@observablehq/plot", "plot.LICENSE.txt"),
]


JS_TYPES = ("text/javascript", "application/javascript")


def locked(package: str) -> dict[str, str]:
    entry: dict[str, str] = json.loads(LOCK.read_text())["packages"][f"node_modules/{package}"]
    return entry


def test_the_lock_pins_what_package_json_asks() -> None:
    wanted = json.loads((ROOT / "web-vendor" / "package.json").read_text())["dependencies"]
    for _, package, _ in LIBRARIES:
        assert locked(package)["version"] == wanted[package]


@pytest.mark.parametrize(("name", "package", "licence"), LIBRARIES)
def test_vendored_files_are_served_at_the_locked_version(
    client: TestClient, name: str, package: str, licence: str
) -> None:
    response = client.get(f"/vendor/{name}")
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] in JS_TYPES
    assert response.content == (VENDOR / name).read_bytes()
    banner = response.text.splitlines()[0]  # "// https://d3js.org v7.9.2 Copyright ..."
    assert re.search(rf"\bv{re.escape(locked(package)['version'])}\b", banner), banner
    assert locked(package)["license"] == "ISC"
    text = client.get(f"/vendor/{licence}").text
    assert text.startswith("Copyright ")
    assert "Permission to use, copy, modify, and/or distribute this software" in text  # ISC


def test_plot_bundles_are_licensed_too() -> None:
    text = (VENDOR / "plot.bundled.LICENSES.txt").read_text()
    for package in ("interval-tree-1d", "binary-search-bounds", "isoformat"):
        entry = locked(package)
        assert f"== {package} {entry['version']} ({entry['license']})" in text


def test_the_page_loads_them_from_its_own_origin(client: TestClient) -> None:
    page = client.get("/").text
    scripts = re.findall(r'<script src="([^"]+)"', page)
    assert scripts[:2] == ["vendor/d3.min.js", "vendor/plot.umd.min.js"]  # Plot needs d3 first
    assert not any("//" in src for src in scripts)


def test_the_wheel_ships_them() -> None:
    package_data = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    assert "web/vendor/*" in package_data["package-data"]["app"]


def test_plot_style_is_the_one_inline_style_the_page_allows(client: TestClient) -> None:
    """Plot writes one fixed <style> into each chart; the page's CSP allows exactly its hash."""
    source = (VENDOR / "plot.umd.min.js").read_text()
    found = re.search(r"`(:where\(\.\$\{(\w+)\}\) \{.*?)`", source, re.S)
    assert found, "Plot's chart style is no longer where it was: recompute PLOT_STYLE_HASH"
    assert '"plot-d6a7b5"' in source  # its default class name, which app.js keeps
    style = found.group(1).replace("${" + found.group(2) + "}", "plot-d6a7b5").replace("\\n", "\n")
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    assert f"sha256-{digest}" == PLOT_STYLE_HASH
    csp = client.get("/").headers["content-security-policy"]
    assert f"style-src 'self' '{PLOT_STYLE_HASH}';" in csp
    assert "unsafe-inline" not in csp
