"""Scoring extracted relations against gold annotations (``data/gold/*.csv``).

* Precision counts distinct predicted (doc, source, target, type, negated)
  tuples that match any gold row, core or optional (a symmetric gold row
  matches both directions).
* Recall counts core gold rows matched by at least one prediction.
* The same at quad-class level, where a prediction matches when its quad class
  is the quad class of one of the gold row's allowed types.
* Date accuracy: among matched core gold rows, the share whose event date is
  right at the precision the gold gives (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``).
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pandas as pd

from .errors import DataFileError
from .schema import EVENT_TYPES

GOLD_COLUMNS = ("doc_id", "source", "target", "event_types", "symmetric", "status", "event_date", "negated", "evidence")


def load_gold(folder: str | Path, only: list[str] | None = None) -> pd.DataFrame:
    """All gold rows under ``folder`` (one CSV per article), validated."""
    folder = Path(folder)
    if not folder.is_dir():
        raise DataFileError(f"gold folder not found: {folder}")
    rows: list[dict[str, Any]] = []
    for path in sorted(folder.glob("*.csv")):
        if only and path.stem not in only:
            continue
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            missing = [c for c in GOLD_COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise DataFileError(f"{path}: missing gold columns {', '.join(missing)}")
            for n, r in enumerate(reader, start=2):
                types = [t.strip().upper() for t in r["event_types"].split("|") if t.strip()]
                bad = [t for t in types if t not in EVENT_TYPES]
                if bad or not types:
                    raise DataFileError(f"{path}:{n}: unknown event type(s) {bad or r['event_types']!r}")
                rows.append(
                    {
                        "doc_id": r["doc_id"].strip(),
                        "source": r["source"].strip(),
                        "target": r["target"].strip(),
                        "event_types": tuple(types),
                        "symmetric": r["symmetric"].strip().lower() == "true",
                        "core": r["status"].strip().lower() == "core",
                        "event_date": r["event_date"].strip(),
                        "negated": r["negated"].strip().lower() == "true",
                        "evidence": r["evidence"],
                    }
                )
    return pd.DataFrame(rows, columns=["doc_id", "source", "target", "event_types", "symmetric", "core",
                                       "event_date", "negated", "evidence"])  # fmt: skip


def gold_documents(folder: str | Path, only: list[str] | None = None) -> list[str]:
    """The doc_ids a gold folder covers, sorted: those of its rows, and for a file without
    rows (an article that states no relation) its name without ``.csv``."""
    folder = Path(folder)
    if not folder.is_dir():
        raise DataFileError(f"gold folder not found: {folder}")
    docs: set[str] = set()
    for path in sorted(folder.glob("*.csv")):
        if only and path.stem not in only:
            continue
        with path.open(encoding="utf-8", newline="") as fh:
            ids = {(r.get("doc_id") or "").strip() for r in csv.DictReader(fh)} - {""}
        docs |= ids or {path.stem}
    return sorted(docs)


def _quad(event_type: str) -> str:
    return EVENT_TYPES[event_type][0]


def _pair_ok(g: dict, src: str, tgt: str) -> bool:
    return (g["source"] == src and g["target"] == tgt) or (g["symmetric"] and g["source"] == tgt and g["target"] == src)


def _date_ok(gold_date: str, pred_date: str, precision: str) -> bool:
    if not gold_date or not pred_date:
        return False
    need = {4: "year", 7: "month", 10: "day"}.get(len(gold_date), "day")
    rank = {"year": 0, "month": 1, "day": 2, "doc": 2}
    if rank.get(precision, 0) < rank[need]:
        return False
    return pred_date[: len(gold_date)] == gold_date


def _score(predicted: pd.DataFrame, gold: pd.DataFrame, level: str) -> dict[str, Any]:
    gold_by_doc: dict[str, list[dict]] = {}
    for g in gold.to_dict("records"):
        gold_by_doc.setdefault(g["doc_id"], []).append(g)
    preds = predicted.drop_duplicates(["doc_id", "source", "target", "event_type", "negated"])
    key = (lambda t: t) if level == "type" else _quad

    def matches(p: dict, g: dict) -> bool:
        return (
            _pair_ok(g, p["source"], p["target"])
            and bool(p["negated"]) == g["negated"]
            and key(p["event_type"]) in {key(t) for t in g["event_types"]}
        )

    tp = 0
    false_pos = []
    for p in preds.to_dict("records"):
        if any(matches(p, g) for g in gold_by_doc.get(p["doc_id"], [])):
            tp += 1
        else:
            false_pos.append(p)
    core = [g for g in gold.to_dict("records") if g["core"]]
    all_preds = predicted.to_dict("records")
    preds_by_doc: dict[str, list[dict]] = {}
    for p in all_preds:
        preds_by_doc.setdefault(p["doc_id"], []).append(p)
    matched, misses, dates_right = 0, [], 0
    for g in core:
        hits = [p for p in preds_by_doc.get(g["doc_id"], []) if matches(p, g)]
        if hits:
            matched += 1
            if any(_date_ok(g["event_date"], p["event_date"], p["date_precision"]) for p in hits):
                dates_right += 1
        else:
            misses.append(g)
    precision = tp / len(preds) if len(preds) else 0.0
    recall = matched / len(core) if core else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "predicted": int(len(preds)),
        "true_positives": tp,
        "gold_core": len(core),
        "gold_matched": matched,
        "date_accuracy": round(dates_right / matched, 4) if matched else 0.0,
        "_false_positives": false_pos,
        "_misses": misses,
    }


#: Confidence floors of the operating-point table (the dashboard's "Minimum confidence" filter).
CONFIDENCE_FLOORS: tuple[float, ...] = (0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)


def by_confidence(predicted: pd.DataFrame, gold: pd.DataFrame) -> list[dict[str, Any]]:
    """Type-level precision, recall and F1 keeping only predictions of at least each floor of
    :data:`CONFIDENCE_FLOORS`: what an analyst gets from the dashboard's confidence filter."""
    out = []
    conf = pd.to_numeric(predicted["confidence"], errors="coerce").fillna(0.0)
    for floor in CONFIDENCE_FLOORS:
        s = _score(predicted[conf >= floor - 1e-9], gold, "type")
        out.append({"min_confidence": floor, **{k: s[k] for k in ("precision", "recall", "f1", "predicted")}})
    return out


