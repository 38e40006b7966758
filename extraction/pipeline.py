"""The whole extraction: documents -> relation records.

Only sentences that can carry a relation are parsed: a sentence goes to spaCy
when it holds a word form of some trigger and references to at least two
different actors (names, surnames, or anaphora such as "the two sides" whose
antecedents are found in the text). Everything else is done with regular
expressions, which is what makes extraction faster than running the parser
over the whole text.

Entry point: :meth:`Extractor.extract` yields :class:`~extraction.schema.EventMention`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property

from . import config
from .actors import ActorDictionary, Mention, find_mentions, paragraph_speakers, sentence_anaphora, truecase
from .constants import OBLIGATION_AUX
from .dates import TimeExpression, carry_dates, event_date, find_dates
from .documents import Document, Sentence, split_sentences
from .documents.normalise import plain_spaces
from .errors import ModelNotFound
from .events import (
    EVENT_NOUN_GROUPS,
    EventRef,
    TriggerLexicon,
    event_group,
    find_events,
    mention_map,
    sentence_has_trigger,
)
from .events.claims import NEGATIVE_ADJECTIVES, NEGATIVE_NOUNS, NEGATIVE_PREDICATES
from .events.context import ArticleContext
from .events.find import IMPLIED_TYPES
from .events.idioms import keywords as idiom_keywords
from .events.joint import JOINT_ADVERBS
from .events.learned import PairModel
from .events.modality import SPEECH_VERBS
from .events.triggers import inflections
from .schema import EVENT_TYPES, EventMention

#: Types reported even when hypothetical: "would respond harshly if Seoul sent arms" is a threat made now.
#: Other hypothetical events ("urged Moscow to withdraw", "Washington should talk to Moscow", "China could
#: invade") are the content of a request, a suggestion or a possibility, not events; the request is coded.
HYPOTHETICAL_EVENT_TYPES = frozenset({"THREATEN"})
#: Bump when a change to code or data changes the extractor's output.
EXTRACTOR_VERSION = "0.3.0"

_EVENT_NOUN_REF = re.compile(
    r"\b(?:the|this|that|these|those|its|their|last week's|the latest|such|a|an)\s+(?:[a-z-]+\s+)?(?:"
    + "|".join(sorted(EVENT_NOUN_GROUPS, key=len, reverse=True))
    + r")s?\b"
)
_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)?")


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)}




_IN_BEFORE = re.compile(r"\b(?:in|at|to)\s+(?:the\s+)?$", re.I)


def _meeting_places(text: str, mentions: list[Mention]) -> set[str]:
    """Actors whose capital or territory a sentence names as a place ("in Tokyo", "at Panmunjom")."""
    return {
        m.actor
        for m in mentions
        if m.kind in ("capital", "place", "name") and _IN_BEFORE.search(text[max(0, m.start - 12) : m.start])
    }


@dataclass
class PreparedDoc:
    """A document after the cheap stages: sentences, mentions, dates, candidates."""

    doc: Document
    sentences: list[Sentence]
    mentions: dict[int, list[Mention]]  # sentence index -> mentions (incl. resolved anaphora)
    dates: list[TimeExpression]
    candidates: list[int] = field(default_factory=list)
    context: ArticleContext = field(default_factory=ArticleContext)  # event and dyad memory, sentence by sentence
    text: str = ""  # the text as matched and parsed: doc.text with odd spaces and capitals normalised, same length
    speakers: dict[int, Mention] = field(default_factory=dict)  # paragraph -> who speaks it ("Mao Ning: ...")


class Extractor:
    """Relation extractor. Load once, call :meth:`extract` many times."""

    def __init__(
        self,
        model: str | None = None,
        *,
        actors: ActorDictionary | None = None,
        lexicon: TriggerLexicon | None = None,
        n_process: int | None = None,
        batch_size: int | None = None,
        nlp=None,
        use_pair_model: bool = True,
    ) -> None:
        self.model = model
        self.actors = actors or ActorDictionary.load()
        self.lexicon = lexicon or TriggerLexicon.load()
        self.n_process = n_process
        self.batch_size = batch_size or config.batch_size()
        self.use_pair_model = use_pair_model  # False: rules only (training the scorer, comparing)
        if nlp is not None:
            self.__dict__["nlp"] = nlp

    @cached_property
    def _claim_forms(self) -> tuple[frozenset[str], frozenset[str]]:
        """Word forms of verbs of saying, and of the words that make a reported claim an accusation or a demand."""
        say = frozenset(f for v in SPEECH_VERBS for f in inflections(v, "VERB"))
        content = frozenset(
            {f for v in NEGATIVE_PREDICATES for f in inflections(v, "VERB")}
            | {f for n in NEGATIVE_NOUNS for f in inflections(n, "NOUN")}
            | NEGATIVE_ADJECTIVES
            | OBLIGATION_AUX | {"need", "needs"}
        )
        return say, content

    def _may_hold_event(self, text: str) -> bool:
        """The cheap prefilter: a trigger word (with its cue where it needs one), a word that makes a
        reported claim an accusation or a demand ("said Japan had *distorted* history", "must"), a
        word of an idiom ("all *options* are on the table") or a joint adverb ("sailed *together*")."""
        if sentence_has_trigger(text, self.lexicon):
            return True
        words = _words(text)
        _say, content = self._claim_forms
        return bool(words & content) or bool(words & self._idiom_forms) or bool(words & JOINT_ADVERBS)

    @cached_property
    def _idiom_forms(self) -> frozenset[str]:
        return frozenset(f for word in idiom_keywords() for f in inflections(word, "NOUN"))

    @cached_property
    def _implied_forms(self) -> frozenset[str]:
        return self.lexicon.forms_of_types(IMPLIED_TYPES)

    @cached_property
    def pair_model(self) -> PairModel | None:
        """The learned pair scorer (``<data dir>/models/pair_model.json``), or None without one or when disabled."""
        return PairModel.load() if self.use_pair_model else None

    @cached_property
    def model_name(self) -> str:
        return config.model_name(self.model)

    @cached_property
    def nlp(self):
        import spacy

        from .documents.attributes import compile_attribute_ruler

        try:
            nlp = spacy.load(self.model_name, exclude=list(config.DISABLED_COMPONENTS))
        except Exception as exc:  # not installed (OSError), or installed but broken/incompatible
            raise ModelNotFound(f"cannot load spaCy model {self.model_name!r}: {exc}") from exc
        missing = [p for p in ("parser", "lemmatizer") if p not in nlp.pipe_names]
        if missing:
            raise ModelNotFound(f"spaCy model {self.model_name!r} lacks {', '.join(missing)}; the extractor needs both")
        compile_attribute_ruler(nlp)  # same tags, lemmas and morphology; a fifth less parse time
        return nlp

    # ------------------------------------------------------------------ stages
    def prepare(self, doc: Document) -> PreparedDoc:
        """Sentences, actor mentions, anaphora and dates of one document; picks candidate sentences."""
        text = truecase(plain_spaces(doc.text), self.actors)  # same length: offsets hold in doc.text
        sentences = split_sentences(text)
        static = list(find_mentions(text, self.actors, doc_date=doc.date))
        per_sentence: dict[int, list[Mention]] = {}
        j = 0
        for s in sentences:
            while j < len(static) and static[j].start < s.start:
                j += 1
            k = j
            inside = []
            while k < len(static) and static[k].start < s.end:
                inside.append(static[k])
                k += 1
            per_sentence[s.index] = inside
        title_mentions = list(find_mentions(doc.title, self.actors, doc_date=doc.date)) if doc.title else []
        prepared = PreparedDoc(
            doc, sentences, {}, list(find_dates(text, doc.date)), text=text,
            context=ArticleContext.of([*title_mentions, *static]), speakers=paragraph_speakers(text, sentences, static),
        )  # fmt: skip
        para_start = {s.paragraph: s.paragraph_start for s in sentences}
        dyad = prepared.context.main_dyad()
        for s in sentences:
            sent_text = text[s.start : s.end]
            if not self._may_hold_event(sent_text):
                prepared.mentions[s.index] = per_sentence[s.index]
                continue
            wide_scope = para_start.get(s.paragraph - 1, s.paragraph_start)
            previous_start = sentences[s.index - 1].start if s.index > 0 else s.start
            found = per_sentence[s.index] + sentence_anaphora(
                text, s, static, wide_scope, previous_start, prepared.speakers.get(s.paragraph),
                prepared.context.main_dyad(), self.actors.role_of,
            )
            prepared.mentions[s.index] = found
            actors_here = {m.actor for m in found}
            if len(actors_here) >= 2 or (
                actors_here
                and (
                    (actors_here & set(dyad or ()) and self._implied_forms & _words(sent_text))
                    # the other side may be implied by the article, for a verb of an implied type
                    or _EVENT_NOUN_REF.search(sent_text)  # or be an earlier event's ("condemned the drills")
                    or s.paragraph in prepared.speakers  # or be a transcript's speaker ("Mao Ning: The US must")
                )
            ):
                prepared.candidates.append(s.index)
        return prepared

    def relations_from(self, prepared: PreparedDoc, index: int, parsed) -> Iterator[EventMention]:
        """Relations of one parsed candidate sentence."""
        doc = prepared.doc
        s = prepared.sentences[index]
        tokmap = mention_map(parsed, s.start, prepared.mentions[index])
        sentence = doc.text[s.start : s.end]
        context = prepared.context
        events = list(
            find_events(
                parsed, lambda tok: tokmap.get(tok.i, []), self.lexicon, context.recall, context.remember,
                context.counterpart, prepared.speakers.get(s.paragraph), self.pair_model,
            )
        )  # fmt: skip
        events = context.orient_meetings(events, _meeting_places(prepared.text, prepared.mentions[index]))
        # a suggestion, a request's content or a mere possibility is not an event; a conditional threat is
        events = [e for e in events if e.modality != "hypothetical" or e.event_type in HYPOTHETICAL_EVENT_TYPES]
        for ev in events:
            group = event_group(ev.lemma)
            if group and not ev.negated:
                context.remember(group, EventRef(ev.source, ev.target))
            context.observe(ev.source, ev.target)
        for ev in events:
            when = event_date(
                prepared.dates, s.start, s.end, s.start + ev.trigger_start, doc.date, s.paragraph_start,
                modality=ev.modality, parsed=parsed,
            )  # fmt: skip
            yield EventMention(
                doc_id=doc.doc_id,
                doc_title=doc.title,
                doc_date=doc.date,
                doc_url=doc.url,
                sentence_id=s.index,
                sentence=sentence,
                sentence_start=s.start,
                sentence_end=s.end,
                source=ev.source.actor,
                source_text=ev.source.text,
                target=ev.target.actor,
                target_text=ev.target.text,
                event_type=ev.event_type,
                quad_class=EVENT_TYPES[ev.event_type][0],
                intensity=ev.intensity,
                trigger=ev.trigger,
                event_date=when.date,
                date_precision=when.precision,
                negated=ev.negated,
                modality=ev.modality,
                confidence=ev.confidence,
            )

    # ------------------------------------------------------------------ driver
    def extract(
        self,
        docs: Iterable[Document],
        *,
        on_document: Callable[[PreparedDoc], None] | None = None,
        chunk_docs: int = 200,
    ) -> Iterator[EventMention]:
        """Stage entry point: relation records for ``docs``, in document and sentence order.

        ``on_document`` is called once per document after it is done (progress bars).
        """
        chunk: list[PreparedDoc] = []
        for doc in docs:
            chunk.append(self.prepare(doc))
            if len(chunk) >= chunk_docs:
                yield from self._run_chunk(chunk, on_document)
                chunk = []
        if chunk:
            yield from self._run_chunk(chunk, on_document)

    def _run_chunk(
        self, chunk: list[PreparedDoc], on_document: Callable[[PreparedDoc], None] | None
    ) -> Iterator[EventMention]:
        items = [
            (p.text[p.sentences[i].start : p.sentences[i].end], (d, i))
            for d, p in enumerate(chunk)
            for i in p.candidates
        ]
        n_process = self.n_process or (
            2 if len(items) >= config.MULTIPROCESS_MIN_SENTENCES else config.n_process(1)
        )
        parsed = self.nlp.pipe(items, as_tuples=True, batch_size=self.batch_size, n_process=n_process)
        done = 0
        rows: list[EventMention] = []  # the current document's, dated together at its end
        for sent_doc, (d, i) in parsed:
            while done < d:
                yield from carry_dates(rows)
                rows = []
                if on_document:
                    on_document(chunk[done])
                done += 1
            rows.extend(self.relations_from(chunk[d], i, sent_doc))
        yield from carry_dates(rows)
        while done < len(chunk):
            if on_document:
                on_document(chunk[done])
            done += 1


def extract_relations(docs: Iterable[Document], extractor: Extractor | None = None) -> Iterator[EventMention]:
    """Convenience wrapper: relations of ``docs`` with a default :class:`Extractor`."""
    yield from (extractor or Extractor()).extract(docs)
