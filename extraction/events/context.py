"""What an article has established so far: its latest events and the dyads it is about.

News assumes its reader remembers. "Taipei condemned the drills" needs the drills from an
earlier sentence (event memory, :mod:`.nouns`); "Seoul has complained of unfair treatment of
its companies", in an article about China and South Korea, names only one side: the other is
the article's established counterpart of Seoul. :class:`ArticleContext` keeps both, sentence by
sentence, and offers an *implied* counterpart at lower confidence
(:data:`~extraction.weights.IMPLIED_COUNTERPART`).

An implied counterpart exists only for the two actors of the article's main dyad: the two it
names most (title included), each at least :data:`MIN_MENTIONS` times and both more often than
any third actor. Each is then the other's counterpart.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..actors import Mention
from .nouns import EventRef
from .records import CodedEvent

#: Mentions an actor needs in the article to be taken as a counterpart by frequency alone.
MIN_MENTIONS = 3


@dataclass
class ArticleContext:
    """Event memory and dyad memory of one article, updated in sentence order."""

    mention_counts: Counter[str] = field(default_factory=Counter)  # actor -> mentions in the article
    events: dict[str, EventRef] = field(default_factory=dict)  # event-noun group -> latest event
    partners: dict[str, Mention] = field(default_factory=dict)  # actor -> the other side of its latest event
    visits: set[tuple[str, str]] = field(default_factory=set)  # (visitor, host) of visits the article reported

    @classmethod
    def of(cls, mentions: Iterable[Mention]) -> ArticleContext:
        return cls(Counter(m.actor for m in mentions))

    # ------------------------------------------------------------------ event memory
    def recall(self, group: str) -> EventRef | None:
        return self.events.get(group)

    def remember(self, group: str, ref: EventRef) -> None:
        if ref.source.kind != "event":
            self.events[group] = ref
            self.events["any"] = ref

    # ------------------------------------------------------------------ dyads
    def observe(self, source: Mention, target: Mention) -> None:
        """An event the text stated with both sides: each is now the other's latest partner."""
        if "implied" in (source.kind, target.kind) or source.actor == target.actor:
            return
        self.partners[source.actor] = target
        self.partners[target.actor] = source

    def main_dyad(self) -> tuple[str, str] | None:
        """The two actors the article names most, when they stand clearly above the rest."""
        ranked = self.mention_counts.most_common(3)
        if len(ranked) < 2 or ranked[1][1] < MIN_MENTIONS or (len(ranked) == 3 and ranked[2][1] >= ranked[1][1]):
            return None
        return ranked[0][0], ranked[1][0]

    # ------------------------------------------------------------------ visits
    def orient_meetings(self, events: list[CodedEvent], hosts: set[str]) -> list[CodedEvent]:
        """Meetings during a visit go one way, visitor -> host, as PLOVER codes a visit.

        ``events`` are one sentence's events; ``hosts`` the actors whose territory the sentence
        places the meeting in ("met in Tokyo"). A CONSULT pair stated both ways is kept in the
        direction of a visit the article reported ("Hayashi arrived in Beijing ... Hayashi met
        Qin"), else towards the actor of the meeting place; visits stated one way are remembered.
        """
        consult = {(e.source.actor, e.target.actor) for e in events if e.event_type == "CONSULT" and not e.negated}
        for a, b in consult:
            if (b, a) not in consult:
                self.visits.add((a, b))
        drop: set[tuple[str, str]] = set()
        for a, b in consult:
            if (b, a) not in consult or (a, b) in drop or (b, a) in drop:
                continue
            if (a, b) in self.visits and (b, a) not in self.visits:
                drop.add((b, a))
            elif (b, a) in self.visits and (a, b) not in self.visits:
                drop.add((a, b))
            elif hosts & {a, b} and len(hosts & {a, b}) == 1:
                host = (hosts & {a, b}).pop()
                drop.add((host, b if host == a else a))
        return [e for e in events if not (e.event_type == "CONSULT" and (e.source.actor, e.target.actor) in drop)]

    def counterpart(self, mention: Mention) -> Mention | None:
        """The implied other side of an event whose only named side is ``mention``, or None.

        Only for an actor of the article's main dyad: the other actor of that dyad.
        """
        dyad = self.main_dyad()
        if dyad is None or mention.actor not in dyad:
            return None
        other = dyad[1] if mention.actor == dyad[0] else dyad[0]
        return Mention(mention.start, mention.start, "", other, "implied", 1.0, "dyad")
