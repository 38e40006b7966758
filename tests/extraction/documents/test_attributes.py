"""The compiled attribute ruler gives the tokens spaCy's own ``attribute_ruler`` gives."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc, Token

from extraction import config
from extraction.cli.common import collect_documents
from extraction.documents.attributes import FACTORY, CompiledAttributeRuler, compile_attribute_ruler
from tests.paths import REPO


def _signature(doc: Doc) -> list[tuple]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i) for t in doc]


@pytest.fixture(scope="module")
def pipelines():
    name = config.model_name()
    stock = spacy.load(name, exclude=["ner"])
    compiled = spacy.load(name, exclude=["ner"])
    assert compile_attribute_ruler(compiled)
    return stock, compiled


def test_the_compiled_component_takes_the_rulers_place(pipelines):
    stock, compiled = pipelines
    assert "attribute_ruler" in stock.pipe_names and "attribute_ruler" not in compiled.pipe_names
    assert compiled.pipe_names.index("attribute_ruler_compiled") == stock.pipe_names.index("attribute_ruler")


@pytest.mark.parametrize(
    "text",
    [
        "I'd say the talks went well, but Seoul disagreed.",
        "But he said nothing; everybody knew that it would fail.",
        "She told me  that they could not come.\n\nWe will see.",
        "Whether or not Tokyo agrees, the U.S. will go ahead -- unless Congress objects.",
        "THE NORTH FIRED TWO MISSILES (A FIRST) ON MONDAY!",
        "Somebody's drones, anyone's guess: 3.5 km, 40% and $2bn.",
        "Its ministers met theirs in Beijing, while ours stayed home.",
    ],
)
def test_model_sentences_get_the_same_tokens(pipelines, text):
    stock, compiled = pipelines
    assert _signature(compiled(text)) == _signature(stock(text))


@pytest.mark.slow
def test_demo_corpus_gets_the_same_tokens(pipelines):
    stock, compiled = pipelines
    docs, problems = collect_documents([REPO / "data" / "articles"])
    assert not problems
    texts = [d.text for d in docs[::4]]
    for a, b in zip(stock.pipe(texts), compiled.pipe(texts), strict=True):
        assert _signature(b) == _signature(a)


def _ruler_pair(patterns: list[dict]):
    """A stock ruler and a compiled one with ``patterns``, on a blank English pipeline."""
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns(patterns)
    return nlp, ruler, CompiledAttributeRuler(ruler)


def _doc(nlp, words, tags, deps):
    heads = [0] * len(words)
    return Doc(nlp.vocab, words=words, tags=tags, deps=deps, heads=heads)


# Rules of every shape: later rules win per attribute; several tokens; negative index; operators.
RULES = [
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN", "MORPH": "Number=Sing"}},
    {"patterns": [[{"TAG": "NN", "LOWER": {"IN": ["nothing", "something"]}}]], "attrs": {"POS": "PRON"}},
    {"patterns": [[{"LOWER": "talks"}]], "attrs": {"LEMMA": "talk"}},
    {"patterns": [[{"TAG": "CC", "LOWER": "but", "DEP": "advmod"}]], "attrs": {"POS": "ADV"}},
    {"patterns": [[{"TAG": "CC"}]], "attrs": {"POS": "CCONJ"}},
    {"patterns": [[{"LOWER": "held"}, {"LOWER": "talks"}]], "attrs": {"MORPH": "Number=Plur"}, "index": -1},
    {"patterns": [[{"TAG": "NN", "OP": "+"}, {"LOWER": "said"}]], "attrs": {"LEMMA": "say"}, "index": -1},
    {"patterns": [[{"ORTH": "Seoul"}]], "attrs": {"POS": "PROPN"}},
    {"patterns": [[{"IS_SPACE": True}]], "attrs": {"POS": "SPACE"}},
]


@pytest.mark.parametrize(
    ("words", "tags", "deps"),
    [
        (["nothing", "but", "talks"], ["NN", "CC", "NN"], ["nsubj", "advmod", "dobj"]),
        (["Seoul", "held", "talks", "and", "said"], ["NN", "VBD", "NN", "CC", "VBD"], ["nsubj", "ROOT", "dobj", "cc", "conj"]),
        (["Tokyo", "talks", "talks", "said", " "], ["NN", "NN", "NN", "VBD", "_SP"], ["nsubj", "dobj", "dobj", "ROOT", "dep"]),
        (["something", "but", "SEOUL"], ["NN", "CC", "NNP"], ["nsubj", "cc", "conj"]),
    ],
)
def test_rules_of_every_shape_give_the_stock_result(words, tags, deps):
    nlp, ruler, compiled = _ruler_pair(RULES)
    expected, got = ruler(_doc(nlp, words, tags, deps)), compiled(_doc(nlp, words, tags, deps))
    assert _signature(got) == _signature(expected)


def test_a_multi_token_rule_is_left_to_a_matcher():
    _, _, compiled = _ruler_pair(RULES)
    assert len(compiled.matcher) == 2 and "5" in compiled.matcher and "6" in compiled.matcher
    assert [rule for rule, _ in compiled.single] == [0, 1, 2, 3, 4, 7, 8]


def test_rules_setting_extension_attributes_are_not_compiled():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    if not Token.has_extension("reldash_flag"):
        Token.set_extension("reldash_flag", default=None)
    ruler.add([[{"LOWER": "talks"}]], {"_": {"reldash_flag": True}})
    with pytest.raises(ValueError, match="extension attributes"):
        CompiledAttributeRuler(ruler)
    assert not compile_attribute_ruler(nlp)
    assert nlp.pipe_names == ["attribute_ruler"] and FACTORY not in nlp.pipe_names


def test_a_pipeline_without_a_ruler_is_left_alone():
    nlp = spacy.blank("en")
    assert not compile_attribute_ruler(nlp)
    assert nlp.pipe_names == []
