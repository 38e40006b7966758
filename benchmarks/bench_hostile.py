"""Benchmark: hostile inputs cost time linear in their size, and bounded memory.

1. Punctuation runs (quote marks in a sentence with a relation). *Unbounded*: spaCy's tokenizer on
   the whole sentence, as the pipeline parsed it before the sentence splitter bounded runs without
   whitespace; *bounded*: the whole extraction of the document today. Doubling the run should
   double the bounded time (linear) and quadruple the unbounded time (quadratic).
2. A line longer than spaCy's ``nlp.max_length`` (1.8 million characters): extraction time.
3. A GDELT zip whose member is one enormous line: peak memory (max RSS) of reading it with
   :func:`read_gdelt`, and with a plain line-by-line reader (what the importer did before), each
   in a child process, against a child that only imports the same modules.

Figures are ratios measured in the same run (the machine is shared and noisy). Run on demand:

    .venv/bin/python benchmarks/bench_hostile.py [--line-mb 1500] [--json]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extraction.documents import Document  # noqa: E402
from extraction.pipeline import Extractor  # noqa: E402
from tests.hostile_inputs import gdelt_zip_with_long_line, long_line_text, punctuation_run  # noqa: E402

CHILD = """
import resource, sys
sys.path.insert(0, {root!r})
from extraction.sources.gdelt import read_gdelt
mode, path = sys.argv[1], sys.argv[2]
if mode == "read_gdelt":
    frame, report = read_gdelt([path], actors={{"USA", "CHN"}})
    print(report.summary(), file=sys.stderr)
elif mode == "line_by_line":
    import io, zipfile
    with zipfile.ZipFile(path) as zf, zf.open(zf.infolist()[0]) as raw:
        longest = max(len(line) for line in io.TextIOWrapper(raw, encoding="utf-8", errors="replace", newline=""))
    print(f"longest line {{longest:,}} characters", file=sys.stderr)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024)
"""


def _timed(func) -> float:
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


def punctuation(extractor: Extractor) -> dict[str, float]:
    nlp = extractor.nlp
    out: dict[str, float] = {}
    for n in (2000, 4000):
        sentence = punctuation_run(n).decode().split("\n\n", 1)[1]
        out[f"unbounded_tokenizer_{n}_s"] = _timed(lambda s=sentence: nlp.make_doc(s))
    for n in (20_000, 40_000, 80_000):
        doc = Document("p", "Protest", "2022-09-11", "", punctuation_run(n).decode(), "p.txt")
        out[f"bounded_extraction_{n}_s"] = _timed(lambda d=doc: list(extractor.extract([d])))
    out["unbounded_doubling_ratio"] = out["unbounded_tokenizer_4000_s"] / out["unbounded_tokenizer_2000_s"]
    out["bounded_doubling_ratio"] = out["bounded_extraction_80000_s"] / out["bounded_extraction_40000_s"]
    # what 40,000 marks would cost unbounded, from the measured quadratic growth
    out["unbounded_40000_estimate_s"] = out["unbounded_tokenizer_4000_s"] * (40_000 / 4000) ** 2
    out["speedup_at_40000"] = out["unbounded_40000_estimate_s"] / out["bounded_extraction_40000_s"]
    return out


def long_line(extractor: Extractor) -> dict[str, float]:
    text = long_line_text().decode()
    doc = Document("long", "Long", "2022-09-11", "", text, "long.txt")
    found: list = []
    seconds = _timed(lambda: found.extend(extractor.extract([doc])))
    return {"long_line_chars": len(text), "long_line_extraction_s": seconds, "long_line_mentions": len(found)}


def _peak(mode: str, path: Path) -> int:
    result = subprocess.run(
        [sys.executable, "-c", CHILD.format(root=str(ROOT)), mode, str(path)],
        capture_output=True, text=True, check=True, timeout=3600,
    )  # fmt: skip
    return int(result.stdout.strip().splitlines()[-1])


def gdelt_memory(line_mb: int, naive_mb: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        big = gdelt_zip_with_long_line(Path(folder) / "big.zip", line_mb * 1024 * 1024)
        small = gdelt_zip_with_long_line(Path(folder) / "small.zip", naive_mb * 1024 * 1024)
        baseline = _peak("none", big)
        bounded = _peak("read_gdelt", big)
        naive = _peak("line_by_line", small)
        return {
            "gdelt_line_mb": line_mb,
            "gdelt_zip_bytes": big.stat().st_size,
            "baseline_rss_mb": baseline / 2**20,
            "read_gdelt_rss_mb": bounded / 2**20,
            "read_gdelt_extra_mb": (bounded - baseline) / 2**20,
            "line_by_line_line_mb": naive_mb,
            "line_by_line_extra_mb": (naive - baseline) / 2**20,
            "line_by_line_extra_per_line_byte": (naive - baseline) / (naive_mb * 2**20),
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--line-mb", type=int, default=1500, help="size of the enormous GDELT line read by read_gdelt")
    parser.add_argument("--naive-mb", type=int, default=200, help="size of the line read line by line (as before)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON on the last line")
    args = parser.parse_args()

    extractor = Extractor()
    _ = extractor.nlp
    figures: dict[str, float] = {}
    figures |= punctuation(extractor)
    figures |= long_line(extractor)
    figures |= gdelt_memory(args.line_mb, args.naive_mb)
    for name, value in figures.items():
        print(f"{name:40s} {value:,.3f}" if isinstance(value, float) else f"{name:40s} {value:,}")
    if args.json:
        print(json.dumps(figures))


if __name__ == "__main__":
    main()
