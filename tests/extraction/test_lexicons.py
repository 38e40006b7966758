"""Word lists as data: the shipped files load, and a bad row names its file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from extraction import lexicons
from extraction.errors import DataFileError
from extraction.events import TriggerLexicon

REPO = Path(__file__).resolve().parents[2]


def test_shipped_lists_load() -> None:
    assert "say" in lexicons.word_class("speech_verb")
    assert "hold" in lexicons.word_class("support_verb")
    assert lexicons.event_noun_groups()["drill"] == "exercise"
    assert lexicons.event_verb_groups()["accuse"] == "accusation"
    assert "met" in lexicons.irregular_forms()["meet"]
    assert lexicons.group_anaphors()["the pair"] == 2
    assert {"sides", "governments"} <= lexicons.word_class("group_noun")
    assert all(lexicons.word_class(name) for name in lexicons.WORD_CLASSES)
    assert lexicons.number_words()["a few"] == 3
    assert {"exercise", "any"} <= set(lexicons.event_groups())
    assert "met" in lexicons.word_class("irregular_past") and "begun" in lexicons.word_class("irregular_participle")
    assert "because" in lexicons.word_class("subordinator")


def test_every_group_named_by_a_noun_or_verb_is_described() -> None:
    used = set(lexicons.event_noun_groups().values()) | set(lexicons.event_verb_groups().values())
    assert used <= set(lexicons.event_groups())


def test_unknown_class_name_is_a_key_error() -> None:
    with pytest.raises(KeyError, match="unknown word class"):
        lexicons.word_class("adverbs of manner")


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the shipped lexicons under a data dir of our own."""
    target = tmp_path / "lexicons"
    target.mkdir()
    for f in (REPO / "data" / "lexicons").glob("*.csv"):
        (target / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setenv("RELDASH_DATA_DIR", str(tmp_path))
    return target


@pytest.mark.parametrize(
    ("file", "body", "call", "message"),
    [
        (
            "word_classes.csv",
            "class,word\nspeech_verb,say\nadverb,quickly\n",
            lambda: lexicons.word_class("speech_verb"),
            "word_classes.csv:3: unknown class 'adverb'",
        ),
        (
            "word_classes.csv",
            "class,word\nspeech_verb,\n",
            lambda: lexicons.word_class("speech_verb"),
            "word_classes.csv:2: empty word",
        ),
        (
            "word_classes.csv",
            "kind,word\nspeech_verb,say\n",
            lambda: lexicons.word_class("speech_verb"),
            "word_classes.csv: missing columns class",
        ),
        (
            "event_nouns.csv",
            "noun,group\ndrill,exercise\nparade,festivities\n",
            lexicons.event_noun_groups,
            "event_nouns.csv:3: unknown group 'festivities'",
        ),
        (
            "group_anaphors.csv",
            "phrase,size\nthe two sides,2\nthe one,1\n",
            lexicons.group_anaphors,
            "group_anaphors.csv:3: size must be a whole number of at least 2, not '1'",
        ),
        (
            "group_anaphors.csv",
            "phrase,size\nthe trio,three\n",
            lexicons.group_anaphors,
            "group_anaphors.csv:2: size must be a whole number of at least 2, not 'three'",
        ),
        (
            "irregular_verbs.csv",
            "lemma\nmeet\n",
            lexicons.irregular_forms,
            "irregular_verbs.csv: missing columns forms",
        ),
        (
            "number_words.csv",
            "word,value\nthree,3\nhalf,0.5\n",
            lexicons.number_words,
            "number_words.csv:3: value must be a whole number of at least 1, not '0.5'",
        ),
        (
            "number_words.csv",
            "word,value\nnone,0\n",
            lexicons.number_words,
            "number_words.csv:2: value must be a whole number of at least 1, not '0'",
        ),
        (
            "event_groups.csv",
            "group\nexercise\n",
            lexicons.event_groups,
            "event_groups.csv: missing columns description",
        ),
    ],
    ids=[
        "unknown-class",
        "empty-word",
        "missing-column",
        "unknown-group",
        "size-one",
        "size-word",
        "no-forms",
        "number-fraction",
        "number-zero",
        "group-no-description",
    ],
)
def test_bad_rows_name_file_and_line(folder: Path, file: str, body: str, call, message: str) -> None:
    (folder / file).write_text(body, encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        call()
    # the message starts with the file and line; unknown classes and groups then list the known ones
    assert str(info.value).startswith(f"[E003] {folder / file}{message[len(file) :]}")


def test_missing_file(folder: Path) -> None:
    (folder / "event_verbs.csv").unlink()
    with pytest.raises(DataFileError, match="missing data file .*event_verbs.csv"):
        lexicons.event_verb_groups()


def test_a_user_can_extend_a_list(folder: Path) -> None:
    with (folder / "word_classes.csv").open("a", encoding="utf-8") as fh:
        fh.write("speech_verb,opine\n")
    assert "opine" in lexicons.word_class("speech_verb")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("lemma,pos,event_type,slots\nmeet,VERB,GREET,with\n", "triggers.csv:2: unknown event type 'GREET'"),
        (
            "lemma,pos,event_type,slots\nmeet,ADV,CONSULT,with\n",
            "triggers.csv:2: pos must be VERB, NOUN or ADJ, not 'ADV'",
        ),
        ("lemma,pos,event_type,slots,intensity\nmeet,VERB,CONSULT,with,high\n", "triggers.csv:2: bad intensity 'high'"),
        ("lemma,pos,slots\nmeet,VERB,with\n", "triggers.csv: missing column 'event_type'"),
    ],
    ids=["type", "pos", "intensity", "column"],
)
def test_trigger_lexicon_errors(tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / "triggers.csv"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        TriggerLexicon.load(path)
    assert str(info.value) == f"[E003] {tmp_path}/{message}"
