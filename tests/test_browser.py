"""End to end in a real headless browser: `streamlit run app.py` + Debian's chromium via Playwright.

The server uses a new relation store in a temporary folder, so the first page load builds it
from the demo articles (a few seconds), as `make run` does on a fresh clone. The test reads
the dashboard, takes a screenshot of it (to a temporary file; ``make screenshot`` sets
RELDASH_SCREENSHOT=docs/screenshot.png to refresh the README's), reads an article's evidence,
filters, downloads, clicks a network node and a dyad-matrix cell (the URL and the table follow),
then adds an article on the "Add articles" page and finds it in the articles list.

Every request to a host other than the app's own is aborted (and the test fails if the
page tried any), so the dashboard must work offline: no CDN, no map tiles, no telemetry.
Skipped with a reason when /usr/bin/chromium or Playwright is missing.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd
import pytest

from components.evidence import highlight_spans
from components.filters import Filters, apply_filters
from components.prepare import prepare_relations, public_frame
from extraction.store import Store
from extraction.table import coerce_types
from tests.streamlit_server import free_port, stop, wait_until_healthy

ROOT = Path(__file__).resolve().parents[1]
DEMO_ARTICLES = ROOT / "data" / "articles"
CHROMIUM = Path("/usr/bin/chromium")
#: Where to copy the dashboard's screenshot (``make screenshot``); unset, it stays in a temporary folder.
SCREENSHOT_ENV = "RELDASH_SCREENSHOT"
COUNTRY = "USA"
#: Clicked on the network (a node) and on the dyad matrix (a cell).
PICKED = "KOR"
DYAD = ("KOR", "JPN")
START_TIMEOUT = 90.0
UI_TIMEOUT_MS = 60_000
BUILD_TIMEOUT_MS = 180_000  # the first page load extracts the demo articles
PASTED_TITLE = "Moscow and Beijing hold talks"
PASTED_TEXT = "Russia and China held talks in Moscow on Tuesday. Russia praised China for its support."

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is missing (apt-get install chromium)"),
]


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("store") / "relations.duckdb"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, store_path: Path) -> Iterator[str]:
    """`streamlit run app.py -- --db STORE` on a free local port (a new store); yields its URL."""
    port = free_port()
    log_path = tmp_path_factory.mktemp("streamlit") / "server.log"
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(ROOT / "app.py"),
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        "--server.fileWatcherType",
        "none",
        "--browser.gatherUsageStats",
        "false",
        "--",
        "--db",
        str(store_path),
    ]
    env = {k: v for k, v in os.environ.items() if k not in ("RELDASH_DATA", "RELDASH_DEMO_ARTICLES", "RELDASH_DB")}
    with open(log_path, "w", encoding="utf-8") as log:
        proc = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(url, proc, log_path, START_TIMEOUT)
        yield url
    finally:
        stop(proc)


def _wait_idle(page) -> None:
    """Wait until the app's script run is over (Streamlit marks it on the stApp element)."""
    page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for(timeout=UI_TIMEOUT_MS)


def _wait_for_size(locator, width: float, height: float, what: str) -> None:
    """Wait until ``locator``'s box is larger than ``width`` x ``height`` (charts size themselves after a draw)."""
    deadline = time.monotonic() + UI_TIMEOUT_MS / 1000
    while True:
        box = locator.bounding_box()
        if box and box["width"] > width and box["height"] > height:
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} is empty: {box}")
        time.sleep(0.2)


def _select_first_row(page, table) -> None:
    """Click the row-selection cell of the table's first row."""
    table.scroll_into_view_if_needed()
    grid = table.bounding_box()
    assert grid
    page.mouse.click(grid["x"] + 18, grid["y"] + 35 + 17)


