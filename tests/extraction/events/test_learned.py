"""The learned pair scorer: candidate triples and features, the model file, and training."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from extraction.errors import DataFileError
from extraction.events.learned import FORMAT, PairModel
from extraction.events.pairs import candidate_triples, features
from extraction.training import corpus_digest, train_pair_model
from tests.paths import REPO


def test_triples_pair_every_two_actors_with_each_trigger(parse) -> None:
    parsed = parse("Japan condemned China and urged Russia to act.")
    triples = {(t.source.actor, t.target.actor, t.row.event_type, t.trigger.text)
               for t in candidate_triples(parsed.doc, parsed.mentions_of, parsed.lexicon)}
    assert ("JPN", "CHN", "ACCUSE", "condemned") in triples
    assert ("JPN", "RUS", "REQUEST", "urged") in triples
    assert ("CHN", "JPN", "ACCUSE", "condemned") in triples  # both directions are candidates
    assert all(s != t for s, t, _, _ in triples)


@pytest.mark.parametrize(
    ("text", "venue", "party"),
    [
        ("Kishida met Yoon Suk Yeol in Washington.", ("JPN", "USA", "met"), ("JPN", "KOR", "met")),
        ("Russia and Japan held talks at Beijing.", ("RUS", "CHN", "talks"), ("RUS", "JPN", "talks")),
        ("Japan protested to China in Seoul.", ("JPN", "KOR", "protested"), ("JPN", "CHN", "protested")),
        # a slot preposition is no venue: "intervene in"
        ("Washington warned Beijing against meddling in Taiwan.", None, ("USA", "CHN", "warned")),
    ],
    ids=["meeting-place", "capital-of-a-party", "protest-place", "slot-preposition"],
)
def test_the_place_of_an_event_is_no_candidate_target(parse, text: str, venue, party) -> None:
    parsed = parse(text)
    triples = {(t.source.actor, t.target.actor, t.trigger.text)
               for t in candidate_triples(parsed.doc, parsed.mentions_of, parsed.lexicon)}
    if venue:
        assert venue not in triples
    if party:
        assert party in triples


@pytest.mark.parametrize(
    ("text", "co_agents", "pair"),
    [
        ("Neither Washington nor Tokyo criticised Moscow.", ("USA", "JPN"), ("USA", "RUS")),
        ("Japan and South Korea condemned the launch by North Korea.", ("JPN", "KOR"), ("JPN", "PRK")),
        ("Seoul sanctioned Beijing and Moscow.", ("CHN", "RUS"), ("KOR", "RUS")),
        # a mutual event pairs its conjuncts with each other
        ("China and Russia held talks.", None, ("CHN", "RUS")),
    ],
    ids=["neither-nor", "and-subjects", "and-objects", "mutual"],
)
def test_conjuncts_are_no_candidate_pair_unless_the_event_is_mutual(parse, text: str, co_agents, pair) -> None:
    parsed = parse(text)
    pairs = {(t.source.actor, t.target.actor) for t in candidate_triples(parsed.doc, parsed.mentions_of, parsed.lexicon)}
    if co_agents:
        assert co_agents not in pairs and tuple(reversed(co_agents)) not in pairs
    assert pair in pairs


@pytest.mark.parametrize(
    ("text", "main_verb", "walled_off", "pair"),
    [
        ("Putin, who had visited Pyongyang in June, criticised Washington.", "criticised", ("PRK", "USA"), ("RUS", "USA")),
        ("Lai, whom Beijing has condemned, thanked Tokyo for its support.", "thanked", ("CHN", "JPN"), ("TWN", "JPN")),
        ("Seoul, which Moscow had warned, protested to Beijing.", "protested", ("RUS", "CHN"), ("KOR", "CHN")),
    ],
    ids=["who", "whom", "which"],
)
def test_an_actor_inside_a_relative_clause_is_no_party_to_the_main_clause(
    parse, text: str, main_verb: str, walled_off, pair
) -> None:
    parsed = parse(text)
    main = {(t.source.actor, t.target.actor) for t in candidate_triples(parsed.doc, parsed.mentions_of, parsed.lexicon)
            if t.trigger.text == main_verb}
    assert walled_off not in main and pair in main


def test_features_describe_order_and_path(parse) -> None:
    parsed = parse("Japan condemned China.")
    (triple,) = [t for t in candidate_triples(parsed.doc, parsed.mentions_of, parsed.lexicon)
                 if (t.source.actor, t.target.actor) == ("JPN", "CHN")]
    f = features(triple, 2)
    assert f["type=ACCUSE"] == f["order=STO"] == f["sdep=nsubj"] == f["odep=dobj"] == 1.0
    assert "pathST=nsubj^" in f and "pathOT=dobj^" in f


def test_probability_is_a_logistic_of_the_weights() -> None:
    model = PairModel({"a": 1.0, "b": -2.0}, 0.5, 0.5)
    assert model.probability({"a": 1.0}) == pytest.approx(1 / (1 + math.exp(-1.5)))
    assert model.probability({"a": 1.0, "b": 1.0}) == pytest.approx(1 / (1 + math.exp(0.5)))
    assert model.probability({"unknown": 1.0}) == pytest.approx(1 / (1 + math.exp(-0.5)))


def test_model_file_round_trip(tmp_path: Path) -> None:
    model = PairModel({"type=ACCUSE": 0.25}, -1.0, 0.4, {"documents": 3})
    path = tmp_path / "m.json"
    path.write_text(model.to_json(), encoding="utf-8")
    assert PairModel.load(path) == model


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"format": "something-else"}', "not a reldash-pair-model/1 file"),
        (json.dumps({"format": FORMAT, "bias": 0}), "malformed pair model"),
        (json.dumps({"format": FORMAT, "bias": "x", "threshold": 0.5, "weights": {}}), "malformed pair model"),
        ("not json", "malformed pair model"),
    ],
    ids=["format", "missing-keys", "bad-number", "not-json"],
)
def test_bad_model_files_are_data_errors(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "m.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DataFileError, match=message):
        PairModel.load(path)


def test_no_model_file_means_no_scorer(tmp_path: Path) -> None:
    assert PairModel.load(tmp_path / "absent.json") is None


def test_shipped_model_was_trained_on_the_shipped_gold() -> None:
    model = PairModel.load()
    assert model is not None
    assert model.meta["corpus_sha256"] == corpus_digest(REPO / "data" / "articles", REPO / "data" / "gold"), (
        "data/models/pair_model.json is stale: run `python -m extraction train-pairs`"
    )


def test_training_is_deterministic(tmp_path: Path, parse) -> None:
    """Two trainings on the same small corpus give the same model, weight for weight."""
    articles, gold = tmp_path / "articles", tmp_path / "gold"
    articles.mkdir()
    gold.mkdir()
    stems = sorted(p.stem for p in (REPO / "data" / "articles").glob("*.md"))[:10]
    for stem in stems:
        (articles / f"{stem}.md").write_bytes((REPO / "data" / "articles" / f"{stem}.md").read_bytes())
        (gold / f"{stem}.csv").write_bytes((REPO / "data" / "gold" / f"{stem}.csv").read_bytes())
    first, figures = train_pair_model(articles, gold)
    second, _ = train_pair_model(articles, gold)
    assert first == second
    assert figures["positives"] > 0 and figures["examples"] > figures["positives"]
