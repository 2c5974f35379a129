"""The docs page and the frontend in a real browser: Debian's Chromium driven by Playwright."""

import contextlib
import functools
import http.server
import json
import os
import re
import tempfile
import threading
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect, sync_playwright

from tests.conftest import ROOT, own_postgresql
from tests.live import free_port, serve
from tests.test_details import crafted

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


@pytest.fixture(scope="module")
def hub_api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server over the crafted registry of test_details.py, whose details list the first
    50 of what links to its hub."""
    folder = tmp_path_factory.mktemp("hub")
    (folder / "hub.yaml").write_text(yaml.safe_dump(crafted(), allow_unicode=True))
    for database in own_postgresql():
        with serve({"REGISTRY_DATA_DIR": str(folder), **database}) as (base, _):
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
    # the search's own page (the home page's charts link to Timothy Kelly's events too)
    expect(page.get_by_role("heading", level=1)).to_have_text("Search: kelly", timeout=20_000)
    result = page.locator("main ul.items").get_by_role("link", name="Timothy Kelly", exact=True)
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
    expect(main).to_contain_text("12 organizations in the registry")
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


def test_frontend_a_slow_view_never_draws_over_the_next(page: Page, api: str) -> None:
    """The home page's requests are held while the reader searches; released afterwards, they
    must not replace the search's page (a CI run once saw the home page win this race)."""
    held: list[Any] = []

    def hold(route: Any) -> None:
        held.append(route)

    page.route("**/v1/meta", hold)
    page.goto(f"{api}/")
    for _ in range(200):  # the handler runs while Playwright is waiting on the page
        if held:
            break
        page.wait_for_timeout(50)
    assert held, "the home page asked for /v1/meta"
    search = page.get_by_label("Search", exact=True)
    search.fill("kelly")
    search.press("Enter")
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text("Search: kelly")
    page.unroute("**/v1/meta")
    for route in held:
        # the page may have cancelled it (what the fix does): then there is nothing to release
        with contextlib.suppress(Exception):
            route.continue_()
    # give a stale view every chance to draw: its answer arrives, then two frames pass
    page.wait_for_timeout(500)
    page.evaluate("() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))")
    expect(heading).to_have_text("Search: kelly")
    expect(page.locator("main ul.items")).to_contain_text("Timothy Kelly")


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
    assert page.locator("ol.timeline > li:not(.year)").count() == 5
    years = page.locator("ol.timeline > li.year h2")
    assert years.all_inner_texts() == ["2023", "2024", "Date unknown"]


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
    svg = page.get_by_role("group", name="Network of")
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
    by_year = main.locator("section[aria-labelledby=chart-years] table")
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
    friends = main.locator("h2:text-is('Friendship cities') + ul")
    expect(friends).to_contain_text("Little Rock")
    expect(friends).to_contain_text("Established")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "frontend-changchun.png"), full_page=True)


# ---------------------------------------------------------------- charts, widths, accessibility

WIDTHS = [320, 390, 1280]
TWO_WIDTHS = [390, 1280]
# Every view of the page, over the whole registry: name, address (after the server's base).
VIEWS = [
    ("home", "/"),
    ("delegates", "/#/delegates"),
    ("events-2018", "/#/events?year=2018"),
    ("delegate", "/#/delegates/ou-shuo"),
    ("organization", "/#/organizations/changchun-municipal-foreign-affairs-office"),
    ("event", "/#/events/changchun-mfao-discussion-and-negotiation-meeting-2023-08-23"),
    ("place", "/#/places/changchun"),
    ("delegation", "/#/delegations/david-rank-delegation-2017"),
    ("source", "/#/sources/ccfao-yhcs3-sendai-exchanges"),
    ("cooperation-area", "/#/cooperation-areas/automobile"),
    (
        "organization-parts",
        "/#/organizations/changchun-municipal-foreign-affairs-office/participations",
    ),
    ("place-events", "/#/places/changchun/events"),
    ("timeline", "/#/timeline"),
    ("search", "/#/search?q=changchun"),
    ("network", "/#/network"),
    ("friendship-cities", "/#/friendship-cities"),
]
# Chart links are SVG anchors (Plot writes xlink:href): their targets, in document order.
SVG_HREFS = """(svg) => [...svg.querySelectorAll("a")].map((a) =>
    a.getAttribute("href") || a.getAttributeNS("http://www.w3.org/1999/xlink", "href"))"""
