"""Analyst reviews: confirm, reject, fix or add relations; the review list; review progress.

Every verdict appends one row to the ``reviews`` table (see :mod:`extraction.store.ddl`);
extracted rows are never changed or deleted. The views ``reviewed_relations`` and
``raw_relations`` apply them. A verdict is attached to a relation id
(:mod:`extraction.relation_ids`), so it survives a re-extraction that finds the same
relation again; a review whose relation is no longer in the store is kept and listed as
``orphaned`` by :meth:`Reviewing.reviews`.

The latest verdict on a relation wins:

* ``confirm``: the relation is right as shown (a fix in effect stays in effect; after a
  reject, the extracted row comes back);
* ``reject``: the relation is wrong: hidden from the reviewed view;
* ``fix``: the relation is real with other values (type, source, target, date, negation);
  the quad class and intensity follow the type, the date precision the date; a second
  fix builds on the first;
* ``add``: a relation the extraction missed, in a stored document (optionally tied to
  one of its sentences), with its date (default: the publication date).

Each write checks its values first and the relation or document under the write lock,
then writes one row in one transaction: a bad value, an unknown id or document, or an
error midway writes nothing. Each records the reviewer's name (argument, else setting
``RELDASH_REVIEWER``) and the time (UTC).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import duckdb
import pandas as pd

import extraction.store.review_values as values
from extraction.documents import split_sentences
from extraction.errors import InvalidReview, NotInStore, UnknownRelation
from extraction.relation_ids import is_relation_id, relation_id
from extraction.schema import COLUMNS, EVENT_TYPES
from extraction.store.base import StoreBase
from extraction.store.ddl import FIXABLE_FIELDS, REVIEW_FIELDS, REVIEW_TABLE_COLUMNS, column_list
from extraction.store.reports import ReviewReport
from extraction.store.review_reads import first_row


def describe(row: dict[str, Any]) -> str:
    """``"USA->JPN CONSULT negated in a, sentence 3"``: one relation in a line."""
    text = f"{row['source']}->{row['target']} {row['event_type']}"
    if row.get("negated"):
        text += " negated"
    text += f" in {row['doc_id']}"
    sentence = row.get("sentence_id")
    if sentence is not None and not pd.isna(sentence) and int(sentence) >= 0:
        text += f", sentence {int(sentence)}"
    return text


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _same(a: object, b: object) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        try:
            return float(a) == float(b)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return False
    return a == b


class Reviewing(StoreBase):
    """The review methods of :class:`~extraction.store.Store`."""

    # ------------------------------------------------------------------ verdicts on relations
    def confirm(self, relation_id: str, *, reviewer: str | None = None, note: str = "") -> ReviewReport:
        """Record that the relation is right (as shown: a fix in effect stays in effect).

        Raises UnknownRelation (E023) for an id the store does not hold, InvalidReview
        (E024) for a bad reviewer name or note; nothing is written then.
        """
        return self._judge(relation_id, "confirm", {}, reviewer, note)

    def reject(self, relation_id: str, *, reviewer: str | None = None, note: str = "") -> ReviewReport:
        """Record that the relation is wrong: the reviewed view hides it (``raw`` shows it)."""
        return self._judge(relation_id, "reject", {}, reviewer, note)

    def fix(
        self,
        relation_id: str,
        *,
        event_type: str | None = None,
        source: str | None = None,
        target: str | None = None,
        event_date: str | None = None,
        negated: bool | None = None,
        reviewer: str | None = None,
        note: str = "",
    ) -> ReviewReport:
        """Record corrected values for the relation (None: keep the shown value).

        ``event_type`` is a PLOVER type (quad class and intensity follow it);
        ``source``/``target`` are actor codes; ``event_date`` is ``YYYY-MM-DD``,
        ``YYYY-MM`` or ``YYYY`` (the precision follows it); ``negated`` True/False.
        Raises InvalidReview (E024) for an unknown actor or type, a bad date, the same
        actor on both sides, or a fix that changes nothing; UnknownRelation (E023).
        """
        changes: dict[str, Any] = {}
        if event_type is not None:
            changes["event_type"] = values.event_type(event_type)
        if source is not None:
            changes["source"] = values.actor_code(source, "source")
        if target is not None:
            changes["target"] = values.actor_code(target, "target")
        if event_date is not None:
            changes["event_date"], changes["date_precision"] = values.event_date(event_date)
        if negated is not None:
            changes["negated"] = bool(negated)
        if not changes:
            raise InvalidReview("nothing to fix: give a new type, source, target, date or negation")
        return self._judge(relation_id, "fix", changes, reviewer, note)

    def confirm_many(
        self, relation_ids: Iterable[str], *, reviewer: str | None = None, note: str = ""
    ) -> list[ReviewReport]:
        """:meth:`confirm` each relation, all in one transaction: one unknown id and none is recorded."""
        return self._judge_many(list(relation_ids), "confirm", {}, reviewer, note)

    def reject_many(
        self, relation_ids: Iterable[str], *, reviewer: str | None = None, note: str = ""
    ) -> list[ReviewReport]:
        """:meth:`reject` each relation, all in one transaction: one unknown id and none is recorded."""
        return self._judge_many(list(relation_ids), "reject", {}, reviewer, note)

    def _judge(
        self, relation_id: str, verdict: str, changes: dict[str, Any], reviewer: str | None, note: str
    ) -> ReviewReport:
        return self._judge_many([relation_id], verdict, changes, reviewer, note)[0]

    def _judge_many(
        self, relation_ids: list[str], verdict: str, changes: dict[str, Any], reviewer: str | None, note: str
    ) -> list[ReviewReport]:
        name = values.reviewer_name(reviewer)
        note = values.note_text(note)
        wanted = [str(r or "").strip() for r in relation_ids]
        for given, rid in zip(relation_ids, wanted, strict=True):
            if not is_relation_id(rid):
                raise UnknownRelation(
                    f"no relation {str(given)[:40]!r} in the store (relation ids look like r3fa9c2d1e0b47a11)"
                )
        with self._transaction() as con:
            states = self._relation_states(con, wanted)
            entries = []
            for rid in wanted:
                base, prior = states[rid]
                carried = _carried_fields(prior)
                shown = {**base, **carried}
                fields: dict[str, Any] = {}
                listed: list[str] = []
                if verdict == "confirm":
                    fields = carried
                elif verdict == "fix":
                    fields, listed = _fixed_fields(base, shown, changes)
                entries.append(
                    {
                        "relation_id": rid,
                        "verdict": verdict,
                        "reviewer": name,
                        "note": note,
                        "doc_id": base["doc_id"],
                        "relation": describe(shown),
                        "changes": listed,
                        "fields": fields,
                    }
                )
                if verdict != "fix":  # a later entry for the same id sees this one
                    states[rid] = (base, {"verdict": verdict, **{f: fields.get(f) for f in REVIEW_FIELDS}})
            return self._append_many(con, entries)

    @staticmethod
    def _relation_states(
        con: duckdb.DuckDBPyConnection, rids: list[str]
    ) -> dict[str, tuple[dict[str, Any], dict[str, Any] | None]]:
        """Each relation of ``rids`` as extracted (or as added) and its latest verdict (None: not reviewed).

        Raises UnknownRelation for the first id the store does not hold.
        """
        con.register("_wanted_ids", pd.DataFrame({"relation_id": sorted(set(rids))}, dtype=object))
        try:
            wanted = "relation_id IN (SELECT relation_id FROM _wanted_ids)"
            rows = con.execute(f"SELECT relation_id, {column_list(COLUMNS)} FROM relations WHERE {wanted}").fetchall()
            added = ", ".join({"doc_title": "d.title", "doc_date": 'd."date"', "doc_url": "d.url"}.get(c, f'a."{c}"')
                              for c in COLUMNS)  # fmt: skip
            rows += con.execute(
                f"SELECT a.relation_id, {added} FROM reviews a JOIN documents d ON d.doc_id = a.doc_id "
                f"WHERE a.verdict = 'add' AND a.{wanted} AND a.relation_id NOT IN (SELECT relation_id FROM relations) "
                "QUALIFY row_number() OVER (PARTITION BY a.relation_id ORDER BY a.review_id) = 1"
            ).fetchall()
            latest = con.execute(
                f"SELECT relation_id, verdict, {column_list(REVIEW_FIELDS)} FROM review_verdicts WHERE {wanted}"
            ).fetchall()
        finally:
            con.unregister("_wanted_ids")
        bases = {r[0]: dict(zip(COLUMNS, r[1:], strict=True)) for r in rows}
        priors = {r[0]: dict(zip(("verdict", *REVIEW_FIELDS), r[1:], strict=True)) for r in latest}
        for rid in rids:
            if rid not in bases:
                raise UnknownRelation(f"no relation {rid!r} in the store")
        return {rid: (bases[rid], priors.get(rid)) for rid in rids}

    # ------------------------------------------------------------------ adding a missed relation
    def add_relation(
        self,
        doc_id: str,
        *,
        source: str,
        target: str,
        event_type: str,
        event_date: str | None = None,
        sentence_id: int | None = None,
        negated: bool = False,
        reviewer: str | None = None,
        note: str = "",
    ) -> ReviewReport:
        """Record a relation the extraction missed in the stored document ``doc_id``.

        ``sentence_id`` ties it to one of the document's sentences (numbered as the
        extractor numbers them, from 0); without it the relation belongs to the whole
        document. ``event_date`` as in :meth:`fix`; default: the publication date
        (precision ``doc``). The relation gets its id like an extracted one (with an
        empty trigger). Raises NotInStore (E022) for an unknown document, InvalidReview
        (E024) for a bad value or sentence number, or a relation already extracted or
        added; nothing is written then.
        """
        name = values.reviewer_name(reviewer)
        note = values.note_text(note)
        src = values.actor_code(source, "source")
        tgt = values.actor_code(target, "target")
        if src == tgt:
            raise InvalidReview(f"source and target are the same actor {src!r}")
        etype = values.event_type(event_type)
        date = values.event_date(event_date) if event_date not in (None, "") else None
        if sentence_id is not None and (isinstance(sentence_id, bool) or int(sentence_id) < 0):
            raise InvalidReview(f"sentence: {sentence_id!r} is not a sentence number (0, 1, 2, ...)")
        with self._transaction() as con:
            found = first_row(
                con, 'SELECT doc_id, title, "date", url, "text" FROM documents WHERE doc_id = ?', [doc_id]
            )
            if found is None:
                raise NotInStore(f"no document {str(doc_id)[:80]!r} in the store")
            _id, _title, doc_date, _url, text = found
            sentence, start, end, number = "", -1, -1, -1
            if sentence_id is not None:
                sentences = split_sentences(text or "")
                number = int(sentence_id)
                if number >= len(sentences):
                    raise InvalidReview(
                        f"sentence: document {doc_id!r} has sentences 0 to {len(sentences) - 1}, not {number}"
                    )
                start, end = sentences[number].start, sentences[number].end
                sentence = text[start:end]
            when, precision = date if date else ((doc_date or ""), "doc")
            rid = relation_id(doc_id, start, end, src, tgt, etype, "")
            self._check_new(con, rid)
            row = {
                "doc_id": doc_id,
                "sentence_id": number,
                "sentence": sentence,
                "sentence_start": start,
                "sentence_end": end,
                "source": src,
                "source_text": "",
                "target": tgt,
                "target_text": "",
                "event_type": etype,
                "quad_class": EVENT_TYPES[etype][0],
                "intensity": EVENT_TYPES[etype][1],
                "trigger": "",
                "event_date": when,
                "date_precision": precision,
                "negated": bool(negated),
                "modality": "asserted",
                "confidence": 1.0,
            }
            entry = {
                "relation_id": rid,
                "verdict": "add",
                "reviewer": name,
                "note": note,
                "doc_id": doc_id,
                "relation": describe(row),
                "changes": [],
                "fields": {f: row[f] for f in REVIEW_FIELDS},
            }
            return self._append_many(con, [entry])[0]

    @staticmethod
    def _check_new(con: duckdb.DuckDBPyConnection, rid: str) -> None:
        """InvalidReview when ``rid`` is already extracted, or added and not rejected since."""
        extracted = first_row(con, "SELECT 1 FROM relations WHERE relation_id = ? LIMIT 1", [rid])
        latest = first_row(con, "SELECT verdict FROM review_verdicts WHERE relation_id = ?", [rid])
        if extracted:
            hint = "confirm it to bring it back" if latest and latest[0] == "reject" else "confirm it instead"
            raise InvalidReview(f"relation {rid} is already in the extraction: {hint}")
        if latest and latest[0] != "reject":
            raise InvalidReview(f"relation {rid} was already added")

    # ------------------------------------------------------------------ writing verdicts
    @staticmethod
    def _append_many(con: duckdb.DuckDBPyConnection, entries: list[dict[str, Any]]) -> list[ReviewReport]:
        """Append one reviews row per entry (relation_id, verdict, reviewer, note, doc_id, relation,
        changes, fields), numbered after the last review, all at the same time (UTC)."""
        first = int(first_row(con, "SELECT COALESCE(max(review_id), 0) + 1 FROM reviews")[0])
        when = _now()
        rows = [
            {
                "review_id": first + n,
                "relation_id": e["relation_id"],
                "verdict": e["verdict"],
                "reviewer": e["reviewer"],
                "reviewed_at": when,
                "note": e["note"],
                "doc_id": e["doc_id"],
                "reviewed_relation": e["relation"],
                "changes": "; ".join(e["changes"]),
                **{f: e["fields"].get(f) for f in REVIEW_FIELDS},
            }
            for n, e in enumerate(entries)
        ]
        frame = pd.DataFrame(rows, columns=list(REVIEW_TABLE_COLUMNS), dtype=object)
        con.register("_new_reviews", frame)
        try:
            cols = column_list(REVIEW_TABLE_COLUMNS)
            con.execute(f"INSERT INTO reviews ({cols}) SELECT {cols} FROM _new_reviews")
        finally:
            con.unregister("_new_reviews")
        return [
            ReviewReport(r["review_id"], r["relation_id"], r["verdict"], r["reviewer"], when, r["doc_id"],
                         r["reviewed_relation"], e["changes"], r["note"])
            for r, e in zip(rows, entries, strict=True)
        ]  # fmt: skip


def _carried_fields(prior: dict[str, Any] | None) -> dict[str, Any]:
    """The fields a confirm or fix keeps from the latest verdict: those of a fix (or confirmed fix)."""
    if not prior or prior["verdict"] not in ("fix", "confirm"):
        return {}
    return {f: prior[f] for f in REVIEW_FIELDS if prior.get(f) is not None}


def _fixed_fields(
    base: dict[str, Any], shown: dict[str, Any], changes: dict[str, Any]
) -> tuple[dict[str, Any], list[str]]:
    """The fields a fix stores (those that differ from ``base``) and its change lines (against ``shown``)."""
    new = {**shown, **changes}
    if "event_type" in changes:
        new["quad_class"], new["intensity"] = EVENT_TYPES[changes["event_type"]]
    for side in ("source", "target"):
        if side in changes:
            actor = changes[side]
            texts = {base["source"]: base["source_text"], base["target"]: base["target_text"]}
            new[f"{side}_text"] = shown[f"{side}_text"] if actor == shown[side] else texts.get(actor, "")
    if new["source"] == new["target"]:
        raise InvalidReview(f"source and target would be the same actor {new['source']!r}")
    listed = [
        f"{f} {_show(shown[f])} -> {_show(new[f])}"
        for f in (*FIXABLE_FIELDS[:4], "date_precision", "negated")
        if not _same(shown[f], new[f])
    ]
    if not listed:
        raise InvalidReview(f"nothing to fix: the relation is already {describe(shown)}")
    # fields equal to the row as extracted (or added) need no correction
    fields = {f: new[f] for f in REVIEW_FIELDS if not _same(new[f], base[f])}
    return fields, listed


def _show(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value) if value not in (None, "") else '""'
