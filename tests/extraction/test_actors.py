"""Stage 2, actor mentions: dictionary names, non-actor phrases, people, surnames,
context-dependent names and anaphora.

Each mention case lists every mention expected in the text, in order, as
``(text, actor, kind, via)``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from extraction.actor_table import load_actor_table
from extraction.actors import (
    ActorDictionary,
    Mention,
    find_mentions,
    group_anaphors,
    name_variants,
    resolve_anaphor,
    surname_of,
)
from extraction.documents import read_inputs, split_sentences
from extraction.errors import DataFileError

REPO = Path(__file__).resolve().parents[2]
SEED = REPO.parent / "shared" / "seeds" / "000_edb928441491f2db.txt"


@pytest.fixture(scope="module")
def actors() -> ActorDictionary:
    return ActorDictionary.load()


def _mentions(actors: ActorDictionary, text: str, date: str = "") -> list[Mention]:
    return list(find_mentions(text, actors, doc_date=date))


MENTION_CASES = [
    # --- non-actor phrases block the country names inside them
    ("seas", "The tanker sailed from the South China Sea to the Sea of Japan.", "", []),
    ("strait", "Tensions in the Taiwan Strait worry Japanese exporters.", "",
     [("Japanese", "JPN", "demonym", "dictionary")]),
    ("washington-state", "Washington state exports apples to Japan.", "", [("Japan", "JPN", "name", "dictionary")]),
    ("peninsula", "Peace on the Korean Peninsula remains elusive, Chinese analysts say.", "",
     [("Chinese", "CHN", "demonym", "dictionary")]),
    ("newspaper-and-person", "George Washington visited the Washington Post.", "", []),
    ("longest-name-wins", "the South Korean navy and the U.S. Navy", "",
     [("South Korean", "KOR", "demonym", "dictionary"), ("U.S. Navy", "USA", "institution", "dictionary")]),
    # --- surnames alone resolve to the full name mentioned earlier
    ("kim-alone", "North Korean leader Kim Jong Un hosted Vladimir Putin. Kim praised Russia.", "2024-06-20",
     [("North Korean", "PRK", "demonym", "dictionary"), ("Kim Jong Un", "PRK", "person", "dictionary"),
      ("Vladimir Putin", "RUS", "person", "dictionary"), ("Kim", "PRK", "person", "surname"),
      ("Russia", "RUS", "name", "dictionary")]),
    ("kim-latest", "Kim Jong Un met Sung Kim in 2022. Kim said more talks were needed.", "2022-05-30",
     [("Kim Jong Un", "PRK", "person", "dictionary"), ("Sung Kim", "USA", "person", "dictionary"),
      ("Kim", "USA", "person", "surname")]),
    ("kim-owner", "North Korea's Kim Yo Jong spoke. South Korea's Kim Gunn replied. North Korea's Kim said no.",
     "2023-01-10",
     [("North Korea", "PRK", "name", "dictionary"), ("Kim Yo Jong", "PRK", "person", "dictionary"),
      ("South Korea", "KOR", "name", "dictionary"), ("Kim Gunn", "KOR", "person", "learned"),
      ("North Korea", "PRK", "name", "dictionary"), ("Kim", "PRK", "person", "surname")]),
    ("kim-unknown", "Kim said nothing.", "2023-01-10", []),
    ("kim-before-full-name", "Kim spoke first. Then Kim Jong Un arrived.", "2023-01-10",
     [("Kim Jong Un", "PRK", "person", "dictionary")]),
    ("sin-and-oka",
     "Japan's Vice Defense Minister Masami Oka met Sin Beom-cheol, South Korea's vice defense minister. "
     "Sin and Oka agreed.", "2022-09-11",
     [("Japan", "JPN", "name", "dictionary"), ("Masami Oka", "JPN", "person", "learned"),
      ("Sin Beom-cheol", "KOR", "person", "learned"), ("South Korea", "KOR", "name", "dictionary"),
      ("Sin", "KOR", "person", "surname"), ("Oka", "JPN", "person", "surname")]),
    ("alone-in-office", "Yoon said nothing.", "2023-03-01", [("Yoon", "KOR", "person", "surname")]),
    ("alone-out-of-office", "Yoon said nothing.", "2010-03-01", []),
    # --- people learned from titles and appositives
    ("learned-title", "Japan's Vice Defense Minister for International Affairs Masami Oka spoke.", "",
     [("Japan", "JPN", "name", "dictionary"), ("Masami Oka", "JPN", "person", "learned")]),
    ("learned-possessive", "Japan's Masami Oka and South Korea's Sin Beom-cheol met on Monday.", "",
     [("Japan", "JPN", "name", "dictionary"), ("Masami Oka", "JPN", "person", "learned"),
      ("South Korea", "KOR", "name", "dictionary"), ("Sin Beom-cheol", "KOR", "person", "learned")]),
    ("learned-appositive",
     "Takehiro Funakoshi, Japan's director-general for Asian affairs, flew to Seoul. Funakoshi met envoys.",
     "2023-01-10",
     [("Takehiro Funakoshi", "JPN", "person", "learned"), ("Japan", "JPN", "name", "dictionary"),
      ("Seoul", "KOR", "capital", "dictionary"), ("Funakoshi", "JPN", "person", "surname")]),
    ("appositive-drops-title", "Defense Minister Masami Oka, the Japanese official, spoke. Oka left.", "",
     [("Masami Oka", "JPN", "person", "learned"), ("Japanese", "JPN", "demonym", "dictionary"),
      ("Oka", "JPN", "person", "surname")]),
    ("no-title-no-person", "Japan and Sri Lanka agreed to expand trade.", "", [("Japan", "JPN", "name", "dictionary")]),
    ("demonym-no-person", "American Airlines Flight 12 landed.", "", [("American", "USA", "demonym", "dictionary")]),
    ("title-to-place", "Japan's ambassador to New Zealand Peter Smith arrived.", "",
     [("Japan", "JPN", "name", "dictionary")]),
    # --- context-dependent names need their context actors, named outright
    ("north-korean-context", "Seoul said the North fired two missiles.", "",
     [("Seoul", "KOR", "capital", "dictionary"), ("the North", "PRK", "name", "dictionary")]),
    ("north-sentence-start", "The North fired two missiles, Seoul said.", "",
     [("The North", "PRK", "name", "dictionary"), ("Seoul", "KOR", "capital", "dictionary")]),
    ("north-no-context", "He moved to the North last year.", "", []),
    ("north-no-korean-context", "The North won the game against Japan.", "", [("Japan", "JPN", "name", "dictionary")]),
    ("south-and-north", "The South and the North; North Korean troops", "",
     [("The South", "KOR", "name", "dictionary"), ("the North", "PRK", "name", "dictionary"),
      ("North Korean", "PRK", "demonym", "dictionary")]),
    ("island-no-context", "He lived on the island for years.", "", []),
    ("island-taiwan", "Beijing claims Taiwan, and the island rejects it.", "",
     [("Beijing", "CHN", "capital", "dictionary"), ("Taiwan", "TWN", "name", "dictionary"),
      ("the island", "TWN", "name", "dictionary")]),
    ("assembly-elsewhere", "France's National Assembly voted.", "", []),
    ("assembly-korea", "South Korea's National Assembly voted.", "",
     [("South Korea", "KOR", "name", "dictionary"), ("National Assembly", "KOR", "institution", "dictionary")]),
]


@pytest.mark.parametrize(
    ("text", "date", "expected"), [c[1:] for c in MENTION_CASES], ids=[c[0] for c in MENTION_CASES]
)
def test_mentions(actors: ActorDictionary, text: str, date: str, expected: list[tuple[str, str, str, str]]) -> None:
    got = _mentions(actors, text, date)
    assert [(m.text, m.actor, m.kind, m.via) for m in got] == expected
    for m in got:
        assert text[m.start : m.end] == m.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kim Jong Un arrived. Kim spoke.", [1.0, 0.9]),  # full name, then surname by an earlier mention
        ("Yoon spoke.", [0.85]),  # surname by the "alone" list
        ("Japan's Vice Defense Minister Masami Oka spoke.", [1.0, 0.9]),  # learned people
        ("Seoul said the North fired.", [0.9, 0.8]),  # the dictionary's confidence
    ],
)
def test_mention_confidence(actors: ActorDictionary, text: str, expected: list[float]) -> None:
    assert [m.confidence for m in _mentions(actors, text, "2023-03-01")] == expected


def test_dictionary_method_matches_function(actors: ActorDictionary) -> None:
    text = "Japan's Masami Oka met Seoul's envoy. Oka spoke."
    assert actors.find_mentions(text, "2022-09-11") == _mentions(actors, text, "2022-09-11")


# --------------------------------------------------------------------------- anaphora

ANAPHOR_CASES = [
    # (name, text, anaphor, scope starts at this substring ("" = text start), expected actors, newest first)
    ("both-countries", "Japan and South Korea are working. The move comes as both countries line up.",
     "both countries", "", ["KOR", "JPN"]),
    ("two-sides", "Japanese and Chinese diplomats gathered in Beijing. The two sides held talks.",
     "The two sides", "", ["CHN", "JPN"]),
    ("two-sides-skip-preposition", "Japan's envoy for North Korea met Chinese officials. The two sides agreed.",
     "The two sides", "", ["CHN", "JPN"]),
    ("two-sides-not-enough", "Japanese diplomats gathered in Tokyo. The two sides held talks.",
     "The two sides", "", []),
    ("three", "The US, Japan and South Korea met. The three criticized the plan.", "The three", "",
     ["KOR", "JPN", "USA"]),
    ("it-capital", "Seoul said it would share intelligence.", "it", "", ["KOR"]),
    ("its-capital", "Washington views two of its allies as crucial.", "its", "", ["USA"]),
    ("it-not-a-demonym", "Japanese diplomats flew in. It said nothing.", "It", "", []),
    ("it-latest-thing", "Tokyo spoke to Japanese and Chinese envoys. It said more.", "It", "", ["JPN"]),
    ("he-person", "Kishida met Japanese reporters. He said more.", "He", "", ["JPN"]),
    ("we-person", "Japan's Masami Oka spoke. We agreed, he said.", "We", "", ["JPN"]),
    ("we-no-person", "Seoul and Tokyo spoke. We agreed.", "We", "", ["JPN"]),
    # the scope (a paragraph) bounds the search
    ("out-of-scope", "Japan and South Korea met.\n\nBoth countries agreed.", "Both countries", "Both", []),
    ("in-scope", "Japan and China met.\n\nSouth Korea and Russia spoke. Both countries agreed.",
     "Both countries", "South", ["RUS", "KOR"]),
    ("not-an-anaphor", "Japan and China met. Everyone agreed.", "Everyone", "", []),
]


@pytest.mark.parametrize(
    ("text", "word", "scope", "expected"), [c[1:] for c in ANAPHOR_CASES], ids=[c[0] for c in ANAPHOR_CASES]
)
def test_resolve_anaphor(actors: ActorDictionary, text: str, word: str, scope: str, expected: list[str]) -> None:
    mentions = _mentions(actors, text, "2023-03-01")
    position = text.index(word)
    scope_start = text.index(scope) if scope else 0
    found = resolve_anaphor(word, position, mentions, scope_start, text)
    assert [m.actor for m in found] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The two sides met; both countries and Both Nations agreed.",
         [("The two sides", 2), ("both countries", 2), ("Both Nations", 2)]),
        ("the three leaders and the three", [("the three leaders", 3), ("the three", 3)]),
        ("a two-sided coin; the twosome; the two-thirds", []),
    ],
)
def test_group_anaphors(text: str, expected: list[tuple[str, int]]) -> None:
    assert [(text[a:b], n) for a, b, n in group_anaphors(text)] == expected


# --------------------------------------------------------------------------- names


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Kim Jong Un", {"Kim Jong Un", "Kim Jong-un", "Kim Jong-Un"}),
        ("Sin Beom-cheol", {"Sin Beom-cheol", "Sin Beom Cheol", "Sin Beom-Cheol"}),
        ("Masami Oka", {"Masami Oka"}),
        ("Xi", {"Xi"}),
    ],
)
def test_name_variants(name: str, expected: set[str]) -> None:
    assert name_variants(name) == expected


@pytest.mark.parametrize(
    ("name", "actor", "expected"),
    [
        ("Kim Jong Un", "PRK", "Kim"),
        ("Sin Beom-cheol", "KOR", "Sin"),
        ("Xi Jinping", "CHN", "Xi"),
        ("Lai Ching-te", "TWN", "Lai"),
        ("Masami Oka", "JPN", "Oka"),
        ("Sung Kim", "USA", "Kim"),
        ("Vladimir Putin", "RUS", "Putin"),
        ("Madonna", "USA", "Madonna"),
    ],
)
def test_surname_of(name: str, actor: str, expected: str) -> None:
    family_first = {a.code for a in load_actor_table() if a.family_name_first}
    assert surname_of(name, actor in family_first) == expected


# --------------------------------------------------------------------------- dictionary files


def _write_dictionary(folder: Path, actors: str, aliases: str, people: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "actors.csv").write_text(actors)
    (folder / "aliases.csv").write_text(aliases)
    (folder / "people.csv").write_text(people)
    return folder


GOOD_ACTORS = "code,name\nJPN,Japan\nKOR,South Korea\n"
GOOD_ALIASES = "actor,alias,kind,context,confidence\nJPN,Japan,name,,1.0\nKOR,Seoul,capital,,0.9\n,Sea of Japan,nonactor,,\n"
GOOD_PEOPLE = "actor,name,surname,variants,role,start,end,alone\nJPN,Masami Oka,,,Vice Minister,2021-01-01,,yes\n"


def test_load_small_dictionary(tmp_path: Path) -> None:
    folder = _write_dictionary(tmp_path / "a", GOOD_ACTORS, GOOD_ALIASES, GOOD_PEOPLE)
    d = ActorDictionary.load(folder)
    assert d.codes == {"JPN": "Japan", "KOR": "South Korea"}
    assert [(a.actor, a.alias, a.kind, a.confidence) for a in d.aliases] == [
        ("JPN", "Japan", "name", 1.0), ("KOR", "Seoul", "capital", 0.9), ("", "Sea of Japan", "nonactor", 1.0)
    ]
    assert [(p.name, p.surname, p.alone, str(p.start), p.end) for p in d.people] == [
        ("Masami Oka", "Oka", True, "2021-01-01", None)
    ]
    text = "Oka crossed the Sea of Japan to Seoul."
    assert [(m.text, m.actor, m.via) for m in d.find_mentions(text, "2022-09-11")] == [
        ("Oka", "JPN", "surname"), ("Seoul", "KOR", "dictionary")
    ]


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({"people.csv": None}, "missing data file {folder}/people.csv"),
        ({"actors.csv": "code,label\nJPN,Japan\n"}, "{folder}/actors.csv: missing columns name"),
        ({"aliases.csv": "actor,alias,kind\nXXX,Atlantis,name\n"}, "{folder}/aliases.csv:2: unknown actor 'XXX'"),
        ({"people.csv": "actor,name\nJPN,Masami Oka\nXXX,Nobody Known\n"}, "{folder}/people.csv:3: unknown actor 'XXX'"),
        ({"people.csv": "actor,name,start\nJPN,Masami Oka,2021-13-01\n"},
         "{folder}/people.csv:2: bad date '2021-13-01'"),
        ({"aliases.csv": "actor,alias,kind,context,confidence\nJPN,Japan,name,,high\n"},
         "malformed actor data in {folder}: could not convert string to float: 'high'"),
    ],
    ids=["missing-file", "missing-column", "alias-unknown-actor", "person-unknown-actor", "bad-date", "bad-number"],
)
def test_load_errors(tmp_path: Path, files: dict[str, str | None], message: str) -> None:
    contents = {"actors.csv": GOOD_ACTORS, "aliases.csv": GOOD_ALIASES, "people.csv": GOOD_PEOPLE, **files}
    folder = tmp_path / "bad"
    folder.mkdir()
    for name, content in contents.items():
        if content is not None:
            (folder / name).write_text(content)
    with pytest.raises(DataFileError) as info:
        ActorDictionary.load(folder)
    assert str(info.value) == "[E003] " + message.format(folder=folder)


# --------------------------------------------------------------------------- the seed article


@pytest.fixture(scope="module")
def seed_text() -> str:
    if not SEED.exists():
        pytest.skip(f"seed article not available: {SEED} is absent (the shared folder beside the checkout)")
    (doc,) = read_inputs([SEED])
    return doc.text


def test_seed_people_and_surnames(actors: ActorDictionary, seed_text: str) -> None:
    mentions = _mentions(actors, seed_text, "2022-09-11")
    people = {(m.text, m.actor, m.via) for m in mentions if m.kind == "person"}
    assert {
        ("Masami Oka", "JPN", "learned"),
        ("Sin Beom-cheol", "KOR", "learned"),
        ("Oka", "JPN", "surname"),
        ("Sin", "KOR", "surname"),
    } <= people
    assert {a for t, a, _ in people if t in ("Oka", "Sin")} == {"JPN", "KOR"}
    assert {m.actor for m in mentions if m.text == "Sin"} == {"KOR"}


def test_seed_sea_of_japan_is_not_japan(actors: ActorDictionary, seed_text: str) -> None:
    start = seed_text.index("Sea of Japan")
    mentions = _mentions(actors, seed_text, "2022-09-11")
    assert [m for m in mentions if m.start < start + len("Sea of Japan") and start < m.end] == []


def test_seed_two_sides(actors: ActorDictionary, seed_text: str) -> None:
    mentions = _mentions(actors, seed_text, "2022-09-11")
    position = seed_text.index("the two sides")
    paragraph = next(s for s in split_sentences(seed_text) if s.start <= position < s.end)
    found = resolve_anaphor("the two sides", position, mentions, paragraph.paragraph_start, seed_text)
    assert sorted(m.actor for m in found) == ["JPN", "KOR"]
