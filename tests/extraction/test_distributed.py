"""`build --engine dask`: extraction on a dask.distributed LocalCluster (extraction.distributed).

The cluster is small (one worker, or two for the lost-worker case) and the corpus a few
documents; the spaCy model loads once per worker.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from extraction.cli.main import main
from extraction.distributed import PLUGIN, ExtractorPlugin, connect, event_month, run_on_cluster
from extraction.documents import Document
from extraction.errors import ClusterError
from extraction.pipeline import Extractor
from extraction.table import coerce_types, read_table, to_frame

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = sorted((ROOT / "data" / "articles").glob("00[1-4]_*.md"))
KEY = ["doc_id", "sentence_id", "source", "target", "event_type", "trigger", "event_date"]


def same_rows(a: pd.DataFrame, b: pd.DataFrame) -> None:
    a = coerce_types(a).sort_values(KEY, kind="stable").reset_index(drop=True)
    b = coerce_types(b).sort_values(KEY, kind="stable").reset_index(drop=True)
    pd.testing.assert_frame_equal(a, b)


@pytest.fixture(scope="module")
def single(tmp_path_factory) -> pd.DataFrame:
    """The single-process build of the articles (the CLI, this process)."""
    out = tmp_path_factory.mktemp("single") / "rel.csv"
    assert main(["build", *map(str, ARTICLES), "--out", str(out), "--quiet"]) == 0
    return read_table(out)


@pytest.fixture(scope="module")
def client():
    """A LocalCluster of one worker thread in this process (cheap for CI)."""
    c = connect(None, 1, processes=False)
    yield c
    cluster = c.cluster
    c.close()
    cluster.close()


def test_the_cluster_gives_exactly_the_rows_of_the_single_process_build(tmp_path, client, single):
    docs = [d for d in _read(ARTICLES)]
    out = tmp_path / "ds"
    seen = []
    report = run_on_cluster(client, docs, out, batch_docs=2, on_batch=seen.append)
    assert (report.documents, report.batches, report.relations) == (4, 2, len(single))
    assert sorted(r.index for r in seen) == [0, 1] and not report.problems
    # one model load per worker, before the first task
    assert len({r.model_loaded_at for r in seen}) == 1
    # hive partitions by event month, read back by our reader, by DuckDB and by the dashboard's query
    months = sorted(p.name for p in out.iterdir())
    assert months == sorted(f"month={m}" for m in set(event_month(single)))
    same_rows(read_table(out), single)
    back = duckdb.sql(f"SELECT * EXCLUDE (month) FROM read_parquet('{out}/**/*.parquet', hive_partitioning = true)").df()
    same_rows(back, single)
    # written atomically: nothing but the dataset beside it
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ds"]


def test_cli_build_with_dask_and_export_of_the_dataset(tmp_path, single, capsys):
    """The default path: a LocalCluster of worker processes started (and closed) by the command."""
    bad = tmp_path / "empty.txt"
    bad.write_text("\n", encoding="utf-8")
    code = main(["build", *map(str, ARTICLES), str(bad), str(tmp_path / "gone.md"), "--engine", "dask",
                 "--workers", "1", "--out", str(tmp_path / "ds"), "--batch-size", "3"])  # fmt: skip
    out, err = capsys.readouterr()
    assert code == 0
    assert [line.split(": ", 1)[0] for line in err.splitlines()] == ["skipped", "skipped"]
    assert "empty.txt" in err and "gone.md" in err
    assert out.startswith("4 documents, ") and " relations in " in out and "(2 inputs skipped)" in out
    assert f"{len(single)} relations" in out
    code = main(["export", "--from", str(tmp_path / "ds"), "--out", str(tmp_path / "all.csv")])
    assert code == 0
    same_rows(read_table(tmp_path / "all.csv"), single)
    # a dataset is a folder: a file name is refused before any work
    capsys.readouterr()
    assert main(["build", str(ARTICLES[0]), "--engine", "dask", "--out", str(tmp_path / "x.parquet")]) == 2
    assert "[E004] with --engine dask, --out is a folder" in capsys.readouterr().err


def test_cli_build_on_an_existing_scheduler(tmp_path, single, capsys):
    """--scheduler ADDRESS: the command's batches run on that cluster (a scheduler on TCP, started
    here by distributed itself), which the command leaves running."""
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, protocol="tcp://",
                      dashboard_address=":0", silence_logs=40) as cluster, Client(cluster) as ours:  # fmt: skip
        address = cluster.scheduler_address
        assert address.startswith("tcp://")
        assert list(ours.run(lambda dask_worker: PLUGIN in dask_worker.plugins).values()) == [False]
        code = main(["build", *map(str, ARTICLES), "--engine", "dask", "--scheduler", address,
                     "--out", str(tmp_path / "ds"), "--batch-size", "2", "--quiet"])  # fmt: skip
        out, err = capsys.readouterr()
        assert code == 0 and err == ""
        assert out.startswith("4 documents, ") and f"{len(single)} relations" in out
        same_rows(read_table(tmp_path / "ds"), single)
        # the command's worker plugin is now on that cluster's worker, and the cluster still runs
        assert list(ours.run(lambda dask_worker: PLUGIN in dask_worker.plugins).values()) == [True]
        assert ours.submit(sum, [1, 2]).result() == 3 and len(ours.nthreads()) == 1


def test_a_document_that_fails_is_reported_and_its_batch_kept(tmp_path, client, monkeypatch):
    docs = _read(ARTICLES[:3])
    real = Extractor.extract

    def fragile(self, batch, **kwargs):
        batch = list(batch)
        if any(d.doc_id == docs[1].doc_id for d in batch):
            raise RuntimeError("parser crashed")
        return real(self, batch, **kwargs)

    monkeypatch.setattr(Extractor, "extract", fragile)  # the worker runs in this process
    report = run_on_cluster(client, docs, tmp_path / "ds", batch_docs=3, retries=0)
    assert report.documents == 2
    assert report.problems == [f"[E001] {docs[1].source_file}: extraction failed: parser crashed"]
    assert set(read_table(tmp_path / "ds")["doc_id"]) == {docs[0].doc_id, docs[2].doc_id}


def test_an_unreachable_scheduler_is_a_clean_error(capsys, tmp_path, monkeypatch):
    monkeypatch.setattr("extraction.distributed.CONNECT_TIMEOUT", 1.0)
    with pytest.raises(ClusterError, match=r"\[E040\] cannot reach the Dask scheduler at 'tcp://127.0.0.1:9'"):
        connect("tcp://127.0.0.1:9")
    code = main(["build", str(ARTICLES[0]), "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9",
                 "--out", str(tmp_path / "ds")])  # fmt: skip
    assert code == 2 and "error: [E040] cannot reach the Dask scheduler" in capsys.readouterr().err
    assert not (tmp_path / "ds").exists()


def test_a_lost_worker_s_tasks_run_again_on_another(tmp_path, single):
    """Two worker processes; the one running the first batch is killed: its task is run again."""
    c = connect(None, 2, processes=True)
    try:
        pids = c.run(os.getpid)
        docs = _read(ARTICLES)
        killed: list[int] = []

        def kill_a_busy_worker() -> None:
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline and not killed:
                busy = [w for w, tasks in c.processing().items() if tasks]
                if busy:
                    os.kill(pids[busy[0]], signal.SIGKILL)
                    killed.append(pids[busy[0]])
                time.sleep(0.05)

        watcher = threading.Thread(target=kill_a_busy_worker, daemon=True)
        watcher.start()
        report = run_on_cluster(c, docs, tmp_path / "ds", batch_docs=1)
        watcher.join(5)
    finally:
        cluster = c.cluster
        c.close()
        cluster.close()
    assert killed, "no worker was killed"
    assert report.documents == 4 and not report.problems
    same_rows(read_table(tmp_path / "ds"), single)


def test_the_plugin_loads_the_model_once(monkeypatch):
    import spacy

    loads = []
    real = spacy.load

    def counted(*args, **kwargs):
        loads.append(args[0] if args else kwargs.get("name"))
        return real(*args, **kwargs)

    monkeypatch.setattr(spacy, "load", counted)
    plugin = ExtractorPlugin()
    plugin.setup()  # when the worker starts
    assert len(loads) == 1
    for paths in (ARTICLES[:1], ARTICLES[1:3]):  # then task after task
        assert len(to_frame(plugin.extractor.extract(_read(paths)))) > 0
    assert len(loads) == 1 and plugin.extractor.n_process == 1


def _read(paths) -> list[Document]:
    from extraction.documents import read_inputs

    return [d for d in read_inputs([str(p) for p in paths]) if isinstance(d, Document)]
