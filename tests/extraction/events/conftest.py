"""Parsed sentences for the events-stage unit tables: the model and dictionaries load once."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from extraction.actors import ActorDictionary, find_mentions
from extraction.events import TriggerLexicon, mention_map
from extraction.pipeline import Extractor


class Parsed:
    """One sentence parsed, with its actor mentions mapped onto tokens."""

    def __init__(self, doc, tokmap: dict[int, list], lexicon: TriggerLexicon) -> None:
        self.doc = doc
        self.tokmap = tokmap
        self.lexicon = lexicon

    def mentions_of(self, tok) -> list:
        return self.tokmap.get(tok.i, [])

    def token(self, word: str):
        """The first token whose text is ``word``."""
        return next(t for t in self.doc if t.text == word)

    def row(self, tok):
        """The first lexicon row for the token's lemma and part of speech."""
        pos = "VERB" if tok.pos_ in ("VERB", "AUX") else "NOUN"
        return self.lexicon.index[(tok.lemma_.lower(), pos)][0]


@pytest.fixture(scope="session")
def parse() -> Callable[[str], Parsed]:
    extractor = Extractor()
    actors: ActorDictionary = extractor.actors
    lexicon = extractor.lexicon
    nlp = extractor.nlp

    def _parse(text: str) -> Parsed:
        doc = nlp(text)
        mentions = list(find_mentions(text, actors, doc_date="2023-03-22"))
        return Parsed(doc, mention_map(doc, 0, mentions), lexicon)

    return _parse
