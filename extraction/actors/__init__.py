"""Stage 2: actor mentions.

* :mod:`.dictionary`: the actor dictionary (``data/actors/*.csv``) and the :class:`Mention` record;
* :mod:`.matching`: dictionary names, context names, institutions (entry point :func:`find_mentions`);
* :mod:`.people`: people learned from titles and appositives, surnames used alone;
* :mod:`.anaphora`: "the two sides", "it", "they", "we" resolved to actors.

Matching is a plain regular-expression pass over the text, cheap enough to run on every
sentence before any parsing.
"""

from __future__ import annotations

from .anaphora import GROUP_ANAPHORS, group_anaphors, paragraph_speakers, resolve_anaphor, sentence_anaphora
from .dictionary import ActorDictionary, Alias, Mention, Person, name_variants, surname_of
from .matching import find_mentions, home_actor, truecase

__all__ = [
    "GROUP_ANAPHORS",
    "ActorDictionary",
    "Alias",
    "Mention",
    "Person",
    "find_mentions",
    "group_anaphors",
    "home_actor",
    "name_variants",
    "paragraph_speakers",
    "resolve_anaphor",
    "sentence_anaphora",
    "surname_of",
    "truecase",
]
