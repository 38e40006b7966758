"""Open-class word lists, read once from CSV files under ``<data dir>/lexicons/``.

Files (all UTF-8 CSV with a header row; see ``data/lexicons/README.md``):

* ``word_classes.csv`` (``class,word``): one row per word and class, for the classes of
  :data:`WORD_CLASSES` (verbs of saying, support verbs, title words, and closed classes
  such as subordinators and the prepositions some rules test for);
* ``event_nouns.csv`` (``noun,group``) and ``event_verbs.csv`` (``lemma,group``): which
  earlier event a later noun can refer to ("the drills" -> group ``exercise``);
* ``event_groups.csv`` (``group,description``): the groups those two files may name;
* ``irregular_verbs.csv`` (``lemma,forms``): past forms the cheap prefilter must know;
* ``group_anaphors.csv`` (``phrase,size``): "the two sides" -> 2;
* ``number_words.csv`` (``word,value``): spelled-out counts in time expressions ("three" -> 3).

Each file is validated as it is read: a missing column, an empty cell, an unknown class or
group, or a bad number raises :class:`~extraction.errors.DataFileError` naming the file and
line. The lists are read when a module first asks for them and cached per folder, so a
folder given with ``RELDASH_DATA_DIR`` before the first extraction is the one used.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from .config import data_dir
from .errors import DataFileError

#: Word classes of ``word_classes.csv`` and what they are for.
WORD_CLASSES: dict[str, str] = {
    "abstract_noun": "nouns whose 'of' complement names no one they stand for ('the importance of ...')",
    "abbreviation": "abbreviations whose dot does not end a sentence (lower case, no final dot)",
    "bare_group_noun": "plural nouns that refer to the latest group of actors after a bare 'the' ('the allies')",
    "generic_group_noun": "plural nouns of people that 'they' may refer to instead of countries",
    "group_noun": "plural nouns that refer to a group of actors after 'the two', 'both', 'the three'",
    "irregular_participle": "irregular past participles, for the past perfect of background ('had met')",
    "irregular_past": "irregular past-tense forms that the '-ed' test of a past clause misses ('met', 'held')",
    "joint_adverb": "adverbs that make the coordinated subjects of any verb act together ('patrolled jointly')",
    "intent_noun": "nouns whose complement is an intended or planned event ('a plan to visit')",
    "intent_verb": "verbs whose complement is an intended or planned event",
    "negating_phrase": "a verb and its particle whose complement did not happen ('held off on tariffs', 'backed away from scrapping')",
    "negating_verb": "verbs whose complement is an event that did not happen",
    "negative_noun": "nouns that make 'X amounted to / posed a ___' an accusation",
    "negative_predicate": "predicates of a reported claim that make it an accusation",
    "person_title": "titles that make an actor mention stand for a person ('the US secretary', 'China's envoy')",
    "presence_verb": "verbs of being somewhere or spending time ('appeared together') that make no joint action",
    "plan_adjective": "adjectives that make an event noun intended ('the planned visit')",
    "refusing_verb": "denials and refusals: the inner event is negated, the refusal is a REJECT",
    "relational_noun": "nouns whose actor modifier is the relatum, not the referent ('a US ally')",
    "request_verb": "verbs whose complement is requested of someone, not done",
    "speech_verb": "verbs of saying that report a clause",
    "excluding_phrase": "verbs (with particle) that deny their complement, which their own negation leaves open ('did not rule out')",
    "joining_verb": "verbs whose object shares the act of their complement ('joined Seoul in condemning Pyongyang')",
    "promising_verb": "verbs that make an intended meeting, cooperation or aid they govern a promise, AGREE ('pledged to visit')",
    "pledging_verb": "verbs whose object noun is a promised meeting, cooperation or aid, coded AGREE ('pledged cooperation')",
    "hosting_word": "words right before 'visiting' that make the one visiting a guest ('met visiting President Putin')",
    "preventing_verb": "verbs whose 'from' complement did not happen ('prevented Japan from joining')",
    "telling_verb": "verbs of telling someone that ...: a following \"it\" is the teller (\"notified Japan that it planned\")",
    "reaction_verb": "verbs whose prepositional object is another's act ('respond to the sales'): it takes no agent from their subject",
    "support_verb": "verbs whose object noun names the subject's own event ('held talks')",
    "title_word": "words of titles between an actor and a person's name",
    # closed classes: grammar words the rules test for
    "circumstance_preposition": "prepositions that introduce the circumstances of a clause ('At a council meeting, ...')",
    "clause_mark": "words besides the subordinators that open an adverbial clause ('after the US announced drills')",
    "reason_marker": "subordinators of a clause an event reacts to ('protested after China sent ships')",
    "title_anaphor": "titles that, after 'the', stand for the person last named with that office ('the president')",
    "negative_adjective": "adjectives that make a reported claim an accusation ('told Biden the curbs were unfair')",
    "people_quantifier": "words that count a nation's people ('many Chinese'), not its government",
    "example_preposition": "prepositions that introduce examples of a noun ('partners including Japan'); 'such as' too",
    "clause_opener": "words besides the subordinators that open a new clause for the surface fallback",
    "common_word": "words too common to tell the prefilter that a sentence may hold an idiom",
    "object_preposition": "prepositions before an object actor that the pair scorer tells apart ('talks with Seoul')",
    "subordinator": "words that open a subordinate or relative clause ('that', 'which', 'because')",
    "time_anchor_preposition": "prepositions whose object is an earlier or simultaneous event ('after talks on Tuesday')",
    "title_connector": "function words that may join the words of a title ('Minister for International Affairs')",
}


def lexicon_dir() -> Path:
    return data_dir() / "lexicons"


def _rows(path: Path, columns: tuple[str, ...]) -> Iterator[tuple[str, dict[str, str]]]:
    """(``file:line``, row) for each non-empty row, every column present and non-empty."""
    if not path.exists():
        raise DataFileError(f"missing data file {path}")
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in columns if c not in (reader.fieldnames or [])]
        if missing:
            raise DataFileError(f"{path}: missing columns {', '.join(missing)}")
        for n, row in enumerate(reader, start=2):
            values = {c: (row.get(c) or "").strip() for c in columns}
            if not any(values.values()):
                continue
            where = f"{path}:{n}"
            empty = [c for c, v in values.items() if not v]
            if empty:
                raise DataFileError(f"{where}: empty {', '.join(empty)}")
            yield where, values


@cache
def _word_classes(folder: Path) -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {name: set() for name in WORD_CLASSES}
    for where, row in _rows(folder / "word_classes.csv", ("class", "word")):
        if row["class"] not in WORD_CLASSES:
            raise DataFileError(f"{where}: unknown class {row['class']!r}; one of {', '.join(sorted(WORD_CLASSES))}")
        out[row["class"]].add(row["word"].lower())
    return {name: frozenset(words) for name, words in out.items()}


def word_class(name: str) -> frozenset[str]:
    """The lower-case words of one class of ``word_classes.csv``."""
    if name not in WORD_CLASSES:
        raise KeyError(f"unknown word class {name!r}")
    return _word_classes(lexicon_dir())[name]


@cache
def _event_groups(path: Path) -> dict[str, str]:
    return {row["group"].lower(): row["description"] for _where, row in _rows(path, ("group", "description"))}


def event_groups() -> dict[str, str]:
    """Event-noun group -> what it holds, from ``event_groups.csv`` ("any": the latest event of any kind)."""
    return _event_groups(lexicon_dir() / "event_groups.csv")


@cache
def _groups(path: Path, key: str) -> dict[str, str]:
    out: dict[str, str] = {}
    known = _event_groups(path.parent / "event_groups.csv")
    for where, row in _rows(path, (key, "group")):
        if row["group"] not in known:
            raise DataFileError(f"{where}: unknown group {row['group']!r}; one of {', '.join(known)}")
        out.setdefault(row[key].lower(), row["group"])
    return out


def event_noun_groups() -> dict[str, str]:
    """Event noun (lemma) -> the group of earlier events it can refer to, in file order."""
    return _groups(lexicon_dir() / "event_nouns.csv", "noun")


def event_verb_groups() -> dict[str, str]:
    """Trigger verb (lemma) -> the group a later event noun refers to it by."""
    return _groups(lexicon_dir() / "event_verbs.csv", "lemma")


@cache
def _irregular(path: Path) -> dict[str, frozenset[str]]:
    out: dict[str, frozenset[str]] = {}
    for _where, row in _rows(path, ("lemma", "forms")):
        out[row["lemma"].lower()] = frozenset(f.strip().lower() for f in row["forms"].split("|") if f.strip())
    return out


def irregular_forms() -> dict[str, frozenset[str]]:
    """Verb lemma -> irregular word forms ("meet" -> {"met"})."""
    return _irregular(lexicon_dir() / "irregular_verbs.csv")


@cache
def _numbers(path: Path) -> dict[str, int]:
    out: dict[str, int] = {}
    for where, row in _rows(path, ("word", "value")):
        if not row["value"].isdigit() or int(row["value"]) < 1:
            raise DataFileError(f"{where}: value must be a whole number of at least 1, not {row['value']!r}")
        out[row["word"].lower()] = int(row["value"])
    return out


def number_words() -> dict[str, int]:
    """Spelled-out small count (lower case) -> its value ("three" -> 3, "a few" -> 3)."""
    return _numbers(lexicon_dir() / "number_words.csv")


@cache
def _anaphors(path: Path) -> dict[str, int]:
    out: dict[str, int] = {}
    for where, row in _rows(path, ("phrase", "size")):
        try:
            size = int(row["size"])
        except ValueError:
            size = 0
        if size < 2:
            raise DataFileError(f"{where}: size must be a whole number of at least 2, not {row['size']!r}")
        out[row["phrase"].lower()] = size
    return out


def group_anaphors() -> dict[str, int]:
    """Group anaphor phrase ("the two sides") -> how many actors it refers to."""
    return _anaphors(lexicon_dir() / "group_anaphors.csv")
