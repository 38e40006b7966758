"""The actor dictionary: name variants, surnames by name order, loading and its errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from extraction.actor_table import load_actor_table
from extraction.actors import (
    ActorDictionary,
    find_mentions,
    name_variants,
    surname_of,
)
from extraction.errors import DataFileError

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
    assert [(m.text, m.actor, m.via) for m in find_mentions(text, d, doc_date="2022-09-11")] == [
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


@pytest.mark.parametrize(
    ("text", "actor", "kind", "role"),
    [
        ("Donald Trump", "USA", "person", "President"),
        ("Trump", "USA", "person", "President"),  # a surname alone, by its actor
        ("Xi Jinping", "CHN", "person", "President"),
        ("Kim Jong Un", "PRK", "person", "Supreme Leader"),
        ("Japan", "JPN", "name", ""),  # not a person
        ("Nobody Known", "JPN", "person", ""),  # a person the dictionary does not know
    ],
)
def test_role_of_person_mentions(text: str, actor: str, kind: str, role: str) -> None:
    from extraction.actors import ActorDictionary, Mention

    actors = ActorDictionary.load()
    assert actors.role_of(Mention(0, len(text), text, actor, kind, 1.0, "dictionary")) == role
