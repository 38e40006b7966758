"""Benchmark: full extraction vs. bare ``nlp.pipe`` of the same spaCy model.

Runs the demo corpus (repeated ``--repeat`` times, with distinct doc ids) through

1. ``Extractor.extract`` — prefilter, parse of candidate sentences only, roles, dates;
2. ``nlp.pipe`` over the whole text of every document, full pipeline, default settings;

and prints docs/s, tokens/s and the ratio (extraction speed / bare speed), both
measured in the same run. The two are timed in alternation ``--rounds`` times and the median
ratio is reported, because the machine is shared and noisy. Model loading is not timed. With
``--json`` the last line is a JSON object of the figures. Run on demand:

    .venv/bin/python benchmarks/bench_extraction.py [--repeat 5] [--rounds 3] [--articles data/articles] [--json]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from extraction.cli.common import collect_documents  # noqa: E402
from extraction.pipeline import Extractor  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", default="data/articles")
    parser.add_argument("--repeat", type=int, default=5, help="copies of the corpus (more text, steadier figures)")
    parser.add_argument("--n-process", type=int, default=None, help="extraction parser processes (default: auto)")
    parser.add_argument("--rounds", type=int, default=3, help="alternating timings of both runs; the median counts")
    parser.add_argument("--json", action="store_true", help="end with one line of JSON")
    args = parser.parse_args()

    import spacy

    base, problems = collect_documents([args.articles])
    if problems or not base:
        raise SystemExit(f"cannot read corpus: {problems[:3]}")
    docs = [d._replace(doc_id=f"{d.doc_id}-{i}") for i in range(args.repeat) for d in base]
    texts = [d.text for d in docs]

    extractor = Extractor(n_process=args.n_process)
    bare = spacy.load(extractor.model_name)
    _ = extractor.nlp
    list(bare.pipe(texts[:5]))  # warm up both
    list(extractor.extract(docs[:5]))

    counts = {"parsed": 0, "sentences": 0}

    def count(prepared) -> None:
        counts["parsed"] += len(prepared.candidates)
        counts["sentences"] += len(prepared.sentences)

    bare_times, extract_times = [], []
    tokens = relations = 0
    for _ in range(max(1, args.rounds)):
        t0 = time.perf_counter()
        tokens = sum(len(d) for d in bare.pipe(texts))
        bare_times.append(time.perf_counter() - t0)
        counts.update(parsed=0, sentences=0)
        t0 = time.perf_counter()
        relations = sum(1 for _ in extractor.extract(docs, on_document=count))
        extract_times.append(time.perf_counter() - t0)
    ratios = [b / e for b, e in zip(bare_times, extract_times, strict=True)]
    bare_s, extract_s = statistics.median(bare_times), statistics.median(extract_times)
    ratio = statistics.median(ratios)

    print(f"model: {extractor.model_name}  (pipeline for bare run: {', '.join(bare.pipe_names)})")
    print(f"corpus: {len(docs)} documents, {tokens} tokens, {counts['sentences']} sentences")
    print(f"{'run (median)':<14} {'seconds':>8} {'docs/s':>8} {'tokens/s':>10}")
    print(f"{'bare pipe':<14} {bare_s:>8.2f} {len(docs) / bare_s:>8.1f} {tokens / bare_s:>10.0f}")
    print(f"{'extraction':<14} {extract_s:>8.2f} {len(docs) / extract_s:>8.1f} {tokens / extract_s:>10.0f}")
    print(
        f"ratio (extraction speed / bare speed): median {ratio:.2f} of {len(ratios)} rounds "
        f"({', '.join(f'{r:.2f}' for r in ratios)}); target >= 2"
    )
    share = counts["parsed"] / max(counts["sentences"], 1)
    print(f"sentences parsed by the extractor: {counts['parsed']} of {counts['sentences']} ({share:.0%}); "
          f"relations: {relations}")
    if args.json:
        print(json.dumps({
            "documents": len(docs), "tokens": tokens, "bare_s": round(bare_s, 3), "extract_s": round(extract_s, 3),
            "ratio": round(ratio, 3), "ratios": [round(r, 3) for r in ratios], "parsed_share": round(share, 3),
            "relations": relations,
        }))  # fmt: skip


if __name__ == "__main__":
    main()