# Anything wider than the viewport, or reaching past its right edge.
TOO_WIDE = """(width) => [...document.querySelectorAll("body *")].filter((node) => {
    const box = node.getBoundingClientRect();
    return box.width > width + 0.5 || box.right > width + 0.5;
  }).map((node) => `${node.tagName.toLowerCase()}.${node.getAttribute("class") || ""}`)"""
# Content-Security-Policy refusals, recorded from the first script on.
RECORD_CSP = """window.__csp = [];
document.addEventListener("securitypolicyviolation",
  (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));"""


def fetch(url: str) -> Any:
    with urllib.request.urlopen(url) as response:
        return json.load(response)


@pytest.fixture
def sized(browser: Browser) -> Iterator[Any]:
    """Pages at a given viewport width; their contexts close after the test."""
    contexts: list[Any] = []

    def open_page(width: int) -> Page:
        context = browser.new_context(viewport={"width": width, "height": 800})
        contexts.append(context)
        opened = context.new_page()
        opened.add_init_script(RECORD_CSP)
        return opened

    yield open_page
    for context in contexts:
        context.close()


def settled(page: Page) -> None:
    expect(page.locator("main[aria-busy=false] h1")).to_be_visible(timeout=20_000)


def api_requests(page: Page) -> list[str]:
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url) if "/v1/" in request.url else None)
    return seen


