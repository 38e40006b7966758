"""Review benchmark: what reviews cost the store's readers and writers.

    .venv/bin/python benchmarks/bench_reviews.py                     # 5,000 documents, 50,000 relations
    .venv/bin/python benchmarks/bench_reviews.py --docs 1000 --json  # last line: the figures as JSON

1. Fills a new store with generated documents (a stand-in extractor finds the relations
   written into the text, so no spaCy time is measured), ten relations each.
2. Reads the relation table with the reviews applied (the view ``reviewed_relations``) and
   as extracted (``raw_relations``), before and after reviewing a fifth of the relations
   (confirm, reject, fix, add), and the review progress: median seconds, and the reviewed
   read as a ratio of the raw read measured in the same run.
3. Writes verdicts: one confirm per call (each its own transaction under the store lock)
   against many in one call (``confirm_many``): milliseconds per verdict and the ratio; and
   one confirm against an empty write transaction (opening the file under the lock,
   committing, closing), the floor of any single write to the store.
Not a test: run on demand.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extraction.documents import Document  # noqa: E402
from extraction.schema import EVENT_TYPES, EventMention  # noqa: E402
from extraction.store import Store  # noqa: E402

ACTORS = ("USA", "JPN", "KOR", "PRK", "CHN", "RUS", "TWN")
PER_DOC = 10


class MarkExtractor:
    """One relation per sentence ``S<i> SRC TGT TYPE.`` of the text."""

    version = "bench-1"

    def extract(self, docs, *, on_document=None):
        for doc in docs:
            pos = 0
            for i, sentence in enumerate(doc.text.split("\n")):
                _, src, tgt, etype = sentence.rstrip(".").split(" ")
                yield EventMention(
                    doc.doc_id, doc.title, doc.date, doc.url, i, sentence, pos, pos + len(sentence),
                    src, src, tgt, tgt, etype, EVENT_TYPES[etype][0], EVENT_TYPES[etype][1], etype.lower(),
                    doc.date, "doc", False, "asserted", 0.8,
                )  # fmt: skip
                pos += len(sentence) + 1
            if on_document:
                on_document(doc)


def documents(n: int, rng: random.Random) -> list[Document]:
    docs = []
    for d in range(n):
        lines = []
        for i in range(PER_DOC):
            src, tgt = rng.sample(ACTORS, 2)
            lines.append(f"S{i} {src} {tgt} {rng.choice(list(EVENT_TYPES))}.")
        docs.append(
            Document(f"doc{d:06d}", f"Title {d}", f"2020-{1 + d % 12:02d}-{1 + d % 28:02d}", "", "\n".join(lines), "")
        )
    return docs


def timed(fn, repeat: int = 5) -> float:
    """Median seconds of ``fn()`` over ``repeat`` runs."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=5000, help="documents (ten relations each)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON on the last line")
    args = parser.parse_args()
    rng = random.Random(13)
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "bench.duckdb")
        start = time.perf_counter()
        store.add_documents(documents(args.docs, rng), MarkExtractor())
        figures["fill_s"] = time.perf_counter() - start
        ids = store.relations(raw=True)["relation_id"].tolist()
        figures["relations"] = len(ids)

        figures["raw_read_s"] = timed(lambda: store.relations(raw=True))
        figures["reviewed_read_no_reviews_s"] = timed(lambda: store.relations())

        picked = rng.sample(ids, len(ids) // 5)
        quarter = len(picked) // 4
        start = time.perf_counter()
        store.confirm_many(picked[:quarter], reviewer="bench")
        figures["confirm_many_per_verdict_ms"] = 1000 * (time.perf_counter() - start) / max(quarter, 1)
        store.reject_many(picked[quarter : 2 * quarter], reviewer="bench")
        singles = picked[2 * quarter : 2 * quarter + 50]
        start = time.perf_counter()
        for rid in singles:
            store.confirm(rid, reviewer="bench")
        figures["confirm_one_per_call_ms"] = 1000 * (time.perf_counter() - start) / max(len(singles), 1)

        def empty_write() -> None:
            with store._transaction():
                pass

        figures["empty_write_ms"] = 1000 * timed(empty_write, repeat=20)
        for rid in picked[2 * quarter + 50 : 2 * quarter + 150]:
            store.fix(rid, event_type="AGREE", negated=True, reviewer="bench")
        for d in range(100):
            store.add_relation(
                f"doc{d:06d}", source="USA", target="JPN", event_type="AID", sentence_id=0, reviewer="bench"
            )
        figures["reviews"] = len(store.reviews())

        figures["raw_read_reviewed_store_s"] = timed(lambda: store.relations(raw=True))
        figures["reviewed_read_s"] = timed(lambda: store.relations())
        figures["review_progress_s"] = timed(lambda: store.review_progress())
        figures["reviewed_over_raw_read"] = figures["reviewed_read_s"] / figures["raw_read_reviewed_store_s"]
        figures["single_over_many_per_verdict"] = (
            figures["confirm_one_per_call_ms"] / figures["confirm_many_per_verdict_ms"]
        )
        figures["confirm_over_empty_write"] = figures["confirm_one_per_call_ms"] / figures["empty_write_ms"]

    print(f"{int(figures['relations']):,} relations in {args.docs:,} documents (filled in {figures['fill_s']:.1f} s), "
          f"{int(figures['reviews']):,} reviewed")  # fmt: skip
    print(f"read, as extracted:              {figures['raw_read_reviewed_store_s']:.3f} s")
    print(f"read, reviews applied:           {figures['reviewed_read_s']:.3f} s "
          f"({figures['reviewed_over_raw_read']:.2f}x the raw read; before any review "
          f"{figures['reviewed_read_no_reviews_s']:.3f} s)")  # fmt: skip
    print(f"review progress (all articles):  {figures['review_progress_s']:.3f} s")
    print(f"confirm, one per call:           {figures['confirm_one_per_call_ms']:.1f} ms a verdict "
          f"({figures['confirm_over_empty_write']:.2f}x an empty write, {figures['empty_write_ms']:.1f} ms)")  # fmt: skip
    print(f"confirm_many:                    {figures['confirm_many_per_verdict_ms']:.2f} ms a verdict "
          f"({figures['single_over_many_per_verdict']:.0f}x faster)")  # fmt: skip
    if args.json:
        print(json.dumps({k: round(v, 4) for k, v in figures.items()}))


if __name__ == "__main__":
    main()
