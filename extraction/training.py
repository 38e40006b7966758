"""Training the learned pair scorer (:mod:`extraction.events.learned`) from gold annotations.

Each candidate sentence of each gold article is parsed; every (source, target, trigger) triple
of :func:`~extraction.events.pairs.candidate_triples` is an example, positive when a gold row of
that sentence (found by its evidence fragment) has the same two actors, in that order or
symmetric, and a type the trigger can carry. A logistic regression (scikit-learn, fixed seed,
L2) is fitted on the features of :func:`~extraction.events.pairs.features`; the threshold is the
lowest score at which the training examples reach :data:`TARGET_PRECISION` in
cross-validation by article. Same gold, same model: the training is deterministic.

Entry point: :func:`train_pair_model`; command line: ``python -m extraction train-pairs``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from .documents import SUPPORTED_SUFFIXES, Document, read_inputs
from .evaluate import load_gold
from .events import mention_map
from .events.learned import PairModel
from .events.pairs import candidate_triples, features
from .pipeline import Extractor

#: Precision the threshold is set for, measured by cross-validation over articles.
TARGET_PRECISION = 0.6
#: Regularisation strength (scikit-learn's C: smaller is stronger).
C = 0.3
FOLDS = 5


def _evidence_sentence(prepared, evidence: str) -> int | None:
    fragment = evidence.strip()[:40]
    for text in (prepared.text, prepared.doc.text):
        pos = text.find(fragment)
        if pos >= 0:
            return next((s.index for s in prepared.sentences if s.start <= pos < s.end), None)
    return None


def examples(
    extractor: Extractor, docs: Iterable[Document], gold: pd.DataFrame
) -> tuple[list[dict[str, float]], list[int], list[str]]:
    """(features, labels, doc ids) of every candidate triple in the gold articles."""
    by_doc = {d: g.to_dict("records") for d, g in gold.groupby("doc_id")}
    X: list[dict[str, float]] = []
    y: list[int] = []
    groups: list[str] = []
    for doc in docs:
        rows = by_doc.get(doc.doc_id, [])
        prepared = extractor.prepare(doc)
        located: dict[int, list[dict]] = {}
        for r in rows:
            index = _evidence_sentence(prepared, str(r["evidence"]))
            if index is not None:
                located.setdefault(index, []).append(r)
        for index in prepared.candidates:
            s = prepared.sentences[index]
            parsed = extractor.nlp(prepared.text[s.start : s.end])
            tokmap = mention_map(parsed, s.start, prepared.mentions[index])
            mentions_of = lambda tok, tokmap=tokmap: tokmap.get(tok.i, [])  # noqa: E731
            n_actors = len({m.actor for m in prepared.mentions[index]})
            for triple in candidate_triples(parsed, mentions_of, extractor.lexicon):
                positive = any(
                    triple.row.event_type in r["event_types"]
                    and (
                        (r["source"], r["target"]) == (triple.source.actor, triple.target.actor)
                        or (r["symmetric"] and (r["target"], r["source"]) == (triple.source.actor, triple.target.actor))
                    )
                    for r in located.get(index, [])
                )
                X.append(features(triple, n_actors))
                y.append(int(positive))
                groups.append(doc.doc_id)
    return X, y, groups


def _threshold(scores: list[float], labels: list[int], target: float) -> float:
    """The lowest score at which predictions at or above it reach ``target`` precision."""
    pairs = sorted(zip(scores, labels, strict=True), reverse=True)
    best = 1.0
    tp = 0
    for n, (score, label) in enumerate(pairs, start=1):
        tp += label
        if tp / n >= target:
            best = score
    return best


def corpus_digest(articles: str | Path, gold_folder: str | Path) -> str:
    """A short hash of the training articles and gold CSV files, recorded in the model (to tell a stale one)."""
    h = hashlib.sha256()
    for folder, suffixes in ((Path(articles), SUPPORTED_SUFFIXES), (Path(gold_folder), (".csv",))):
        files = (p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in suffixes)
        for path in sorted(p for p in files if not p.name.startswith(".")):
            h.update(path.name.encode("utf-8"))
            h.update(path.read_bytes())
    return h.hexdigest()[:16]


def train_pair_model(
    articles: str | Path, gold_folder: str | Path, *, extractor: Extractor | None = None
) -> tuple[PairModel, dict[str, float]]:
    """Fit the pair scorer on ``articles`` and their gold; returns the model and cross-validated figures."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    extractor = extractor or Extractor()
    docs = [d for d in read_inputs([articles]) if isinstance(d, Document)]
    gold = load_gold(gold_folder)
    X, y, groups = examples(extractor, docs, gold)
    vec = DictVectorizer()
    matrix = vec.fit_transform(X)

    def model() -> LogisticRegression:
        return LogisticRegression(C=C, max_iter=5000, solver="lbfgs", random_state=0)

    cv_scores = [0.0] * len(y)
    for train_idx, test_idx in GroupKFold(n_splits=FOLDS).split(matrix, y, groups):
        fitted = model().fit(matrix[train_idx], [y[i] for i in train_idx])
        for i, p in zip(test_idx, fitted.predict_proba(matrix[test_idx])[:, 1], strict=True):
            cv_scores[i] = float(p)
    threshold = _threshold(cv_scores, y, TARGET_PRECISION)
    chosen = [s >= threshold for s in cv_scores]
    tp = sum(1 for c, label in zip(chosen, y, strict=True) if c and label)
    figures = {
        "examples": len(y),
        "positives": sum(y),
        "threshold": round(threshold, 4),
        "cv_precision": round(tp / max(1, sum(chosen)), 3),
        "cv_recall": round(tp / max(1, sum(y)), 3),
    }
    final = model().fit(matrix, y)
    weights = {
        name: round(float(w), 5) for name, w in zip(vec.feature_names_, final.coef_[0], strict=True) if abs(w) > 1e-6
    }
    meta = {"documents": len(docs), "corpus_sha256": corpus_digest(articles, gold_folder), **figures}
    return PairModel(weights, round(float(final.intercept_[0]), 5), round(threshold, 4), meta), figures
