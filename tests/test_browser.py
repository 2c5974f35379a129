"""The docs page and the frontend in a real browser: Debian's Chromium driven by Playwright."""

import functools
import http.server
import json
import os
import tempfile
import threading
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from tests.conftest import ROOT
from tests.live import free_port, serve

pytestmark = pytest.mark.system

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SHOTS = Path(os.environ.get("SCREENSHOT_DIR", Path(tempfile.gettempdir()) / "registry-screenshots"))
WEB = ROOT / "app" / "web"
# CI machines are shared: give every expectation time, not just the first on each page.
expect.set_options(timeout=20_000)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert Path(CHROMIUM).exists(), "Debian's chromium is needed (apt-get install chromium)"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def api(seed_dir: Path, seed_database: dict[str, str]) -> Iterator[str]:
    """The server over the seed visit alone: these tests count its records."""
    with serve({"REGISTRY_DATA_DIR": str(seed_dir), **seed_database}) as (base, _):
        yield base


@pytest.fixture(scope="module")
def registry_api(registry_database: dict[str, str]) -> Iterator[str]:
    """The server over every visit in data/ (on PostgreSQL, in a database of its own)."""
    with serve(registry_database) as (base, _):
        yield base


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    opened = context.new_page()
    yield opened
    context.close()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def other_origin() -> Iterator[str]:
    """The frontend's files served by a plain static server on another port."""
    handler = functools.partial(_Quiet, directory=str(WEB))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def offline(page: Page, *allowed: str) -> list[str]:
    """Record every request the page completes to an origin other than `allowed`.

    (ReDoc's page asks for its vendor's logo; our Content-Security-Policy blocks it, so it
    never completes and nothing is loaded from outside.)
    """
    strays: list[str] = []

    def check(request: Any) -> None:
        url = request.url
        if not url.startswith(("data:", "blob:", *allowed)):
            strays.append(url)

    page.on("requestfinished", check)
    return strays


def test_docs_page_lists_every_operation_and_tries_one(page: Page, api: str) -> None:
    with urllib.request.urlopen(f"{api}/openapi.json") as response:
        document = json.load(response)
    operations = sum("get" in item for item in document["paths"].values())
    strays = offline(page, api)
    page.goto(f"{api}/docs")
    expect(page.locator(".opblock")).to_have_count(operations, timeout=30_000)
    expect(page.locator(".info .title")).to_contain_text("Delegation Registry API")
    block = page.locator("#operations-delegates-delegates-list")
    block.locator(".opblock-summary").click()
    block.get_by_role("button", name="Try it out").click()
    block.get_by_role("button", name="Execute").click()
    live = block.locator(".live-responses-table tbody")
    expect(live.locator("td.response-col_status").first).to_have_text("200", timeout=30_000)
    expect(live.locator("td.response-col_description").first).to_contain_text("Timothy Kelly")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.get_by_text('"Timothy Kelly"').first.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "docs.png"), full_page=False)
    assert strays == []  # the docs work with no internet: every asset is local


def test_redoc_renders_offline(page: Page, api: str) -> None:
    strays = offline(page, api)
    page.goto(f"{api}/redoc")
    expect(page.get_by_text("Delegation Registry API").first).to_be_visible(timeout=30_000)
    expect(page.get_by_text("List delegates, filtered by organization").first).to_be_attached()
    assert strays == []


def search_open_follow_and_page(page: Page, start: str, shot: str | None = None) -> None:
    page.goto(start)
    search = page.get_by_label("Search", exact=True)
    search.fill("kelly")
    search.press("Enter")
    result = page.locator("main").get_by_role("link", name="Timothy Kelly")
    expect(result).to_be_visible(timeout=20_000)
    result.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Timothy Kelly")
    main = page.locator("main")
    expect(main).to_contain_text("President and CEO")
    organization = main.get_by_role("link", name="Imperial Valley EDC")
    expect(organization).to_be_visible()
    expect(main).to_contain_text("paragraph 1")  # the source of the record
    if shot:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / shot), full_page=True)
    organization.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Imperial Valley EDC")
    expect(main).to_contain_text("Timothy Kelly")  # its people, with their titles
    page.get_by_role("navigation").get_by_role("link", name="Organizations").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Organizations")
    expect(main).to_contain_text("12 in the registry")
    seen: list[str] = []
    pages = 0
    while True:
        items = main.locator("ul.items > li > a")
        expect(items.first).to_be_visible()
        seen.extend(items.all_inner_texts())
        pages += 1
        following = page.get_by_role("button", name="Next page")
        if following.is_disabled():
            break
        first = items.first.inner_text()
        following.click()
        expect(main.locator("ul.items > li > a").first).not_to_have_text(first)
    assert pages == 2
    assert len(seen) == len(set(seen)) == 12
    page.get_by_role("button", name="Previous page").click()
    expect(main.locator("ul.items > li > a")).to_have_count(10)