def test_dashboard_in_a_real_browser(server: str, store_path: Path, tmp_path: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (python) is not installed")
    own = urlsplit(server).netloc
    blocked: list[str] = []
    sockets: list[str] = []

    def guard(route) -> None:
        target = urlsplit(route.request.url)
        if target.scheme in ("data", "blob") or target.netloc == own:
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        try:
            context = browser.new_context(viewport={"width": 1500, "height": 1000}, accept_downloads=True)
            page = context.new_page()
            page.route("**/*", guard)
            page.on("websocket", lambda ws: sockets.append(ws.url))
            page.goto(server, wait_until="domcontentloaded")

            # the first load builds the store from the demo corpus, with a progress bar
            sync_api.expect(page.locator('[data-testid="stExpander"], [data-testid="stMetric"]').first).to_be_visible(
                timeout=UI_TIMEOUT_MS
            )
            metric = page.locator('[data-testid="stMetric"]').filter(has_text="Mentions")
            sync_api.expect(metric).to_be_visible(timeout=BUILD_TIMEOUT_MS)
            _wait_idle(page)
            store = Store(store_path)
            assert store.stats()["documents"] == len(list(DEMO_ARTICLES.glob("*.md")))
            frame = prepare_relations(store.relations())
            everything = apply_filters(frame, Filters())
            sync_api.expect(metric).to_contain_text(f"{len(everything):,}", timeout=UI_TIMEOUT_MS)
            articles = page.locator('[data-testid="stMetric"]').filter(has_text="Articles")
            sync_api.expect(articles).to_contain_text(str(everything["doc_id"].nunique()))

            # every view is drawn
            deck = page.locator('[data-testid="stDeckGlJsonChart"]').first
            deck_canvas = deck.locator("canvas").first
            sync_api.expect(deck_canvas).to_be_visible(timeout=UI_TIMEOUT_MS)
            _wait_for_size(deck_canvas, 300, 300, "the map")
            charts = page.locator('[data-testid="stVegaLiteChart"]')
            sync_api.expect(charts).to_have_count(4, timeout=UI_TIMEOUT_MS)  # network, 2 timelines, matrix
            for i in range(4):  # each one really drawn (a Vega-Lite error leaves an empty box)
                sync_api.expect(charts.nth(i).locator("canvas, svg")).not_to_have_count(0, timeout=UI_TIMEOUT_MS)
                drawn = charts.nth(i).locator("canvas, svg").first
                drawn.scroll_into_view_if_needed()
                sync_api.expect(drawn).to_be_visible(timeout=UI_TIMEOUT_MS)
                _wait_for_size(drawn, 100, 100, f"chart {i}")
            table = page.locator('[data-testid="stDataFrame"]').first
            sync_api.expect(table).to_be_visible(timeout=UI_TIMEOUT_MS)
            sync_api.expect(table).to_contain_text(str(everything["sentence"].iloc[0])[:30], timeout=UI_TIMEOUT_MS)

            # selecting the first row shows its evidence, actors and trigger highlighted
            _select_first_row(page, table)
            evidence = page.locator(".evidence").first
            sync_api.expect(evidence).to_be_visible(timeout=UI_TIMEOUT_MS)
            first = everything.iloc[0]
            sync_api.expect(evidence).to_contain_text(str(first["doc_title"]))
            marks = evidence.locator("mark[class^=ev-]")
            sync_api.expect(marks).to_have_count(len(highlight_spans(first.to_dict())))
            sync_api.expect(marks.filter(has_text=str(first["trigger"]))).not_to_have_count(0)
            page.wait_for_timeout(2500)  # let deck.gl and Vega finish drawing

            # the map really shows something: many distinct colours (outlines, arcs, markers)
            from PIL import Image

            map_image = Image.open(io.BytesIO(deck.screenshot())).convert("RGB")
            colours = map_image.getcolors(maxcolors=map_image.width * map_image.height) or []
            assert len(colours) > 200, "the map canvas looks blank"

            # screenshot of the whole dashboard on the demo corpus (the page scrolls inside Streamlit's main area)
            page.mouse.move(5, 5)
            height = page.evaluate(
                """() => {
                    const boxes = [...document.querySelectorAll('[data-testid="stMain"], section, main, body')];
                    boxes.forEach(el => el.scrollTo && el.scrollTo(0, 0));
                    return Math.max(...boxes.map(el => el.scrollHeight), 1000);
                }"""
            )
            page.set_viewport_size({"width": 1500, "height": int(min(height + 40, 4000))})
            page.wait_for_timeout(2500)
            shot = tmp_path / "dashboard.png"
            page.screenshot(path=str(shot), full_page=True)
            page.set_viewport_size({"width": 1500, "height": 1000})

            # change the country filter in the sidebar
            countries = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first
            countries.locator("input").click()
            page.keyboard.type(COUNTRY)
            page.get_by_role("option", name=re.compile(rf"^{COUNTRY}\b")).first.click()
            page.keyboard.press("Escape")
            expected = apply_filters(frame, Filters(countries=(COUNTRY,)))
            value = metric.locator('[data-testid="stMetricValue"]')
            sync_api.expect(value).to_have_text(f"{len(expected):,}", timeout=UI_TIMEOUT_MS)
            page.wait_for_url(f"**countries={COUNTRY}**", timeout=UI_TIMEOUT_MS)
            _wait_idle(page)
            sync_api.expect(table).to_contain_text(str(expected["sentence"].iloc[0])[:30], timeout=UI_TIMEOUT_MS)

            # the mentions CSV download holds the filtered rows
            button = page.get_by_role("button", name="Download mentions (CSV)")
            button.scroll_into_view_if_needed()
            with page.expect_download(timeout=UI_TIMEOUT_MS) as info:
                button.click()
            download = info.value
            assert download.suggested_filename == f"mentions_{COUNTRY}.csv"
            saved = tmp_path / download.suggested_filename
            download.save_as(saved)
            got = coerce_types(pd.read_csv(saved, dtype=str, keep_default_na=False))
            want = public_frame(expected)
            assert len(got) == len(want)
            assert list(got.columns) == list(want.columns)
            assert ((got["source"] == COUNTRY) | (got["target"] == COUNTRY)).all()
            assert sorted(got["sentence"]) == sorted(want["sentence"].astype(str))

            # cross-filtering: a click on a network node sets the country, on a matrix cell the dyad
            node = page.locator(f'[class*="st-key-network_chart_"] path[aria-roledescription="circle"][aria-label*="Actor: {PICKED};"]')
            node.scroll_into_view_if_needed()
            node.click()
            page.wait_for_url(f"**countries={PICKED}**", timeout=UI_TIMEOUT_MS)
            assert f"countries={COUNTRY}" not in page.url  # the click replaced the country
            _wait_idle(page)
            picked = apply_filters(frame, Filters(countries=(PICKED,)))
            sync_api.expect(value).to_have_text(f"{len(picked):,}", timeout=UI_TIMEOUT_MS)
            sync_api.expect(table).to_contain_text(str(picked["sentence"].iloc[0])[:30], timeout=UI_TIMEOUT_MS)
            source, target = DYAD
            cell = page.locator(
                f'[class*="st-key-matrix_chart_"] path[aria-roledescription="rect mark"]'
                f'[aria-label^="Target: {target};"][aria-label*="Source: {source};"]'
            )
            cell.scroll_into_view_if_needed()
            box = cell.bounding_box()
            assert box
            page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)  # on the cell's number
            page.wait_for_url(f"**dyad={source}%2C{target}**", timeout=UI_TIMEOUT_MS)
            assert f"countries={PICKED}" in page.url
            _wait_idle(page)
            both = apply_filters(frame, Filters(countries=(PICKED,), dyad=DYAD))
            assert len(both) < len(picked)
            sync_api.expect(value).to_have_text(f"{len(both):,}", timeout=UI_TIMEOUT_MS)
            sync_api.expect(table).to_contain_text(str(both["sentence"].iloc[0])[:30], timeout=UI_TIMEOUT_MS)
            chips = page.locator('[class*="st-key-selection_chip_"]')
            sync_api.expect(chips).to_have_count(2)
            sync_api.expect(page.locator(".drilldown .drill-item")).to_have_count(min(len(both), 20))

            # add an article: paste its text on the "Add articles" page
            page.get_by_role("link", name="Add articles").first.click()
            page.wait_for_url("**/add", timeout=UI_TIMEOUT_MS)
            page.get_by_role("tab", name="Paste text").click()
            form = page.locator('[data-testid="stForm"]').filter(has_text="Article text")
            form.get_by_role("textbox", name="Title").fill(PASTED_TITLE)
            form.get_by_role("textbox", name="Publication date").fill("12 March 2019")
            form.get_by_role("textbox", name="Article text").fill(PASTED_TEXT)
            form.get_by_role("button", name="Add text").click()
            added = page.locator('[data-testid="stMetric"]').filter(has_text="Documents added")
            sync_api.expect(added).to_contain_text("1", timeout=UI_TIMEOUT_MS)
            success = page.get_by_test_id("stAlertContentSuccess")
            sync_api.expect(success).to_contain_text("1 document added, 0 skipped as duplicates, 0 rejected")
            assert Store(store_path).stats()["documents"] == len(list(DEMO_ARTICLES.glob("*.md"))) + 1

            # ... and it is in the articles list
            page.get_by_role("link", name="Articles").first.click()
            page.wait_for_url("**/articles", timeout=UI_TIMEOUT_MS)
            listing = page.locator('[data-testid="stDataFrame"]').first
            sync_api.expect(listing).to_be_visible(timeout=UI_TIMEOUT_MS)
            articles = len(list(DEMO_ARTICLES.glob("*.md"))) + 1
            sync_api.expect(page.get_by_text(f"{articles} articles", exact=False)).to_be_visible(timeout=UI_TIMEOUT_MS)
            # the review-progress figure is drawn with its bars (it once came out zero pixels high)
            progress = page.locator('[data-testid="stVegaLiteChart"]').first
            progress.scroll_into_view_if_needed()
            bars = progress.locator("g.mark-rect path")
            sync_api.expect(bars.first).to_be_attached(timeout=UI_TIMEOUT_MS)
            heights = [(bars.nth(i).bounding_box() or {}).get("height", 0) for i in range(bars.count())]
            assert max(heights) > 8, f"the review-progress bars are flat: {heights}"
        finally:
            browser.close()

    assert blocked == [], f"the page tried to reach other hosts: {blocked}"
    assert sockets and all(urlsplit(u).netloc == own for u in sockets), sockets
    assert shot.stat().st_size > 50_000
    if os.environ.get(SCREENSHOT_ENV):
        target = Path(os.environ[SCREENSHOT_ENV])
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shot, target)


