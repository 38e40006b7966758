"""Distributed extraction benchmark: one process, and a LocalCluster of 1 and 2 workers, on the same corpus.

    .venv/bin/python benchmarks/bench_distributed.py                 # demo corpus x 3 (252 documents)
    .venv/bin/python benchmarks/bench_distributed.py --repeat 5 --json

The corpus is the demo articles (``data/articles``) repeated ``--repeat`` times under new
doc_ids. Each engine extracts all of it:

* **one process**: :meth:`extraction.pipeline.Extractor.extract` in this process
  (``n_process=1``), what ``build`` does on a small corpus;
* **LocalCluster, 1 worker** and **2 workers** (one single-threaded worker process per core):
  :func:`extraction.distributed.run_on_cluster`, what ``build --engine dask`` does, writing
  the Parquet dataset.

Times: start-up (the model load; for a cluster also starting it, and each worker's model
load) and extraction, reported apart: throughput is documents and tokens per second of
extraction. The rows of every engine are checked to be the same. Ratios are to the one
process, measured in the same run. With ``--json`` the last line is JSON. Not a test: run
on demand (``make bench``).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extraction.documents import Document, read_inputs  # noqa: E402
from extraction.table import read_table, to_frame  # noqa: E402

KEY = ["doc_id", "sentence_id", "source", "target", "event_type", "trigger", "event_date"]


def corpus(repeat: int) -> list[Document]:
    docs = [d for d in read_inputs([str(ROOT / "data" / "articles")]) if isinstance(d, Document)]
    return [d._replace(doc_id=f"{d.doc_id}~{i}") for i in range(repeat) for d in docs]


def tokens(docs: list[Document]) -> int:
    return sum(len(d.text.split()) for d in docs)


def one_process(docs: list[Document]) -> tuple[dict[str, float], object]:
    from extraction.pipeline import Extractor

    t0 = time.perf_counter()
    extractor = Extractor(n_process=1)
    extractor.nlp  # noqa: B018 - the model load, timed apart
    startup = time.perf_counter() - t0
    t0 = time.perf_counter()
    frame = to_frame(extractor.extract(docs))
    return {"startup_s": startup, "extract_s": time.perf_counter() - t0}, frame


def cluster(docs: list[Document], workers: int, batch_docs: int) -> tuple[dict[str, float], object]:
    from extraction.distributed import PLUGIN, ExtractorPlugin, connect, run_on_cluster

    t0 = time.perf_counter()
    client = connect(None, workers)
    client.register_plugin(ExtractorPlugin(), name=PLUGIN)  # every worker loads the model now
    startup = time.perf_counter() - t0
    try:
        with tempfile.TemporaryDirectory(prefix="bench_distributed_") as tmp:
            t0 = time.perf_counter()
            report = run_on_cluster(client, docs, Path(tmp) / "ds", batch_docs=batch_docs)
            extract_s = time.perf_counter() - t0
            frame = read_table(Path(tmp) / "ds")
    finally:
        inner = client.cluster
        client.close()
        inner.close()
    assert not report.problems, report.problems
    return {"startup_s": startup, "extract_s": extract_s, "batches": report.batches}, frame


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3, help="times the demo corpus is repeated")
    parser.add_argument("--batch-size", type=int, default=20, help="documents per task")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON, as the last line")
    args = parser.parse_args(argv)

    docs = corpus(args.repeat)
    n_docs, n_tokens = len(docs), tokens(docs)
    loadavg = " ".join(f"{x:.2f}" for x in os.getloadavg())
    runs: dict[str, dict[str, float]] = {}
    frames = {}
    runs["one process"], frames["one process"] = one_process(docs)
    for workers in (1, 2):
        name = f"LocalCluster, {workers} worker{'s' if workers > 1 else ''}"
        runs[name], frames[name] = cluster(docs, workers, args.batch_size)
    base = frames["one process"].sort_values(KEY, kind="stable").reset_index(drop=True)
    same = {
        name: frame.sort_values(KEY, kind="stable").reset_index(drop=True).equals(base) for name, frame in frames.items()
    }
    for figures in runs.values():
        figures["docs_per_s"] = n_docs / figures["extract_s"]
        figures["tokens_per_s"] = n_tokens / figures["extract_s"]
    single = runs["one process"]["docs_per_s"]
    print(f"\nDistributed extraction: {n_docs} documents ({n_tokens:,} tokens), {os.cpu_count()} cores, "
          f"load average {loadavg} before the run")
    for name, figures in runs.items():
        print(
            f"  {name:<24} start-up {figures['startup_s']:5.1f} s, extraction {figures['extract_s']:6.1f} s: "
            f"{figures['docs_per_s']:6.2f} docs/s, {figures['tokens_per_s']:8,.0f} tokens/s, "
            f"ratio to one process {figures['docs_per_s'] / single:.2f}; same rows: {same[name]}"
        )
    per_worker = runs["LocalCluster, 2 workers"]["docs_per_s"] / 2
    print(f"  per worker (one core) on the 2-worker cluster: {per_worker:.2f} docs/s")
    result = {
        "documents": n_docs,
        "tokens": n_tokens,
        "cores": os.cpu_count(),
        "loadavg": loadavg,
        "runs": {k: {m: round(v, 3) for m, v in f.items()} for k, f in runs.items()},
        "ratio_1_worker": round(runs["LocalCluster, 1 worker"]["docs_per_s"] / single, 3),
        "ratio_2_workers": round(runs["LocalCluster, 2 workers"]["docs_per_s"] / single, 3),
        "docs_per_s_per_worker": round(per_worker, 3),
        "same_rows": same,
    }
    if args.json:
        print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
