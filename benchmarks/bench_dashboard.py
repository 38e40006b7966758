"""Dashboard benchmark: a generated 1,000,000-row relation table, load time, rerun time, memory.

    .venv/bin/python benchmarks/bench_dashboard.py                 # 1,000,000 rows
    .venv/bin/python benchmarks/bench_dashboard.py --rows 200000 --keep /tmp/rel.parquet

1. Generates a random but valid relation table (every column of extraction.schema.COLUMNS,
   types from the ontology, sentences that contain their actor texts and trigger) and
   writes it as Parquet (or CSV with --format csv).
2. In a fresh Python process (so the peak memory is the dashboard's, not the generator's):
   - load: ``read_table`` + ``prepare_relations`` (what app.py's cached loader does), and the
     cache round trip (``st.cache_data`` hands each rerun a pickled copy);
   - the app itself under Streamlit's AppTest: the first run (load + draw), then reruns
     after filter changes (country, date range, text search), server side: script run
     and element serialisation, not the browser's drawing;
   - the same filter changes through the pure functions the app calls, view by view;
   - peak memory: the process's maximum resident set size (getrusage).
Targets (issue 4): a rerun under 0.5 s, peak memory under 1.5 GB, on the 2-core machine.
Not a test: run on demand (``make bench``).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import pickle
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from functools import partial
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extraction.schema import COLUMNS, EVENT_TYPES  # noqa: E402
from extraction.table import write_table  # noqa: E402

RERUN_TARGET_S = 0.5
ACTOR_ORDER = ("USA", "JPN", "KOR", "PRK", "CHN", "RUS", "TWN")
PEAK_TARGET_MB = 1536.0

ACTORS = {
    "USA": ["the United States", "Washington", "US officials", "the White House", "American"],
    "JPN": ["Japan", "Tokyo", "Japanese officials", "Prime Minister Kishida"],
    "KOR": ["South Korea", "Seoul", "President Yoon", "South Korean"],
    "PRK": ["North Korea", "Pyongyang", "Kim Jong Un", "North Korean"],
    "CHN": ["China", "Beijing", "Xi Jinping", "Chinese"],
    "RUS": ["Russia", "Moscow", "the Kremlin", "Russian"],
    "TWN": ["Taiwan", "Taipei", "Taiwanese officials"],
}
TRIGGERS = {
    "AGREE": ["agreed with", "signed a deal with"],
    "CONSULT": ["held talks with", "met"],
    "SUPPORT": ["backed", "praised"],
    "CONCEDE": ["eased restrictions on", "released detainees to"],
    "COOPERATE": ["held joint drills with", "shared intelligence with"],
    "AID": ["sent aid to", "sold arms to"],
    "RETREAT": ["withdrew troops from near", "suspended exercises aimed at"],
    "REQUEST": ["urged", "called on"],
    "ACCUSE": ["accused", "condemned"],
    "REJECT": ["rejected a proposal from", "refused to meet"],
    "THREATEN": ["threatened", "warned"],
    "PROTEST": ["protested to", "summoned the envoy of"],
    "SANCTION": ["imposed sanctions on", "raised tariffs on"],
    "MOBILIZE": ["deployed warships near", "put troops on alert against"],
    "COERCE": ["seized a ship from", "expelled diplomats of"],
    "ASSAULT": ["fired missiles toward", "attacked"],
}
TAILS = [
    "on Tuesday, officials said.",
    "after weeks of rising tension in the region.",
    "in a statement carried by state media.",
    "ahead of a regional security summit.",
    "according to a government spokesperson.",
]


def _pick(rng: np.random.Generator, options: list[str], n: int) -> np.ndarray:
    return np.asarray(options, dtype=object)[rng.integers(0, len(options), n)]


def generate(rows: int, *, seed: int = 4, articles: int | None = None) -> pd.DataFrame:
    """A random, valid relation table of ``rows`` rows."""
    rng = np.random.default_rng(seed)
    n_docs = articles or max(1, rows // 40)
    codes = np.array(list(ACTORS))
    # skewed actor choice (the US and China appear most), source != target
    weights = np.array([0.26, 0.16, 0.15, 0.12, 0.19, 0.08, 0.04])
    src = rng.choice(len(codes), rows, p=weights)
    tgt = (src + rng.integers(1, len(codes), rows)) % len(codes)
    types = np.array(list(EVENT_TYPES))
    type_idx = rng.integers(0, len(types), rows)
    quad = np.array([EVENT_TYPES[t][0] for t in types])[type_idx]
    intensity = np.array([EVENT_TYPES[t][1] for t in types])[type_idx]

    doc = rng.integers(0, n_docs, rows)
    start, end = np.datetime64("2016-01-01"), np.datetime64("2025-12-31")
    doc_dates = start + rng.integers(0, int((end - start).astype(int)) + 1, n_docs).astype("timedelta64[D]")
    doc_date = doc_dates[doc]
    lag = rng.integers(0, 4, rows).astype("timedelta64[D]")
    event_date = (doc_date - lag).astype(str)
    precision = np.where(lag == 0, "doc", "day").astype(object)
    undated = rng.random(rows) < 0.02
    event_date = np.where(undated, "", event_date).astype(object)
    precision[undated] = "doc"

    src_text = np.empty(rows, dtype=object)
    tgt_text = np.empty(rows, dtype=object)
    for i, code in enumerate(codes):
        mask_s, mask_t = src == i, tgt == i
        src_text[mask_s] = _pick(rng, ACTORS[str(code)], int(mask_s.sum()))
        tgt_text[mask_t] = _pick(rng, ACTORS[str(code)], int(mask_t.sum()))
    trigger = np.empty(rows, dtype=object)
    for i, name in enumerate(types):
        mask = type_idx == i
        trigger[mask] = _pick(rng, TRIGGERS[str(name)], int(mask.sum()))
    tail = _pick(rng, TAILS, rows)
    sentence = (
        pd.Series(src_text).str.capitalize()
        + " "
        + pd.Series(trigger)
        + " "
        + pd.Series(tgt_text)
        + " "
        + pd.Series(tail)
    )
    sentence_id = rng.integers(0, 60, rows)
    sentence_start = sentence_id * 140
    modality = np.where(
        rng.random(rows) < 0.05, "hypothetical", np.where(rng.random(rows) < 0.1, "intended", "asserted")
    )
    doc_ids = np.array([f"{d}-art{i:06d}" for i, d in enumerate(doc_dates.astype(str))], dtype=object)
    titles = np.array([f"Regional security report no. {i}" for i in range(n_docs)], dtype=object)
    frame = pd.DataFrame(
        {
            "doc_id": doc_ids[doc],
            "doc_title": titles[doc],
            "doc_date": doc_date.astype(str),
            "doc_url": pd.Series(doc_ids[doc]).radd("https://news.example.org/"),
            "sentence_id": sentence_id,
            "sentence": sentence,
            "sentence_start": sentence_start,
            "sentence_end": sentence_start + sentence.str.len().to_numpy(),
            "source": codes[src],
            "source_text": src_text,
            "target": codes[tgt],
            "target_text": tgt_text,
            "event_type": types[type_idx],
            "quad_class": quad,
            "intensity": intensity,
            "trigger": trigger,
            "event_date": event_date,
            "date_precision": precision,
            "negated": rng.random(rows) < 0.03,
            "modality": modality,
            "confidence": np.round(rng.uniform(0.3, 1.0, rows), 3),
        }
    )
    return frame[list(COLUMNS)]


# --------------------------------------------------------------------------- measuring (child process)


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def _timed(fn, repeat: int = 1) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best, result


def _arrow(spec: dict) -> dict:
    """A chart's spec with its datasets as the Arrow bytes Streamlit sends (what a rerun pays for)."""
    from streamlit.dataframe_util import convert_anything_to_arrow_bytes

    return {**spec, "datasets": {k: convert_anything_to_arrow_bytes(v) for k, v in spec.get("datasets", {}).items()}}


