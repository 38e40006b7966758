"""The model's attribute rules, applied by table lookup instead of spaCy's ``Matcher``.

A trained English pipeline ends its tagging with an ``attribute_ruler``: about 180 rules that
map each fine-grained tag (with a few word and dependency exceptions) to a coarse part of
speech, morphology and sometimes a lemma. spaCy runs them through a ``Matcher``, which tries
every rule at every token; on our sentences that was a fifth of the parse time.

:class:`CompiledAttributeRuler` reads the same rules from the model's own ruler and applies
them with identical results: the attributes a one-token rule sets depend only on the token's
tag, lower-case form, text, dependency label and whether it is a space, so they are worked
out once per such combination and cached; rules of any other shape (several tokens, other
attributes, operators) still go through a ``Matcher`` of their own. As in spaCy, where rules
disagree on an attribute the later rule wins. ``tests/extraction/documents/test_attributes.py``
checks the two give the same tokens on the demo corpus.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Token
from spacy.tokens._retokenize import set_token_attrs

#: Name of the spaCy component this module registers (see :func:`compile_attribute_ruler`).
FACTORY = "reldash_compiled_attribute_ruler"
#: Token attributes a one-token rule may test and still be compiled: their place in a token's key,
#: (tag, lower-case form, text, dependency label, is a space); see :func:`_token_key`.
_KEY_POSITIONS: dict[str, int] = {"TAG": 0, "LOWER": 1, "ORTH": 2, "TEXT": 2, "DEP": 3, "IS_SPACE": 4}

Test = Callable[[tuple], bool]


def _value_test(position: int, value) -> Test | None:
    """A test of one attribute of a token key, or None where the value is not a plain one."""
    if isinstance(value, dict):
        if set(value) != {"IN"} or not isinstance(value["IN"], list):
            return None
        allowed = frozenset(value["IN"])
        return lambda key: key[position] in allowed
    if isinstance(value, (str, bool)):
        return lambda key: key[position] == value
    return None


def _token_key(t: Token) -> tuple:
    """What a compiled one-token rule may test of ``t``, in :data:`_KEY_POSITIONS` order."""
    return (t.tag_, t.lower_, t.text, t.dep_, t.is_space)


def _compile(token_pattern: dict) -> list[Test] | None:
    """Tests of a one-token pattern over a token key, or None where it cannot be compiled."""
    tests = []
    for attr, value in token_pattern.items():
        if attr not in _KEY_POSITIONS:
            return None
        test = _value_test(_KEY_POSITIONS[attr], value)
        if test is None:
            return None
        tests.append(test)
    return tests


class CompiledAttributeRuler:
    """Applies an ``AttributeRuler``'s rules to a ``Doc``; same results, table lookups.

    ``ruler`` is the model's ``attribute_ruler`` component. Raises ``ValueError`` where a rule
    sets custom extension attributes (``"_"``), which this class does not handle.
    """

    def __init__(self, ruler) -> None:
        self.vocab = ruler.vocab
        self.attrs: list[dict] = list(ruler.attrs)  # normalised {attribute id: value}, by rule order
        if any("_" in a for a in self.attrs):
            raise ValueError("attribute rules that set extension attributes cannot be compiled")
        self.single: list[tuple[int, list[Test]]] = []  # (rule index, tests) of compiled one-token rules
        self.matcher = Matcher(self.vocab)
        self.indices: list[int] = list(ruler.indices)
        for rule, entry in enumerate(ruler.patterns):
            residual = []
            for pattern in entry["patterns"]:
                tests = _compile(pattern[0]) if len(pattern) == 1 and entry.get("index", 0) in (0, -1) else None
                if tests is None:
                    residual.append(pattern)
                else:
                    self.single.append((rule, tests))
            if residual:
                self.matcher.add(str(rule), residual)
        self._cache: dict[tuple, dict[int, tuple[int, object]]] = {}

    def _rules_for(self, key: tuple) -> dict[int, tuple[int, object]]:
        """{attribute id: (rule index, value)} the one-token rules set on a token of this key."""
        found = self._cache.get(key)
        if found is None:
            found = {}
            for rule, tests in self.single:
                if all(test(key) for test in tests):
                    found.update((attr, (rule, value)) for attr, value in self.attrs[rule].items())
            self._cache[key] = found
        return found

    def __call__(self, doc: Doc) -> Doc:
        settings: list[dict[int, tuple[int, object]]] = [
            self._rules_for(_token_key(t)) for t in doc
        ]
        if len(self.matcher):
            matches = sorted((int(self.vocab.strings[m]), s, e) for m, s, e in self.matcher(doc, allow_missing=True))
            for rule, start, end in matches:
                i = doc[start:end][self.indices[rule]].i
                merged = dict(settings[i])
                for attr, value in self.attrs[rule].items():
                    if merged.get(attr, (-1, None))[0] <= rule:
                        merged[attr] = (rule, value)
                settings[i] = merged
        for token, found in zip(doc, settings, strict=True):
            if found:
                set_token_attrs(token, {attr: value for attr, (_, value) in found.items()})
        return doc


@Language.factory(FACTORY, default_config={"source": "attribute_ruler"})
def _make_compiled_ruler(nlp: Language, name: str, source: str) -> CompiledAttributeRuler:
    return CompiledAttributeRuler(nlp.get_pipe(source))


def compile_attribute_ruler(nlp: Language, names: Iterable[str] = ("attribute_ruler",)) -> bool:
    """Replace the pipeline's attribute ruler by a :class:`CompiledAttributeRuler` in place.

    Returns False (the pipeline unchanged) where there is no such component or its rules
    cannot be compiled.
    """
    name = next((n for n in names if n in nlp.pipe_names), None)
    if name is None:
        return False
    try:
        nlp.add_pipe(FACTORY, name=f"{name}_compiled", before=name, config={"source": name})
    except ValueError:
        return False
    nlp.remove_pipe(name)
    return True
