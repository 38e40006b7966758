"""End to end in a real headless browser: `streamlit run app.py` + Debian's chromium via Playwright.

Every request to a host other than the app's own is aborted (and the test fails if the
page tried any), so the dashboard must work offline: no CDN, no map tiles, no telemetry.
Skipped with a reason when /usr/bin/chromium or Playwright is missing.
"""

from __future__ import annotations

import io
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd
import pytest

from components.filters import Filters, apply_filters
from components.prepare import prepare_relations, public_frame
from extraction.table import coerce_types, read_table

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "data" / "dash_relations.csv"
CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOT = ROOT / "docs" / "screenshot.png"
COUNTRY = "USA"
START_TIMEOUT = 90.0
UI_TIMEOUT_MS = 60_000

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is missing (apt-get install chromium)"),
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`streamlit run app.py` on a free local port with the fixture table; yields its URL."""
    port = _free_port()
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
        "--data",
        str(FIXTURE),
    ]
    with open(log_path, "w", encoding="utf-8") as log:
        proc = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if proc.poll() is not None:
                pytest.fail(f"streamlit exited with {proc.returncode}:\n{log_path.read_text()}")
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"streamlit did not start in {START_TIMEOUT:.0f} s:\n{log_path.read_text()}")
            time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=15)


def test_dashboard_in_a_real_browser(server: str, tmp_path: Path) -> None:
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

            metric = page.locator('[data-testid="stMetric"]').filter(has_text="Relations")
            sync_api.expect(metric).to_contain_text("38", timeout=UI_TIMEOUT_MS)

            # change the country filter in the sidebar
            countries = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first
            countries.locator("input").click()
            page.keyboard.type(COUNTRY)
            page.get_by_role("option", name=re.compile(rf"^{COUNTRY}\b")).first.click()
            page.keyboard.press("Escape")
            expected = apply_filters(prepare_relations(read_table(FIXTURE)), Filters(countries=(COUNTRY,)))
            sync_api.expect(metric).to_contain_text(str(len(expected)), timeout=UI_TIMEOUT_MS)
            page.wait_for_url(f"**countries={COUNTRY}**", timeout=UI_TIMEOUT_MS)

            # map canvas, network chart and table are drawn
            deck = page.locator('[data-testid="stDeckGlJsonChart"]').first
            deck_canvas = deck.locator("canvas").first
            sync_api.expect(deck_canvas).to_be_visible(timeout=UI_TIMEOUT_MS)
            box = deck_canvas.bounding_box()
            assert box and box["width"] > 300 and box["height"] > 300
            network = page.locator('[data-testid="stVegaLiteChart"]').first
            sync_api.expect(network.locator("svg, canvas").first).to_be_visible(timeout=UI_TIMEOUT_MS)
            charts = page.locator('[data-testid="stVegaLiteChart"]')
            sync_api.expect(charts).to_have_count(4, timeout=UI_TIMEOUT_MS)  # network, 2 timelines, matrix
            for i in range(4):  # each one really drawn (a Vega-Lite error leaves an empty box)
                sync_api.expect(charts.nth(i).locator("canvas, svg")).not_to_have_count(0, timeout=UI_TIMEOUT_MS)
                drawn = charts.nth(i).locator("canvas, svg").first
                drawn.scroll_into_view_if_needed()
                sync_api.expect(drawn).to_be_visible(timeout=UI_TIMEOUT_MS)
                size = drawn.bounding_box()
                assert size and size["width"] > 100 and size["height"] > 100, f"chart {i} is empty"
            table = page.locator('[data-testid="stDataFrame"]').first
            sync_api.expect(table).to_be_visible(timeout=UI_TIMEOUT_MS)
            sync_api.expect(table).to_contain_text(str(expected["sentence"].iloc[0])[:30], timeout=UI_TIMEOUT_MS)
            page.wait_for_timeout(2500)  # let deck.gl and Vega finish drawing

            # the map really shows something: many distinct colours (outlines, arcs, markers)
            from PIL import Image

            map_image = Image.open(io.BytesIO(deck.screenshot())).convert("RGB")
            colours = map_image.getcolors(maxcolors=map_image.width * map_image.height) or []
            assert len(colours) > 200, "the map canvas looks blank"

            # the relations CSV download holds the filtered rows
            button = page.get_by_role("button", name="Download relations (CSV)")
            button.scroll_into_view_if_needed()
            with page.expect_download(timeout=UI_TIMEOUT_MS) as info:
                button.click()
            download = info.value
            assert download.suggested_filename == f"relations_{COUNTRY}.csv"
            saved = tmp_path / download.suggested_filename
            download.save_as(saved)
            got = coerce_types(pd.read_csv(saved, dtype=str, keep_default_na=False))
            want = public_frame(expected)
            assert len(got) == len(want)
            assert list(got.columns) == list(want.columns)
            assert ((got["source"] == COUNTRY) | (got["target"] == COUNTRY)).all()
            assert sorted(got["sentence"]) == sorted(want["sentence"].astype(str))

            # selecting the first row shows its evidence, actors and trigger highlighted
            table.scroll_into_view_if_needed()
            grid = table.bounding_box()
            assert grid
            page.mouse.click(grid["x"] + 18, grid["y"] + 35 + 17)  # the row-selection column, first row
            evidence = page.locator(".evidence").first
            sync_api.expect(evidence).to_be_visible(timeout=UI_TIMEOUT_MS)
            first = expected.iloc[0]
            sync_api.expect(evidence).to_contain_text(str(first["doc_title"]))
            marks = evidence.locator("mark[class^=ev-]")
            sync_api.expect(marks).to_have_count(3)
            sync_api.expect(marks.filter(has_text=str(first["trigger"]))).to_have_count(1)

            # screenshot of the whole dashboard (the page scrolls inside Streamlit's main area)
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
        finally:
            browser.close()

    assert blocked == [], f"the page tried to reach other hosts: {blocked}"
    assert sockets and all(urlsplit(u).netloc == own for u in sockets), sockets
    assert shot.stat().st_size > 50_000
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(shot, SCREENSHOT)