def measure_pure(path: Path) -> dict[str, object]:
    """Run in a fresh process: load, cache copy, and the pure pipeline per filter."""
    from components.actors import actors_from_table
    from components.dyads import dyad_summary
    from components.filters import Filters, apply_filters
    from components.headline import headline
    from components.map_data import actor_activity, map_arcs
    from components.map_view import build_deck
    from components.matrix_view import matrix_chart
    from components.memory import trim
    from components.network import network_edges, network_nodes
    from components.network_view import network_chart
    from components.prepare import prepare_relations
    from components.table_rows import table_rows
    from components.timeline import dyad_options, intensity_series, timeline_series
    from components.timeline_view import counts_chart, intensity_chart
    from extraction.actor_table import load_actor_table
    from extraction.table import read_table

    out: dict[str, object] = {"rss_start_mb": round(_rss_mb(), 1)}
    t0 = time.perf_counter()
    raw = read_table(path)
    t_read = time.perf_counter() - t0
    t0 = time.perf_counter()
    frame = prepare_relations(raw)
    t_prep = time.perf_counter() - t0
    raw = None  # free it, as the app keeps only the prepared frame
    trim()
    out["load_read_s"] = round(t_read, 3)
    out["load_prepare_s"] = round(t_prep, 3)
    blob = pickle.dumps(frame, protocol=pickle.HIGHEST_PROTOCOL)
    t_unpickle, _ = _timed(partial(pickle.loads, blob), repeat=3)
    out["cache_copy_s"] = round(t_unpickle, 3)
    out["cache_entry_mb"] = round(len(blob) / 1e6, 1)
    blob = b""

    locations = actors_from_table(load_actor_table()).locations
    geometry = (ROOT / "data" / "geo" / "countries.geojson").read_text(encoding="utf-8")
    cases = {
        "all (default)": Filters(),
        "country JPN": Filters(countries=("JPN",)),
        "2020-2022 + material conflict": Filters(
            date_from=date(2020, 1, 1), date_to=date(2022, 12, 31), quad_classes=("material conflict",)
        ),
        "text 'missiles'": Filters(text="missiles"),
    }
    pure: dict[str, dict[str, float]] = {}
    for name, flt in cases.items():
        steps: dict[str, float] = {}
        t, view = _timed(lambda flt=flt: apply_filters(frame, flt))
        steps["filter"] = t
        steps["headline"] = _timed(lambda view=view: headline(view))[0]
        t, summary = _timed(lambda view=view: dyad_summary(view))
        steps["dyad summary"] = t
        steps["map"] = _timed(
            lambda view=view, summary=summary: build_deck(
                map_arcs(view, locations, summary=summary), actor_activity(view, locations), geometry
            ).to_json()
        )[0]
        steps["network"] = _timed(
            lambda view=view, summary=summary: _arrow(
                network_chart(edges := network_edges(view, summary=summary), network_nodes(edges, ACTOR_ORDER))
            )
        )[0]
        steps["timeline"] = _timed(
            lambda view=view: (
                _arrow(counts_chart(timeline_series(view))),
                _arrow(intensity_chart(intensity_series(view, dyad_options(view)[:3]))),
            )
        )[0]
        steps["matrix"] = _timed(lambda summary=summary: _arrow(matrix_chart(summary, metric="count")))[0]
        steps["table"] = _timed(lambda view=view: table_rows(view))[0]
        steps["total"] = sum(steps.values())
        steps["rows"] = float(len(view))
        pure[name] = {k: round(v, 3) for k, v in steps.items()}
    out["pure"] = pure
    return out


