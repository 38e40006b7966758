"""Filtering: every filter field, on the raw and the prepared table."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from components.filters import Filters, apply_filters, filter_mask, filter_options
from components.prepare import prepare_relations, public_frame


def test_default_filter_drops_only_negated_and_hypothetical(rel: pd.DataFrame) -> None:
    out = apply_filters(rel, Filters())
    assert len(rel) == 42
    assert not out["negated"].any()
    assert (out["modality"] != "hypothetical").all()
    assert len(out) == len(rel) - rel["negated"].sum() - (rel["modality"] == "hypothetical").sum()


def test_include_negated_and_hypothetical(rel: pd.DataFrame) -> None:
    both = apply_filters(rel, Filters(include_negated=True, include_hypothetical=True))
    assert len(both) == len(rel)
    negated = apply_filters(rel, Filters(include_negated=True))
    assert negated["negated"].sum() == 2
    assert (negated["modality"] != "hypothetical").all()


@pytest.mark.parametrize(
    ("match", "check"),
    [
        ("either", lambda s, t: s | t),
        ("source", lambda s, t: s),
        ("target", lambda s, t: t),
        ("both", lambda s, t: s & t),
    ],
)
def test_country_match_modes(rel: pd.DataFrame, match: str, check) -> None:
    picked = ("JPN", "KOR")
    out = apply_filters(rel, Filters(countries=picked, match=match, include_negated=True, include_hypothetical=True))
    expected = check(rel["source"].isin(picked), rel["target"].isin(picked))
    assert len(out) == int(expected.sum()) > 0
    assert check(out["source"].isin(picked), out["target"].isin(picked)).all()


@pytest.mark.parametrize(
    ("dyad", "rows"),
    [
        (("CHN", "USA"), 5),  # one direction only: USA -> CHN is another dyad
        (("USA", "CHN"), 2),
        (("CHN", "JPN"), 0),
        (("PRK", "RUS"), 1),
        (("USA", "XXX"), 0),  # an actor the table does not have: nothing, no error
        ((), 38),  # no dyad: every pair
    ],
)
def test_dyad_is_one_directed_pair(rel: pd.DataFrame, dyad: tuple[str, ...], rows: int) -> None:
    out = apply_filters(rel, Filters(dyad=dyad))
    assert len(out) == rows
    if dyad:
        assert (out["source"] == dyad[0]).all() and (out["target"] == dyad[1]).all()


def test_dyad_and_countries_both_apply(rel: pd.DataFrame) -> None:
    out = apply_filters(rel, Filters(countries=("CHN",), match="target", dyad=("CHN", "USA")))
    assert out.empty  # CHN is the dyad's source, never its target
    assert len(apply_filters(rel, Filters(countries=("CHN",), match="source", dyad=("CHN", "USA")))) == 5


def test_date_range_is_inclusive_and_uses_event_date(rel: pd.DataFrame) -> None:
    out = apply_filters(rel, Filters(date_from=date(2022, 8, 4), date_to=date(2022, 8, 5)))
    assert sorted(out["event_date"].astype(str)) == ["2022-08-04"] * 3 + ["2022-08-05"]
    assert apply_filters(rel, Filters(date_from=date(2026, 1, 1))).empty


def test_undated_event_falls_back_to_article_date(raw: pd.DataFrame) -> None:
    frame = raw.copy()
    frame.loc[0, "event_date"] = ""
    out = apply_filters(prepare_relations(frame), Filters(date_from=date(2016, 5, 27), date_to=date(2016, 5, 27)))
    assert len(out) == 2  # the undated row keeps its article's date (2016-05-27)


def test_types_quads_confidence(rel: pd.DataFrame) -> None:
    out = apply_filters(rel, Filters(event_types=("AGREE", "CONSULT")))
    assert set(out["event_type"]) == {"AGREE", "CONSULT"}
    out = apply_filters(rel, Filters(quad_classes=("material conflict",)))
    assert set(out["quad_class"]) == {"material conflict"}
    out = apply_filters(rel, Filters(min_confidence=0.9))
    assert (out["confidence"] >= 0.9).all() and len(out) == 7


def test_text_search_is_case_insensitive_and_literal(rel: pd.DataFrame) -> None:
    out = apply_filters(rel, Filters(text="BALLOONS"))
    assert len(out) == 1 and "balloons" in out.loc[0, "sentence"]
    assert apply_filters(rel, Filters(text="$2.4 billion")).shape[0] == 1  # no regex
    assert apply_filters(rel, Filters(text="(")).empty


def test_article(rel: pd.DataFrame) -> None:
    out = apply_filters(rel, Filters(article="2023-08-18-camp-david-summit"))
    assert len(out) == 3 and set(out["doc_id"]) == {"2023-08-18-camp-david-summit"}


def test_raw_and_prepared_tables_filter_alike(raw: pd.DataFrame, rel: pd.DataFrame) -> None:
    flt = Filters(countries=("CHN",), date_from=date(2020, 1, 1), text="taiwan")
    a = public_frame(apply_filters(raw, flt)).astype(str).sort_values(["doc_id", "sentence_id", "source"])
    b = public_frame(apply_filters(rel, flt)).astype(str).sort_values(["doc_id", "sentence_id", "source"])
    pd.testing.assert_frame_equal(a.reset_index(drop=True), b.reset_index(drop=True))
    assert len(a) == 3


def test_mask_on_empty_table(rel: pd.DataFrame) -> None:
    assert filter_mask(rel.iloc[0:0], Filters(countries=("USA",), text="x")).shape == (0,)


def test_filter_options(rel: pd.DataFrame) -> None:
    options = filter_options(rel, actor_order=("USA", "JPN", "KOR", "PRK", "CHN", "RUS", "TWN"))
    assert options.actors == ("USA", "JPN", "KOR", "PRK", "CHN", "RUS", "TWN")
    assert options.date_min == date(2016, 5, 27) and options.date_max == date(2025, 4, 11)
    assert len(options.articles) == 16
    assert options.article_titles["2024-05-27-yoon-li-qiang-seoul"].startswith("Seoul & Beijing")
    assert "AGREE" in options.event_types


def test_filter_options_derive_new_actors(raw: pd.DataFrame) -> None:
    frame = raw.copy()
    frame.loc[0, "target"] = "AUS"
    options = filter_options(frame, actor_order=("USA",))
    assert options.actors[0] == "USA" and "AUS" in options.actors


def test_article_ids_list_few_and_look_up_many() -> None:
    from components.filters import ArticleIds

    few = ArticleIds(("a", "b"), 2)
    assert few.complete and list(few) == ["a", "b"] and "a" in few and "c" not in few and len(few) == 2
    asked: list[str] = []
    many = ArticleIds((), 9_000_000, lambda doc_id: asked.append(doc_id) or doc_id.startswith("gdelt-"))
    assert not many.complete and len(many) == 9_000_000 and list(many) == []
    assert "gdelt-1" in many and "x" not in many and "" not in many and None not in many
    assert asked == ["gdelt-1", "x"]
    import pickle

    assert pickle.loads(pickle.dumps(few)) == few and "b" in pickle.loads(pickle.dumps(few))