def evaluate(predicted: pd.DataFrame, gold: pd.DataFrame) -> dict[str, Any]:
    """Scores as a JSON-ready dict: overall (type and quad level), per type, by confidence floor, worst errors."""
    type_level = _score(predicted, gold, "type")
    quad_level = _score(predicted, gold, "quad")
    per_type = {}
    for etype in EVENT_TYPES:
        g = gold[gold["event_types"].map(lambda ts, e=etype: ts[0] == e)]
        p = predicted[predicted["event_type"] == etype]
        s = _score(p, g, "type") if len(g) or len(p) else None
        # precision of this type's predictions against all gold rows
        s_all = _score(p, gold, "type") if len(p) else None
        if s is None:
            continue
        prec = s_all["precision"] if s_all else 0.0
        rec = s["recall"]
        per_type[etype] = {
            "gold_core": s["gold_core"],
            "matched": s["gold_matched"],
            "predicted": s_all["predicted"] if s_all else 0,
            "precision": prec,
            "recall": rec,
            "f1": round(2 * prec * rec / (prec + rec), 4) if prec + rec else 0.0,
        }
    sentences = {}
    for r in predicted[["doc_id", "sentence"]].itertuples(index=False):
        sentences.setdefault(r.doc_id, []).append(r.sentence)

    def fp_row(p: dict) -> dict:
        return {k: p[k] for k in ("doc_id", "source", "target", "event_type", "negated", "trigger", "sentence")}

    def miss_row(g: dict) -> dict:
        wrong = [
            p["event_type"]
            for p in predicted[predicted["doc_id"] == g["doc_id"]].to_dict("records")
            if _pair_ok(g, p["source"], p["target"])
        ]
        return {
            "doc_id": g["doc_id"],
            "source": g["source"],
            "target": g["target"],
            "event_types": "|".join(g["event_types"]),
            "negated": g["negated"],
            "predicted_for_pair": sorted(set(wrong)),
            "evidence": g["evidence"],
        }

    return {
        "documents": int(gold["doc_id"].nunique()),
        "type_level": {k: v for k, v in type_level.items() if not k.startswith("_")},
        "quad_level": {k: v for k, v in quad_level.items() if not k.startswith("_")},
        "per_type": per_type,
        "by_confidence": by_confidence(predicted, gold),
        "misses": [miss_row(g) for g in type_level["_misses"]],
        "false_positives": [fp_row(p) for p in type_level["_false_positives"]],
    }


def format_report(report: dict[str, Any], worst: int = 15) -> str:
    t, q = report["type_level"], report["quad_level"]
    lines = [
        f"documents: {report['documents']}",
        f"{'level':<10} {'P':>6} {'R':>6} {'F1':>6}  predicted  gold(core)  matched  date-acc",
    ]
    for name, s in (("type", t), ("quad", q)):
        lines.append(
            f"{name:<10} {s['precision']:>6.3f} {s['recall']:>6.3f} {s['f1']:>6.3f}  {s['predicted']:>9}  "
            f"{s['gold_core']:>10}  {s['gold_matched']:>7}  {s['date_accuracy']:>8.3f}"
        )
    lines += ["", f"{'type':<10} {'gold':>5} {'match':>5} {'pred':>5} {'P':>6} {'R':>6} {'F1':>6}"]
    for etype, s in report["per_type"].items():
        lines.append(
            f"{etype:<10} {s['gold_core']:>5} {s['matched']:>5} {s['predicted']:>5} "
            f"{s['precision']:>6.3f} {s['recall']:>6.3f} {s['f1']:>6.3f}"
        )
    lines += ["", f"{'min conf':<10} {'P':>6} {'R':>6} {'F1':>6}  predicted"]
    for s in report.get("by_confidence", []):
        lines.append(
            f"{s['min_confidence']:<10.1f} {s['precision']:>6.3f} {s['recall']:>6.3f} {s['f1']:>6.3f}  {s['predicted']:>9}"
        )
    lines += ["", f"misses (core gold rows not found), first {worst} of {len(report['misses'])}:"]
    for m in report["misses"][:worst]:
        got = f" [predicted for pair: {', '.join(m['predicted_for_pair'])}]" if m["predicted_for_pair"] else ""
        neg = " negated" if m["negated"] else ""
        lines.append(f"  {m['doc_id']}: {m['source']}->{m['target']} {m['event_types']}{neg}{got}")
        lines.append(f"      \"{m['evidence']}\"")
    lines += ["", f"false positives, first {worst} of {len(report['false_positives'])}:"]
    for p in report["false_positives"][:worst]:
        neg = " negated" if p["negated"] else ""
        lines.append(f"  {p['doc_id']}: {p['source']}->{p['target']} {p['event_type']}{neg} ({p['trigger']})")
        lines.append(f"      {p['sentence'][:160]}")
    return "\n".join(lines)