@pytest.mark.parametrize("width", TWO_WIDTHS)
def test_home_charts_link_into_the_lists_they_summarise(
    sized: Any, registry_api: str, width: int
) -> None:
    page = sized(width)
    page.goto(f"{registry_api}/")
    settled(page)
    facets = fetch(f"{registry_api}/v1/events?facets=year,origin,organization,delegate&limit=1")
    for section_id, facet, top in [
        ("chart-years", "year", None),
        ("chart-origins", "origin", 8),
        ("chart-organizations", "organization", 8),
        ("chart-people", "delegate", 8),
    ]:
        known = [v for v in facets["facets"][facet] if v["value"] is not None]
        if facet == "year":
            known.sort(key=lambda v: int(v["value"]))
        expected = [
            (v["label"], f"#/events?{facet}={v['value']}", str(v["count"])) for v in known[:top]
        ]
        section = page.locator(f"section[aria-labelledby={section_id}]")
        plot = section.locator("div.plot")
        expect(plot.locator("svg")).to_be_visible()
        # The picture is for the eye: out of the accessibility tree and the tab order ...
        assert plot.get_attribute("aria-hidden") == "true"
        assert plot.locator("a:not([tabindex='-1'])").count() == 0
        box = plot.locator("svg").bounding_box()
        assert box is not None
        assert box["width"] <= width
        # ... and its table says the same, with the same links for the keyboard.
        rows = section.locator("table.figures tbody tr")
        table = [
            (
                row.locator("th a").inner_text(),
                row.locator("th a").get_attribute("href"),
                row.locator("td").inner_text(),
            )
            for row in rows.all()
        ]
        assert table == expected
        assert set(plot.locator("svg").evaluate(SVG_HREFS)) == {href for _, href, _ in table}
    # A bar is a link into the list it counts, which names what it is filtered by.
    years = page.locator("section[aria-labelledby=chart-years] svg")
    years.locator("a").nth(years.evaluate(SVG_HREFS).index("#/events?year=2018")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Events: year 2018")
    expect(page.locator("main")).to_contain_text("12 events")
    page.go_back()
    people = page.locator("section[aria-labelledby=chart-organizations] svg")
    target = "#/events?organization=changchun-municipal-foreign-affairs-office"
    expect(people).to_be_visible()
    people.locator("a").nth(people.evaluate(SVG_HREFS).index(target)).click()
    heading = "Events: organization Changchun Municipal Foreign Affairs Office"
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    expect(page.locator("main")).to_contain_text("11 events")


def test_home_counts_agree_in_number(page: Page, api: str) -> None:
    page.goto(f"{api}/")
    counts = page.locator("main ul.counts > li")
    expect(counts.first).to_be_visible(timeout=20_000)
    texts = counts.all_inner_texts()
    assert "1 source" in texts  # the seed visit has one source
    assert "3 delegates" in texts
    assert "4 cooperation areas" in texts
    assert not any(text.startswith("1 ") and text.endswith("s") for text in texts)


@pytest.mark.parametrize("width", TWO_WIDTHS)
def test_timeline_draws_partial_dates_as_spans(sized: Any, api: str, width: int) -> None:
    """`2024-H2` is a half-year bar, dashed because it is tentative; days are dots; one
    request for the participants of every event, not one per event."""
    page = sized(width)
    requests = api_requests(page)
    page.goto(f"{api}/#/timeline")
    settled(page)
    strip = page.locator("div.plot.strip svg")
    expect(strip).to_be_visible()
    marks = strip.evaluate(
        """(svg) => [...svg.querySelectorAll("a")].map((a) => {
            const shape = a.firstElementChild;
            const box = shape.getBoundingClientRect();
            return { href: a.getAttributeNS("http://www.w3.org/1999/xlink", "href"),
                     shape: shape.tagName, dashed: a.closest("g[stroke-dasharray]") !== null,
                     left: box.left, right: box.right };
        })"""
    )
    ticks = strip.evaluate(
        """(svg) => Object.fromEntries([...svg.querySelectorAll(
            'g[aria-label="x-axis tick label"] text')].map((t) => {
            const box = t.getBoundingClientRect();
            return [t.textContent, (box.left + box.right) / 2];
        }))"""
    )
    assert {"2023", "2024", "2025"} <= set(ticks)
    by_event = {m["href"].removeprefix("#/events/"): m for m in marks}
    assert set(by_event) == {  # the dated events; the undated expo is listed, not drawn
        "california-baja-california-delegation-changchun-visit-2023",
        "changchun-planning-exhibition-hall-visit-2023-08-23",
        "changchun-mfao-discussion-and-negotiation-meeting-2023-08-23",
        "tijuana-government-officials-visit-to-changchun-2024",
    }
    tentative = by_event.pop("tijuana-government-officials-visit-to-changchun-2024")
    assert tentative["shape"] == "rect"
    assert tentative["dashed"]
    year = ticks["2025"] - ticks["2024"]
    assert abs(tentative["left"] - (ticks["2024"] + year * 182 / 366)) < 2  # from 1 July 2024
    assert abs(tentative["right"] - ticks["2025"]) < 2  # to the end of the year
    for day in by_event.values():
        assert day["shape"] == "circle"
        assert not day["dashed"]
    legend = page.locator("main ul.legend")
    expect(legend).to_contain_text("held (passed)")
    expect(legend).to_contain_text("tentative")
    assert [url.split("/v1/")[1] for url in requests] == [
        "timeline?limit=100",
        "graph?kind=event,delegate,organization,delegation&limit=2000",
    ]


def test_one_entry_per_participant_with_all_its_roles(page: Page, api: str) -> None:
    """The foreign affairs office arranged the meeting and hosted it: one entry, both roles."""
    page.goto(f"{api}/#/events/changchun-mfao-discussion-and-negotiation-meeting-2023-08-23")
    main = page.locator("main")
    organizations = main.locator("h2:text-is('Organizations') + ul > li")
    expect(organizations.first).to_be_visible(timeout=20_000)
    name = "Changchun Municipal Foreign Affairs Office"
    office = organizations.filter(has=page.get_by_role("link", name=name, exact=True))
    expect(office).to_have_count(1)
    expect(office).to_contain_text("arranger, host")
    expect(office).to_contain_text("host side")
    page.goto(f"{api}/#/timeline")
    meeting = main.locator("ol.timeline > li").filter(has_text="Discussion and negotiation meeting")
    office = meeting.locator("ul.people > li").filter(
        has=page.get_by_role("link", name=name, exact=True)
    )
    expect(office).to_have_count(1)
    expect(office).to_contain_text("arranger, host")


@pytest.mark.parametrize("width", TWO_WIDTHS)
def test_history_strips_of_a_person_and_an_organization(
    sized: Any, registry_api: str, width: int
) -> None:
    page = sized(width)
    page.goto(f"{registry_api}/#/delegates/ou-shuo")
    settled(page)
    record = fetch(f"{registry_api}/v1/delegates/ou-shuo")
    strip = page.locator("section[aria-labelledby=chart-history] div.plot svg")
    expect(strip).to_be_visible()
    labels = strip.locator("text").all_text_contents()
    for lane in (
        "Title: Deputy Director General",
        "Title: Deputy Director",
        "Events on the visiting side (2)",
        "Events on the host side (2)",
        "Events, side not stated (1)",
    ):
        assert lane in labels
    dated = {e["event"]["id"] for e in record["events"] if e["start"]}
    assert {href.removeprefix("#/events/") for href in strip.evaluate(SVG_HREFS)} == dated
    titles = sum(1 for p in record["positions"] if p["date"])
    assert strip.locator("circle").count() == titles + len(dated)  # every one a day: a dot
    page.goto(f"{registry_api}/#/organizations/changchun-municipal-foreign-affairs-office")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Changchun Municipal Foreign Affairs Office"
    )
    strip = page.locator("section[aria-labelledby=chart-history] div.plot svg")
    expect(strip).to_be_visible()
    assert "Titles stated for its people" in strip.locator("text").all_text_contents()
    meeting = "Ou Shuo's meeting with the Windsor International Relations Committee delegation"
    windsor = page.locator("main h2:text-is('Events') + ul > li").filter(
        has=page.get_by_role("link", name=meeting, exact=True)
    )
    expect(windsor).to_have_count(1)  # arranger and host there: one entry
    expect(windsor).to_contain_text("arranger, host")