def test_a_link_with_too_many_parameters_says_so(server: str) -> None:
    """Streamlit drops a query string of more than 1,000 parameters before the app sees it; the
    page says so (from the browser, which still has the link), and a normal link shows no note."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (python) is not installed")
    own = urlsplit(server).netloc
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        try:
            page = browser.new_context(viewport={"width": 1500, "height": 1000}).new_page()
            page.route("**/*", lambda r: r.continue_() if urlsplit(r.request.url).netloc in (own, "") else r.abort())
            metric = page.locator('[data-testid="stMetric"]').filter(has_text="Mentions")
            note = page.locator("#reldash-dropped-query")

            long_link = server + "/?countries=CHN&" + "&".join(f"x{i}=1" for i in range(1000))
            page.goto(long_link, wait_until="domcontentloaded")
            sync_api.expect(metric).to_be_visible(timeout=BUILD_TIMEOUT_MS)
            _wait_idle(page)
            sync_api.expect(note).to_be_visible(timeout=UI_TIMEOUT_MS)
            sync_api.expect(note).to_contain_text("This link's filter was not applied")
            sync_api.expect(note).to_contain_text("1,001 parameters (the most Streamlit reads is 1,000)")

            page.goto(server + "/?countries=CHN&from=0001-01-01", wait_until="domcontentloaded")
            sync_api.expect(metric).to_be_visible(timeout=BUILD_TIMEOUT_MS)
            _wait_idle(page)
            sync_api.expect(page.get_by_text("`from` date 0001-01-01", exact=False).or_(
                page.get_by_text("date 0001-01-01 is outside the data", exact=False))).to_be_visible()
            assert note.count() == 0  # the filter came through: no note about a dropped link

            page.goto(server, wait_until="domcontentloaded")
            sync_api.expect(metric).to_be_visible(timeout=BUILD_TIMEOUT_MS)
            _wait_idle(page)
            assert not note.is_visible()
        finally:
            browser.close()
