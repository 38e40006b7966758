"""Extraction on a dask.distributed cluster: ``python -m extraction build INPUTS --engine dask --out DIR/``.

The client reads the inputs (as ``build`` does: unreadable ones reported by name, a repeated
doc_id skipped), and sends the documents to the cluster in batches of ``batch_docs``; at most
a few batches per worker are in flight, so the client never holds a large corpus. Each
worker loads the spaCy model once (:class:`ExtractorPlugin`, a worker plugin, also on a
worker that replaces a lost one) and extracts a batch with :meth:`Extractor.extract`, the
same code as the single-process build, so the rows are exactly that build's.

A batch's relations come back to the client, which writes them into a Parquet dataset
partitioned by event month (hive style: ``DIR/month=YYYY-MM/part-000042.parquet``; the
month of the event date, else of the article's date; ``month=undated`` without either),
in a temporary folder beside ``DIR`` renamed into place at the end. ``export``, the
dashboard (``--data DIR/``), ``add DIR/`` and DuckDB read it.

Failures: a task whose worker dies is run again on another worker by the scheduler (and a
task that raises is retried ``retries`` times); a batch that still fails is extracted again
one document at a time, and only the documents that fail alone are reported (as ``build``
reports unreadable inputs), the rest of the batch kept. A scheduler that cannot be reached
is a :class:`~extraction.errors.ClusterError`.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from distributed import WorkerPlugin

from extraction.documents import Document
from extraction.errors import ClusterError, InputProblem, OutputError

#: The worker plugin's name (``worker.plugins[PLUGIN]``).
PLUGIN = "reldash-extractor"
#: Documents per task.
DEFAULT_BATCH_DOCS = 20
#: Batches in flight per worker thread (the client waits for one to finish before sending more).
IN_FLIGHT_PER_THREAD = 3
#: Seconds to reach a scheduler given with ``--scheduler``.
CONNECT_TIMEOUT = 10.0
UNDATED = "undated"


# --------------------------------------------------------------------------- on the workers


class ExtractorPlugin(WorkerPlugin):
    """Loads one :class:`~extraction.pipeline.Extractor` (and its spaCy model) when a worker starts.

    ``n_process=1``: a worker is one process; its cores are the cluster's to use (more workers).
    """

    idempotent = True
    name = PLUGIN

    def __init__(self, model: str | None = None) -> None:
        self.model = model
        self.extractor = None
        self.loaded_at: float | None = None

    def setup(self, worker=None) -> None:
        from extraction.pipeline import Extractor

        extractor = Extractor(self.model, n_process=1)
        extractor.nlp  # noqa: B018 - load the model now, once, not in the first task
        self.extractor = extractor
        self.loaded_at = time.time()

    def teardown(self, worker=None) -> None:
        self.extractor = None


@dataclass
class BatchResult:
    """What one batch gave: its relations, documents, sentences, failures, and where it ran."""

    index: int
    frame: pd.DataFrame
    documents: int
    sentences: int
    problems: list[str] = field(default_factory=list)
    worker: str = ""
    pid: int = 0
    model_loaded_at: float | None = None


def _extractor():
    from distributed import get_worker

    try:
        worker = get_worker()
    except ValueError:  # not on a worker (called directly): one extractor for this process
        worker = None
    plugin = worker.plugins.get(PLUGIN) if worker is not None else None
    if plugin is None:
        plugin = _LOCAL.setdefault("plugin", ExtractorPlugin())
    if plugin.extractor is None:
        plugin.setup()
    return plugin, worker


_LOCAL: dict[str, ExtractorPlugin] = {}


def extract_batch(index: int, docs: list[Document]) -> BatchResult:
    """Relations of ``docs`` (task body, on a worker): the whole batch, else document by document."""
    from extraction.table import to_frame

    plugin, worker = _extractor()
    extractor = plugin.extractor
    counts = {"sentences": 0}

    def done(prepared) -> None:
        counts["sentences"] += len(prepared.sentences)

    problems: list[str] = []
    try:
        frame = to_frame(list(extractor.extract(docs, on_document=done)))
    except Exception:  # noqa: BLE001 - find the document(s) at fault, keep the others
        counts["sentences"] = 0
        frames = []
        for doc in docs:
            try:
                frames.append(to_frame(list(extractor.extract([doc], on_document=done))))
            except Exception as exc:  # noqa: BLE001 - reported by name, as build reports a bad input
                problems.append(str(InputProblem(f"{doc.source_file or doc.doc_id}: extraction failed: {exc}")))
        frame = pd.concat(frames, ignore_index=True) if frames else to_frame([])
    return BatchResult(
        index=index,
        frame=frame,
        documents=len(docs) - len(problems),
        sentences=counts["sentences"],
        problems=problems,
        worker=getattr(worker, "address", ""),
        pid=os.getpid(),
        model_loaded_at=plugin.loaded_at,
    )


# --------------------------------------------------------------------------- the dataset


def event_month(frame: pd.DataFrame) -> pd.Series:
    """``YYYY-MM`` of each row's event date, else of its article's date; :data:`UNDATED` without either."""
    date = frame["event_date"].where(frame["event_date"].str.len() >= 7, frame["doc_date"])
    month = date.str[:7]
    ok = month.str.fullmatch(r"\d{4}-\d{2}").fillna(False)
    return month.where(ok, UNDATED)


def write_partitions(frame: pd.DataFrame, folder: Path, part: str) -> list[str]:
    """``frame`` into ``folder/month=M/<part>.parquet``, one file per month; returns the months."""
    if frame.empty:
        return []
    months = event_month(frame)
    written = []
    for month, rows in frame.groupby(months, sort=True):
        target = folder / f"month={month}"
        target.mkdir(parents=True, exist_ok=True)
        tmp = target / f".{part}.parquet.tmp"
        rows.reset_index(drop=True).to_parquet(tmp, index=False)
        tmp.replace(target / f"{part}.parquet")
        written.append(str(month))
    return written


def _replace_folder(built: Path, out: Path) -> None:
    """Move ``built`` to ``out``; an earlier ``out`` is removed only once the new one is in place."""
    old = None
    if out.exists():
        if not out.is_dir():
            raise OutputError(f"cannot write {out}: it is a file, the Parquet dataset is a folder")
        old = out.with_name(f".{out.name}.old-{os.getpid()}")
        out.replace(old)
    built.replace(out)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


# --------------------------------------------------------------------------- the client


@dataclass
class DaskBuildReport:
    """What a distributed build did."""

    documents: int = 0
    sentences: int = 0
    relations: int = 0
    batches: int = 0
    workers: int = 0
    problems: list[str] = field(default_factory=list)  # documents that failed on the cluster
    months: set[str] = field(default_factory=set)
    seconds: float = 0.0
    batch_workers: dict[int, str] = field(default_factory=dict)  # batch -> worker address


def connect(scheduler: str | None, n_workers: int | None = None, *, processes: bool = True):
    """A Client of the scheduler at ``scheduler``, else of a new LocalCluster (one single-threaded
    worker per core, or ``n_workers``); ClusterError when the scheduler cannot be reached."""
    from distributed import Client, LocalCluster

    if scheduler:
        try:
            return Client(scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as exc:
            raise ClusterError(
                f"cannot reach the Dask scheduler at {scheduler!r} within {CONNECT_TIMEOUT:.0f} s: {exc}"
            ) from exc
    workers = n_workers or os.cpu_count() or 1
    cluster = LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=processes,
        # no dashboard (bokeh is not a requirement); its HTTP server on a free port, so that a busy
        # 8787 (another cluster) is no warning on stderr
        dashboard_address=":0",
        scheduler_kwargs={"dashboard": False},
        silence_logs=40,
    )
    return Client(cluster, set_as_default=False)


def _batches(docs: Iterable[Document], size: int) -> Iterator[list[Document]]:
    batch: list[Document] = []
    for doc in docs:
        batch.append(doc)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def run_on_cluster(
    client,
    docs: Iterable[Document],
    out: Path,
    *,
    model: str | None = None,
    batch_docs: int = DEFAULT_BATCH_DOCS,
    retries: int = 2,
    on_batch: Callable[[BatchResult], None] | None = None,
) -> DaskBuildReport:
    """Extract ``docs`` on ``client``'s cluster into the Parquet dataset ``out`` (written at the end,
    atomically). ``on_batch`` is called as each batch comes back (progress bars)."""
    from distributed import as_completed

    start = time.perf_counter()
    report = DaskBuildReport()
    client.register_plugin(ExtractorPlugin(model), name=PLUGIN)
    threads = sum(client.nthreads().values()) or 1
    report.workers = len(client.nthreads())
    out = Path(out)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        building = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent))
    except OSError as exc:
        raise OutputError(f"cannot write {out}: {exc}") from exc
    try:
        batches = _batches(docs, max(1, batch_docs))
        in_flight = 0
        first: list = []

        def send(into) -> bool:
            batch = next(batches, None)
            if batch is None:
                return False
            future = client.submit(extract_batch, report.batches, batch, retries=retries, pure=False)
            report.batches += 1
            into(future)
            return True

        while in_flight < threads * IN_FLIGHT_PER_THREAD and send(first.append):
            in_flight += 1
        pending = as_completed(first, loop=client.loop)
        for future in pending:
            in_flight -= 1
            try:
                result: BatchResult = future.result()
            except Exception as exc:  # noqa: BLE001 - e.g. KilledWorker: this batch is lost, the others go on
                report.problems.append(f"batch of documents failed on the cluster: {type(exc).__name__}: {exc}")
            else:
                report.documents += result.documents
                report.sentences += result.sentences
                report.relations += len(result.frame)
                report.problems += result.problems
                report.batch_workers[result.index] = result.worker
                report.months.update(write_partitions(result.frame, building, f"part-{result.index:06d}"))
                if on_batch is not None:
                    on_batch(result)
            future.release()
            while in_flight < threads * IN_FLIGHT_PER_THREAD and send(pending.add):
                in_flight += 1
        _replace_folder(building, out)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    report.seconds = time.perf_counter() - start
    return report