def test_a_detail_cut_short_links_to_the_whole_list(page: Page, hub_api: str) -> None:
    """A list the detail gives the first 50 of says how many more, and links to a view that
    pages through all of them: records as a list shows them, or the detail's own entries."""
    main = page.locator("main")
    page.goto(f"{hub_api}/#/places/hub")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hub")
    expect(main.locator("dl.facts")).not_to_contain_text("total")  # counts are not facts
    organizations = main.locator("h2:text-is('Organizations') + ul > li")
    expect(organizations).to_have_count(50)
    more = main.locator("h2:text-is('Organizations') + ul + p.more")
    expect(more).to_have_text("and 11 more: all 61 organizations")
    more.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hub: Organizations")
    expect(main).to_contain_text("61 organizations")
    links = main.locator("ul.items > li > a")
    seen: list[str | None] = []
    while True:
        settled(page)
        hrefs = [a.get_attribute("href") for a in links.all()]
        seen += hrefs
        next_page = page.get_by_role("button", name="Next page")
        if next_page.is_disabled():
            break
        next_page.click()
        expect(links.first).not_to_have_attribute("href", hrefs[0] or "")
    assert len(seen) == len(set(seen)) == 61
    # entries: each organization at each event with its role (two roles at one event: one)
    page.goto(f"{hub_api}/#/cooperation-areas/area-hub")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hub matters")
    more = main.locator("h2:text-is('Organizations') + ul + p.more")
    expect(more).to_have_text("and 76 more: all 126 organizations at its events")
    more.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Hub matters: Organizations at its events"
    )
    expect(main).to_contain_text("126 organizations at its events")
    first = main.locator("ul.items > li").first
    expect(first.get_by_role("link")).to_have_count(2)  # the organization and the event
    expect(first).to_contain_text("presenter")
    page.goto(f"{hub_api}/#/organizations/hub-org")
    expect(main.locator("h2:text-is('People') + ul + p.more")).to_have_text(
        "and 13 more: all 63 titles held here"
    )
    expect(main.locator("section[aria-labelledby=chart-history]")).to_contain_text(
        "Drawn from the first of each list only"
    )
    page.goto(f"{hub_api}/#/organizations/hub-org/positions")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hub Office: Titles held here")
    expect(main.locator("ul.items > li").first).to_contain_text("Adviser, ")


