"""Benchmark: full extraction vs. bare ``nlp.pipe`` of the same spaCy model.

Runs the demo corpus (repeated ``--repeat`` times, with distinct doc ids) through

1. ``Extractor.extract`` — prefilter, parse of candidate sentences only, roles, dates;
2. ``nlp.pipe`` over the whole text of every document, full pipeline, default settings;

and prints docs/s, tokens/s and the ratio (extraction speed / bare speed), both
measured in the same run. Model loading is not timed. Run on demand:

    .venv/bin/python benchmarks/bench_extraction.py [--repeat 5] [--articles data/articles]
"""

from __future__ import annotations

import argparse
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

    t0 = time.perf_counter()
    tokens = sum(len(d) for d in bare.pipe(texts))
    bare_s = time.perf_counter() - t0

    parsed_sentences = 0
    total_sentences = 0

    def count(prepared) -> None:
        nonlocal parsed_sentences, total_sentences
        parsed_sentences += len(prepared.candidates)
        total_sentences += len(prepared.sentences)

    t0 = time.perf_counter()
    relations = sum(1 for _ in extractor.extract(docs, on_document=count))
    extract_s = time.perf_counter() - t0

    print(f"model: {extractor.model_name}  (pipeline for bare run: {', '.join(bare.pipe_names)})")
    print(f"corpus: {len(docs)} documents, {tokens} tokens, {total_sentences} sentences")
    print(f"{'run':<12} {'seconds':>8} {'docs/s':>8} {'tokens/s':>10}")
    print(f"{'bare pipe':<12} {bare_s:>8.2f} {len(docs) / bare_s:>8.1f} {tokens / bare_s:>10.0f}")
    print(f"{'extraction':<12} {extract_s:>8.2f} {len(docs) / extract_s:>8.1f} {tokens / extract_s:>10.0f}")
    print(f"ratio (extraction speed / bare speed): {bare_s / extract_s:.2f}  (target >= 1.0)")
    print(
        f"sentences parsed by the extractor: {parsed_sentences} of {total_sentences} "
        f"({parsed_sentences / max(total_sentences, 1):.0%}); relations: {relations}"
    )


if __name__ == "__main__":
    main()
