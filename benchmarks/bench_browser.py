"""Browser benchmark: how long a user waits for the dashboard, in a real headless Chromium.

    .venv/bin/python benchmarks/bench_browser.py                       # the demo store (built first)
    .venv/bin/python benchmarks/bench_browser.py --json                # last line: the figures as JSON
    .venv/bin/python benchmarks/bench_browser.py --data big.parquet    # a relation table instead
    .venv/bin/python benchmarks/bench_browser.py --baseline /tmp/old   # also an older checkout, same run
    .venv/bin/python benchmarks/bench_dashboard.py --rows 1000000 --keep /tmp/big.parquet --store /tmp/big.duckdb --repeat 1
                                                                       # (makes the 1,000,000-row table)

1. Builds the demo store from ``data/articles`` in a temporary folder (``python -m extraction
   add``; not timed), unless ``--db`` or ``--data`` names the data.
2. Starts ``streamlit run app.py`` on a free local port and opens it in Debian's chromium
   (``/usr/bin/chromium``, driven by Playwright; every request to another host is aborted).
3. ``first_load_s``: from navigation to every view drawn (headline, map canvas, the Vega
   charts, the table), the page quiet.
4. ``filter_to_drawn_median_s``: the median over ``--changes`` filter changes (the sidebar's
   *Include negated* and *Include hypothetical* boxes, ticked and unticked in turn, each a
   rerun over all rows) from the click to every view drawn again.

"Drawn" is measured in the page: a script installed before the app's own records the time of
the last DOM change, the end of the last long task (a busy main thread: Vega and deck.gl
drawing) and the last websocket message; a change is drawn once the app's script run is
over and nothing happened for ``QUIET_MS``. Its time is that last activity minus the click.

The websocket messages of every rerun are decoded (Streamlit's ``ForwardMsg``) and their
bytes summed by element type (``deck_gl_json_chart``, ``vega_lite_chart``, ``arrow_data_frame``
...): what the browser receives per filter change.

With ``--baseline DIR`` a second server runs the app of another checkout (e.g. ``git archive
main | tar -x -C DIR``) on the same data, and the two are measured in turns in the same run:
the figures come with their ratio (this checkout / baseline).
Not a test: run on demand.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
QUIET_MS = 600
TIMEOUT_S = 600.0
TARGET_S = 1.0
#: The boxes ticked and unticked in turn: each change reruns the app over all rows.
TOGGLES = ("Include negated", "Include hypothetical")

#: Installed before the app's scripts: the times of the last DOM change, long task, websocket
#: message, and the app's script-state changes (performance.now() milliseconds).
PROBE = """
(() => {
  const S = (window.__bench = {mutation: 0, longtask: 0, messages: [], states: []});
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (event) => {
        const d = event.data;
        S.messages.push([performance.now(), d.byteLength ?? d.size ?? d.length ?? 0]);
      });
    }
  };
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) S.longtask = Math.max(S.longtask, e.startTime + e.duration);
    }).observe({type: "longtask", buffered: true});
  } catch (e) {}
  const watch = () => new MutationObserver((records) => {
    const now = performance.now();
    S.mutation = now;
    for (const r of records) {
      if (r.type === "attributes" && r.attributeName === "data-test-script-state") {
        S.states.push([now, r.target.getAttribute("data-test-script-state")]);
      }
    }
  }).observe(document.documentElement, {subtree: true, childList: true, attributes: true, characterData: true});
  if (document.documentElement) watch(); else document.addEventListener("DOMContentLoaded", watch);
})();
"""
SNAPSHOT = """() => {
  const S = window.__bench, last = S.messages.length ? S.messages[S.messages.length - 1][0] : 0;
  const app = document.querySelector('[data-testid="stApp"]');
  return {now: performance.now(), mutation: S.mutation, longtask: S.longtask, message: last,
          state: app ? app.getAttribute("data-test-script-state") : null, states: S.states.slice(-6),
          charts: document.querySelectorAll('[data-testid="stVegaLiteChart"]').length,
          drawnCharts: [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')]
              .filter(c => c.querySelector("canvas, svg")).length,
          deck: document.querySelectorAll('[data-testid="stDeckGlJsonChart"] canvas').length,
          tables: document.querySelectorAll('[data-testid="stDataFrame"]').length};
}"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def build_demo_store(folder: Path) -> Path:
    """The demo store: the 84 demo articles extracted into a new store (not timed)."""
    path = folder / "demo.duckdb"
    subprocess.run(
        [sys.executable, "-m", "extraction", "add", str(ROOT / "data" / "articles"), "--db", str(path)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    return path


class Server:
    """``streamlit run app.py`` of the checkout at ``root``, on a free local port."""

    def __init__(self, root: Path, data_args: list[str], log: Path) -> None:
        self.port = _free_port()
        command = [
            sys.executable, "-m", "streamlit", "run", str(root / "app.py"),
            "--server.port", str(self.port), "--server.address", "127.0.0.1", "--server.headless", "true",
            "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false", "--", *data_args,
        ]  # fmt: skip
        env = {k: v for k, v in os.environ.items() if not k.startswith("RELDASH_")}
        env["PYTHONPATH"] = str(root)
        self.log = log
        with open(log, "w", encoding="utf-8") as handle:
            self.proc = subprocess.Popen(command, cwd=root, stdout=handle, stderr=subprocess.STDOUT, env=env)
        self.url = f"http://127.0.0.1:{self.port}/"
        deadline = time.monotonic() + 120
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"streamlit exited:\n{log.read_text()}")
            try:
                with urllib.request.urlopen(f"{self.url}_stcore/health", timeout=2):
                    return
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"streamlit did not start:\n{log.read_text()}") from None
                time.sleep(0.3)

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=20)