def measure_app(path: Path, repeat: int = 5) -> dict[str, object]:
    """Run in a fresh process: the app itself under AppTest, server side; its peak memory."""
    from streamlit.testing.v1 import AppTest

    out: dict[str, object] = {"rss_start_mb": round(_rss_mb(), 1)}
    os.environ["RELDASH_DATA"] = str(path)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
    t_first, _ = _timed(lambda: at.run())
    out["app_first_run_s"] = round(t_first, 3)
    errors = [e.value for e in at.exception]
    steps = {
        "country JPN": lambda: at.sidebar.multiselect(key="filter_countries").set_value(["JPN"]),
        "+ date range 2020-2022": lambda: at.sidebar.date_input(key="filter_dates").set_value(
            (date(2020, 1, 1), date(2022, 12, 31))
        ),
        "+ text 'missiles'": lambda: at.sidebar.text_input(key="filter_text").input("missiles"),
        "reset (all rows)": lambda: at.sidebar.button(key="filter_reset").click(),
        "no change (all rows)": lambda: None,
    }
    samples: dict[str, list[float]] = {name: [] for name in steps}
    for _ in range(repeat):  # each step changes the filter left by the one before
        for name, apply in steps.items():
            apply()
            t0 = time.perf_counter()
            at.run()
            samples[name].append(time.perf_counter() - t0)
            errors.extend(e.value for e in at.exception)
            gc.collect()  # Streamlit's own script runner collects after every run; AppTest does not
    out["app_reruns_s"] = {
        name: {"median": round(statistics.median(v), 3), "min": round(min(v), 3), "max": round(max(v), 3)}
        for name, v in samples.items()
    }
    out["app_errors"] = errors
    out["table_rows_sent"] = len(at.dataframe[0].value) if at.dataframe else 0
    out["peak_rss_mb"] = round(_rss_mb(), 1)
    return out