@pytest.mark.parametrize("width", TWO_WIDTHS)
def test_friendship_cities_strip_keeps_every_claim(
    sized: Any, registry_api: str, width: int
) -> None:
    page = sized(width)
    requests = api_requests(page)
    page.goto(f"{registry_api}/#/friendship-cities")
    settled(page)
    changchun = fetch(f"{registry_api}/v1/places/changchun")["friendship_cities"]
    rows = page.locator("main table.figures tbody tr")
    expect(rows).to_have_count(len(changchun))
    sendai = rows.filter(has_text="Sendai")
    expect(sendai.locator("td li")).to_have_count(2)  # two sources, two dates: both kept
    expect(sendai).to_contain_text("1980")
    expect(sendai).to_contain_text("27 October 1980")
    expect(rows.filter(has_text="Wolfsburg")).to_contain_text("not stated by a source")
    strip = page.locator("div.plot.strip svg")
    hrefs = strip.evaluate(SVG_HREFS)
    claims = [(f["place"]["id"], c) for f in changchun for c in f["established"] if c["date"]]
    assert sorted(hrefs) == sorted(f"#/places/{place}" for place, _ in claims)
    shapes = strip.locator("a[*|href='#/places/sendai'] > *").evaluate_all(
        "(nodes) => nodes.map((n) => n.tagName).sort()"
    )
    assert shapes == ["circle", "rect"]  # 1980, a year; 27 October 1980, a day
    assert [url.split("/v1/")[1] for url in requests] == [
        "graph?kind=place&limit=2000",
        "places/changchun",
    ]


def test_charts_are_drawn_again_for_a_new_width(sized: Any, api: str) -> None:
    """A phone turned sideways, a window narrowed: the chart takes the new width."""
    page = sized(1280)
    page.goto(f"{api}/#/timeline")
    settled(page)
    strip = page.locator("div.plot.strip svg")
    wide = int(strip.get_attribute("width") or 0)
    assert wide > 900
    page.set_viewport_size({"width": 390, "height": 800})
    expect(strip).to_have_attribute("width", re.compile(r"^[1-3]\d\d$"))
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.evaluate(TOO_WIDE, 390) == []


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(("name", "path"), VIEWS, ids=[name for name, _ in VIEWS])
def test_every_view_fits_the_screen_and_passes_axe(
    sized: Any, registry_api: str, name: str, path: str, width: int
) -> None:
    """No horizontal scroll and nothing wider than the screen from 320 px up; axe-core finds
    no serious or critical violation; no script error and no Content-Security-Policy refusal."""
    page = sized(width)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(f"{registry_api}{path}")
    settled(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.evaluate(TOO_WIDE, width) == []
    results = Axe().run(page).response
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
    found = [(v["id"], v["impact"], len(v["nodes"])) for v in results["violations"]]
    (SHOTS / f"axe-{name}-{width}.json").write_text(json.dumps(found))
    assert [v for v in found if v[1] in ("serious", "critical")] == []
    assert page.evaluate("window.__csp") == []
    assert errors == []