def element_sizes(payloads: list[bytes]) -> dict[str, int]:
    """Bytes of the decoded ForwardMsgs by what they carry (element type, or message type)."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    sizes: dict[str, int] = defaultdict(int)
    for payload in payloads:
        try:
            msg = ForwardMsg.FromString(payload)
        except Exception:  # noqa: BLE001 - not a ForwardMsg (should not happen): counted apart
            sizes["(undecoded)"] += len(payload)
            continue
        kind = msg.WhichOneof("type") or "(empty)"
        if kind == "delta":
            delta = msg.delta
            kind = delta.WhichOneof("type") or "delta"
            if kind == "new_element":
                kind = delta.new_element.WhichOneof("type") or "element"
        sizes[kind] += len(payload)
    return dict(sizes)


class Tab:
    """One page of the app, with the probe installed, and the websocket payloads it receives."""

    def __init__(self, browser, server: Server) -> None:
        own = urlsplit(server.url).netloc
        self.blocked: list[str] = []
        self.context = browser.new_context(viewport={"width": 1500, "height": 1000})
        self.context.add_init_script(PROBE)
        self.context.route("**/*", self._guard(own))
        self.page = self.context.new_page()
        self.payloads: list[bytes] = []
        self.page.on("websocket", lambda ws: ws.on("framereceived", self._frame))
        self.server = server

    def _guard(self, own: str):
        def guard(route) -> None:
            target = urlsplit(route.request.url)
            if target.scheme in ("data", "blob") or target.netloc == own:
                route.continue_()
            else:
                self.blocked.append(route.request.url)
                route.abort()

        return guard

    def _frame(self, payload) -> None:
        self.payloads.append(payload if isinstance(payload, bytes) else payload.encode())

    def snapshot(self) -> dict:
        return self.page.evaluate(SNAPSHOT)

    def wait_drawn(self, t0: float, *, charts: int, first: bool = False) -> float:
        """Seconds from ``t0`` (page clock, ms) to the last activity before a quiet spell, once
        the script run that started after ``t0`` is over and every view is on the page."""
        deadline = time.monotonic() + TIMEOUT_S
        while True:
            s = self.snapshot()
            ran = first or any(t >= t0 and state == "running" for t, state in s["states"])
            last = max(s["mutation"], s["longtask"], s["message"])
            complete = s["drawnCharts"] >= charts and s["deck"] > 0 and s["tables"] > 0
            if ran and s["state"] == "notRunning" and complete and s["now"] - last >= QUIET_MS:
                return (last - t0) / 1000.0
            if time.monotonic() > deadline:
                raise TimeoutError(f"the page did not settle: {s}")
            time.sleep(0.1)

    def first_load(self) -> tuple[float, int]:
        self.page.goto(self.server.url, wait_until="commit")
        t0 = 0.0  # performance.now() counts from the navigation
        self.page.locator('[data-testid="stMetric"]').first.wait_for(timeout=TIMEOUT_S * 1000)
        self.page.locator('[data-testid="stDeckGlJsonChart"] canvas').first.wait_for(timeout=TIMEOUT_S * 1000)
        charts = self.page.locator('[data-testid="stVegaLiteChart"]').count()
        seconds = self.wait_drawn(t0, charts=charts, first=True)
        return seconds, self.page.locator('[data-testid="stVegaLiteChart"]').count()

    def change(self, label: str, charts: int) -> tuple[float, dict[str, int]]:
        """Tick or untick a sidebar box; seconds to drawn, and the bytes received by type."""
        box = self.page.locator('[data-testid="stSidebar"] [data-testid="stCheckbox"]').filter(has_text=label)
        box.scroll_into_view_if_needed()
        self.payloads.clear()
        t0 = self.page.evaluate("() => performance.now()")
        box.locator("label").first.click()
        seconds = self.wait_drawn(t0, charts=charts)
        return seconds, element_sizes(self.payloads)


def measure(roots: dict[str, Path], data_args: list[str], changes: int, logs: Path) -> dict[str, dict]:
    """Every checkout of ``roots`` measured in turns: first loads, then the filter changes."""
    from playwright.sync_api import sync_playwright

    servers = {name: Server(root, data_args, logs / f"{name}.log") for name, root in roots.items()}
    results: dict[str, dict] = {name: {"changes_s": [], "bytes": []} for name in roots}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                tabs = {name: Tab(browser, server) for name, server in servers.items()}
                charts: dict[str, int] = {}
                for name, tab in tabs.items():
                    seconds, charts[name] = tab.first_load()
                    results[name]["first_load_s"] = round(seconds, 3)
                for i in range(changes):
                    label = TOGGLES[i % len(TOGGLES)]  # negated on, hypothetical on, negated off, ...
                    for name, tab in tabs.items():
                        seconds, sizes = tab.change(label, charts[name])
                        results[name]["changes_s"].append(round(seconds, 3))
                        results[name]["bytes"].append(sizes)
                for name, tab in tabs.items():
                    results[name]["blocked"] = tab.blocked
            finally:
                browser.close()
    finally:
        for server in servers.values():
            server.stop()
    return results


def summary(result: dict) -> dict:
    """The figures of one checkout: median seconds, bytes per rerun by element type."""
    per_type: dict[str, list[int]] = defaultdict(list)
    for sizes in result["bytes"]:
        for kind in {k for b in result["bytes"] for k in b}:
            per_type[kind].append(sizes.get(kind, 0))
    totals = [sum(b.values()) for b in result["bytes"]]
    return {
        "first_load_s": result["first_load_s"],
        "filter_to_drawn_median_s": round(statistics.median(result["changes_s"]), 3),
        "filter_to_drawn_s": result["changes_s"],
        "rerun_bytes_median": int(statistics.median(totals)) if totals else 0,
        "rerun_bytes_by_type_median": {
            k: int(statistics.median(v)) for k, v in sorted(per_type.items(), key=lambda kv: -statistics.median(kv[1]))
        },
        "blocked_requests": result["blocked"],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--db", type=Path, help="a relation store (default: the demo store, built first)")
    source.add_argument("--data", type=Path, help="a CSV or Parquet relation table (read-only)")
    parser.add_argument("--changes", type=int, default=6, help="filter changes measured (at least 5)")
    parser.add_argument("--baseline", type=Path, help="another checkout of the project, measured in turns")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON on the last line")
    args = parser.parse_args(argv)
    if args.changes < 5:
        parser.error("--changes: at least 5")
    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} is missing (apt-get install chromium)", file=sys.stderr)
        return 2

    with tempfile.TemporaryDirectory(prefix="bench_browser_") as tmp:
        folder = Path(tmp)
        if args.data:
            data_args, what = ["--data", str(args.data.resolve())], f"relation table {args.data}"
        else:
            db = args.db.resolve() if args.db else build_demo_store(folder)
            data_args, what = ["--db", str(db)], f"relation store {db}" + ("" if args.db else " (the demo store)")
        roots = {"this": ROOT}
        if args.baseline:
            roots["baseline"] = args.baseline.resolve()
        loadavg = " ".join(f"{x:.2f}" for x in os.getloadavg())
        raw = measure(roots, data_args, args.changes, folder)
    figures = {name: summary(result) for name, result in raw.items()}
    this = figures["this"]
    print(f"Browser benchmark on the {what}; {os.cpu_count()} cores, load average before: {loadavg}")
    for name, fig in figures.items():
        print(f"  [{name}] first load {fig['first_load_s']:.2f} s; filter change to every view drawn: "
              f"median {fig['filter_to_drawn_median_s']:.2f} s {fig['filter_to_drawn_s']} "
              f"(target < {TARGET_S} s)")  # fmt: skip
        kinds = ", ".join(f"{k} {v / 1000:.1f} KB" for k, v in fig["rerun_bytes_by_type_median"].items() if v)
        print(f"  [{name}] received per filter change: {fig['rerun_bytes_median'] / 1000:.1f} KB ({kinds})")
        if fig["blocked_requests"]:
            print(f"  [{name}] requests to other hosts (aborted): {fig['blocked_requests']}")
    out = {**{k: v for k, v in this.items()}, "target_s": TARGET_S, "data": what}
    if "baseline" in figures:
        base = figures["baseline"]
        out["baseline"] = base
        out["ratio_filter_to_drawn"] = round(this["filter_to_drawn_median_s"] / base["filter_to_drawn_median_s"], 3)
        out["ratio_first_load"] = round(this["first_load_s"] / base["first_load_s"], 3)
        out["ratio_rerun_bytes"] = round(this["rerun_bytes_median"] / max(base["rerun_bytes_median"], 1), 3)
        print(
            f"  this / baseline: filter change {out['ratio_filter_to_drawn']:.2f}, first load "
            f"{out['ratio_first_load']:.2f}, bytes per filter change {out['ratio_rerun_bytes']:.2f}"
        )
    if args.json:
        print(json.dumps(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
