"""The demo corpus in a new store, once: extraction.store.demo."""

from __future__ import annotations

from extraction.store import Store
from tests.extraction.store.helpers import ROOT, A, FakeExtractor


def test_seed_demo_once(tmp_path):
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "one.md").write_text("---\ntitle: One\ndate: 2016-01-06\n---\nText [PRK>USA:THREATEN]\n", "utf-8")
    (articles / "two.md").write_text("---\ntitle: Two\ndate: 2016-01-07\n---\nText [USA>PRK:ACCUSE]\n", "utf-8")
    store = Store.ensure_demo(tmp_path / "r.duckdb", articles, extractor=FakeExtractor())
    assert list(store.list_documents()["doc_id"]) == ["one", "two"]
    assert store.seed_demo(articles, FakeExtractor()) is None
    store.remove("one")
    store.remove("two")
    # emptied by the user: the demo does not come back
    assert Store.ensure_demo(store.path, articles, extractor=FakeExtractor()).stats()["documents"] == 0


def test_seed_demo_skips_a_store_that_already_has_content(tmp_path):
    store = Store(tmp_path / "r.duckdb")
    store.add_documents([A], FakeExtractor())
    assert store.seed_demo(ROOT / "data" / "articles", FakeExtractor()) is None
    assert list(store.list_documents()["doc_id"]) == ["a"]