def measure_server(path: Path, rounds: int = 6) -> dict[str, object]:
    """The real thing: ``streamlit run app.py`` on a local port, driven by headless chromium.

    Toggles a filter ``rounds`` times (each a rerun over all rows) and reads the server
    process's resident size and peak (VmRSS, VmHWM) from /proc. The times here are what a
    user waits: server rerun plus network plus drawing in the browser.
    """
    import socket
    import urllib.request

    from playwright.sync_api import expect, sync_playwright

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    command = [
        sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"),
        "--server.port", str(port), "--server.address", "127.0.0.1", "--server.headless", "true",
        "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false",
        "--", "--data", str(path),
    ]  # fmt: skip
    proc = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def status() -> dict[str, int]:
        out: dict[str, int] = {}
        with open(f"/proc/{proc.pid}/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith(("VmRSS", "VmHWM")):
                    out[line.split(":")[0]] = int(line.split()[1]) // 1024
        return out

    result: dict[str, object] = {}
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise RuntimeError("streamlit did not start") from None
                time.sleep(0.3)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium",
                args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            page = browser.new_page(viewport={"width": 1500, "height": 1000})
            t0 = time.perf_counter()
            page.goto(f"http://127.0.0.1:{port}/")
            metric = (
                page.locator('[data-testid="stMetric"]')
                .filter(has_text="Mentions")
                .locator('[data-testid="stMetricValue"]')
            )
            expect(metric).not_to_have_text("0", timeout=300_000)
            page.locator('[data-testid="stDeckGlJsonChart"] canvas').first.wait_for(timeout=300_000)
            result["server_first_page_s"] = round(time.perf_counter() - t0, 2)
            rss, waits = [], []
            for _ in range(rounds):
                before = metric.inner_text().strip()
                t0 = time.perf_counter()
                page.locator('[data-testid="stSidebar"] [data-testid="stCheckbox"]').first.click()
                expect(metric).not_to_have_text(before, timeout=120_000)
                waits.append(time.perf_counter() - t0)
                page.wait_for_timeout(1500)  # let the run finish and Streamlit clean up
                rss.append(status()["VmRSS"])
            browser.close()
        result["server_update_s"] = {"median": round(statistics.median(waits), 2), "max": round(max(waits), 2)}
        result["server_rss_mb"] = rss
        result["server_peak_mb"] = status()["VmHWM"]
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
    return result


# --------------------------------------------------------------------------- driver


def _report(rows: int, gen_s: float, write_s: float, size_mb: float, res: dict[str, object]) -> None:
    print(f"\nDashboard benchmark: {rows:,} relations ({size_mb:,.0f} MB file), {os.cpu_count()} cores")
    print(f"  load average before the run: {res.get('loadavg', '?')} (the timings are noisy on a busy machine)")
    print(f"  generate {gen_s:.1f} s, write {write_s:.1f} s")
    print("Load (once per file; cached by st.cache_data):")
    print(f"  read_table        {res['load_read_s']:>7.3f} s")
    print(f"  prepare_relations {res['load_prepare_s']:>7.3f} s")
    print(f"  cache copy/rerun  {res['cache_copy_s']:>7.3f} s   (cache entry {res['cache_entry_mb']} MB)")
    print(f"  app first run     {res['app_first_run_s']:>7.3f} s   (load + draw, server side)")
    print(f"Reruns after a filter change (AppTest, server side; 5 rounds; target < {RERUN_TARGET_S} s):")
    reruns = res["app_reruns_s"]
    assert isinstance(reruns, dict)
    for name, stats in reruns.items():
        print(
            f"  {name:<24} median {stats['median']:.3f} s (min {stats['min']:.3f}, max {stats['max']:.3f})"
            f"   median/target {stats['median'] / RERUN_TARGET_S:.2f}"
        )
    print("Pure pipeline per filter (seconds; the functions each rerun calls, charts serialised):")
    pure = res["pure"]
    assert isinstance(pure, dict)
    for name, steps in pure.items():
        detail = ", ".join(f"{k} {v:.3f}" for k, v in steps.items() if k not in ("total", "rows"))
        print(f"  {name:<30} {steps['total']:.3f} s for {int(steps['rows']):,} rows ({detail})")
    peak = float(res["peak_rss_mb"])  # type: ignore[arg-type]
    print(f"Table rows sent to the browser: {res['table_rows_sent']:,} (the download has them all)")
    print(
        f"Peak memory of the app process (max RSS: Python, Streamlit, the cached table, every rerun): "
        f"{peak:,.0f} MB; ratio to target {peak / PEAK_TARGET_MB:.2f} (target < {PEAK_TARGET_MB:,.0f} MB)"
    )
    if "server_peak_mb" in res:
        server_peak = float(res["server_peak_mb"])  # type: ignore[arg-type]
        update = res["server_update_s"]
        assert isinstance(update, dict)
        print("Real server (streamlit run + headless chromium, filter toggled over all rows):")
        print(f"  first page with the map drawn {res['server_first_page_s']} s (load included)")
        print(
            f"  update seen in the browser: median {update['median']} s, max {update['max']} s "
            "(server rerun + transfer + drawing)"
        )
        print(f"  server resident size after each rerun (MB): {res['server_rss_mb']}")
        print(f"  server peak (VmHWM) {server_peak:,.0f} MB; ratio to target {server_peak / PEAK_TARGET_MB:.2f}")
        peak = max(peak, server_peak)
    worst = max(stats["median"] for stats in reruns.values())
    print(
        f"Verdict: slowest median rerun {worst:.3f} s ({'OK' if worst < RERUN_TARGET_S else 'OVER TARGET'}), "
        f"peak {peak:,.0f} MB ({'OK' if peak < PEAK_TARGET_MB else 'OVER TARGET'})"
    )
    if res["app_errors"]:
        print(f"App errors: {res['app_errors']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--format", choices=("parquet", "csv"), default="parquet")
    parser.add_argument("--keep", type=Path, help="write the generated table here and keep it")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)  # child process mode
    parser.add_argument("--what", choices=("pure", "app", "server"), default="app", help=argparse.SUPPRESS)
    parser.add_argument(
        "--no-server",
        action="store_true",
        help="skip the real-server phase (streamlit run + headless chromium), e.g. without chromium",
    )
    parser.add_argument("--json", action="store_true", help="print the raw figures as JSON too")
    args = parser.parse_args(argv)

    if args.measure:
        measure = {"app": measure_app, "pure": measure_pure, "server": measure_server}[args.what]
        print(json.dumps(measure(args.measure)))
        return 0

    loadavg = " ".join(f"{x:.2f}" for x in os.getloadavg())
    with tempfile.TemporaryDirectory(prefix="bench_dashboard_") as tmp:
        path = args.keep or Path(tmp) / f"relations.{args.format}"
        t0 = time.perf_counter()
        frame = generate(args.rows)
        gen_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        write_table(frame, path)
        write_s = time.perf_counter() - t0
        del frame
        size_mb = path.stat().st_size / 1e6
        result: dict[str, object] = {}
        phases = ["pure", "app"]
        if not args.no_server and Path("/usr/bin/chromium").exists():
            phases.append("server")
        for what in phases:  # each in its own process, so each peak is its own
            child = subprocess.run(
                [sys.executable, __file__, "--measure", str(path), "--what", what],
                capture_output=True,
                text=True,
                check=False,
                cwd=ROOT,
            )
            if child.returncode != 0:
                print(child.stdout, child.stderr, sep="\n")
                return child.returncode
            result.update(
                {
                    f"{what}:{k}" if k.startswith("rss") else k: v
                    for k, v in json.loads(child.stdout.strip().splitlines()[-1]).items()
                }
            )
        result["loadavg"] = loadavg
        _report(args.rows, gen_s, write_s, size_mb, result)
        if args.json:
            print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