def test_frontend_search_detail_and_paging(page: Page, api: str) -> None:
    strays = offline(page, api)
    search_open_follow_and_page(page, f"{api}/", shot="frontend-detail.png")
    assert strays == []


def test_frontend_from_another_origin_works_through_cors(
    page: Page, api: str, other_origin: str
) -> None:
    search_open_follow_and_page(page, f"{other_origin}/index.html?api={api}")


def test_frontend_from_a_refused_origin_shows_the_error(page: Page, other_origin: str) -> None:
    refusing = {"REGISTRY_CORS_ORIGINS": json.dumps(["http://allowed.example"])}
    with serve(refusing) as (base, _):
        page.goto(f"{other_origin}/index.html?api={base}#/delegates")
        alert = page.get_by_role("alert")
        expect(alert).to_contain_text("Could not load this page", timeout=20_000)


def test_frontend_timeline_marks_the_tentative_visit(page: Page, api: str) -> None:
    page.goto(f"{api}/#/timeline")
    planned = page.locator("ol.timeline > li.planned")
    expect(planned).to_have_count(1, timeout=20_000)
    expect(planned).to_contain_text("second half of 2024")
    expect(planned).to_contain_text("Chia Hsi Chu")
    assert page.locator("ol.timeline > li").count() == 5
    years = page.locator("ol.timeline p.year")
    assert years.all_inner_texts() == ["2023", "2024"]


def test_frontend_empty_and_error_states(page: Page, api: str) -> None:
    page.goto(f"{api}/#/search?q=zzzzqqq")
    expect(page.locator("main")).to_contain_text("Nothing matches", timeout=20_000)
    page.goto(f"{api}/#/delegates/nobody-at-all")
    expect(page.get_by_role("alert")).to_contain_text("no delegate has the id")


def test_frontend_is_keyboard_navigable(page: Page, api: str) -> None:
    page.goto(f"{api}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Delegation Registry", timeout=20_000)
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to content")).to_be_focused()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Search", exact=True)).to_be_focused()
    page.keyboard.type("baja")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Search: baja", timeout=20_000)
    expect(page.get_by_role("heading", level=1)).to_be_focused()


def test_frontend_network_and_csv_download(page: Page, api: str) -> None:
    page.goto(f"{api}/#/network")
    svg = page.get_by_role("img", name="Network of")
    expect(svg).to_be_visible(timeout=20_000)
    expect(page.locator("svg.network circle")).to_have_count(33)
    links = page.locator("main ul.items > li")
    expect(links.filter(has_text="President and CEO")).to_have_count(1)
    page.get_by_role("navigation").get_by_role("link", name="Places").click()
    download_link = page.get_by_role("link", name="Download all as CSV")
    expect(download_link).to_be_visible()
    with page.expect_download() as info:
        download_link.click()
    saved = info.value.path()
    rows = Path(saved).read_text().strip().splitlines()
    assert rows[0].startswith("id,name,other_names,kind")
    assert len(rows) == 1 + 7
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.goto(f"{api}/#/network")
    expect(svg).to_be_visible()
    page.screenshot(path=str(SHOTS / "network.png"))


def test_frontend_across_visits(page: Page, registry_api: str) -> None:
    """The whole registry: events by year and by origin on the home page, each a link into
    the filtered list; a person's titles and events over the years, with the side taken."""
    page.goto(f"{registry_api}/")
    main = page.locator("main")
    by_year = main.locator("ul.facet").first
    expect(by_year).to_contain_text("2018")
    expect(by_year).to_contain_text("2023")
    by_year.get_by_role("link", name="2018").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Events: year 2018")
    expect(main.locator("ul.items > li").first).to_be_visible()
    page.goto(f"{registry_api}/#/delegates/ou-shuo")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ou Shuo")
    positions = main.locator("h2:has-text('Positions') + ul > li")
    expect(positions.first).to_contain_text("Deputy Director General")
    expect(positions.last).to_contain_text("Deputy Director")
    expect(main).to_contain_text("host side")
    page.goto(f"{registry_api}/#/places/changchun")
    friends = main.locator("h2:has-text('Friendship cities') + ul")
    expect(friends).to_contain_text("Little Rock")
    expect(friends).to_contain_text("Established")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "frontend-changchun.png"), full_page=True)
