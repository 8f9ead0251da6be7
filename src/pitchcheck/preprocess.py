"""The spaCy pipeline: a blank English pipeline with pitchcheck's rule-based components.

Nothing is downloaded: the pipeline is ``spacy.blank("en")`` with the lookup lemmatizer
(tables from ``spacy-lookups-data``), a sentencizer and these components, registered
with ``@Language.factory``:

``pitchcheck_casefold``
    Lower-cases lemmas and looks capitalised words up in the lemma table under their
    lower-case form ("Booking" -> "book"), so rules match at the start of sentences.
``pitchcheck_lines``
    Starts a new sentence at every line break (bullets, turns, signatures).
``pitchcheck_turns``
    Reads the text as a conversation or a message (``doc._.pitchcheck_kind``; a value
    set before the pipeline runs is respected) and stores each turn's text as a span in
    ``doc.spans["pitchcheck_turns"]`` labelled with the speaker's name.
``pitchcheck_signals``
    Matches the rules of :mod:`pitchcheck.signals` and stores the evidence in
    ``doc.spans["pitchcheck"]``, each span labelled with its :class:`SignalKind`. A
    question sentence addressed to "you" with no selling signal in it is also a
    ``question_about_them``.
``pitchcheck_focus``
    Marks I/me/my/we/our (``sender_focus``) and you/your (``recipient_focus``) in
    ``doc.spans["pitchcheck_focus"]``.

Use :func:`get_nlp` to get the pipeline; it is built once per process.
"""

from __future__ import annotations

import itertools
import re
import threading
from typing import Any, Callable, Iterable

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .conversation import split_turns
from .signals import KINDS, RULES, Family, SignalKind

__all__ = ["get_nlp", "SIGNALS_KEY", "TURNS_KEY", "FOCUS_KEY", "compile_rule"]

SIGNALS_KEY = "pitchcheck"
TURNS_KEY = "pitchcheck_turns"
FOCUS_KEY = "pitchcheck_focus"

if not Doc.has_extension("pitchcheck_kind"):
    Doc.set_extension("pitchcheck_kind", default=None)

_SENDER = {"i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves", "i'm", "i've", "i'd", "i'll", "im"}
_RECIPIENT = {"you", "your", "yours", "yourself", "yourselves", "u", "ur", "ya", "y'all"}
_SELLING_KINDS = {k.value for k, info in KINDS.items() if info.family is Family.SELLING}


def _lemma_table(nlp: Language) -> Callable[[str], str]:
    table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_lookup")

    def lemma(word: str) -> str:
        low = word.lower()
        return str(table.get(low, low)).lower()

    return lemma


@Language.factory("pitchcheck_casefold")
def make_casefold(nlp: Language, name: str) -> "CaseFold":
    return CaseFold(nlp)


class CaseFold:
    """Lower-cased lemmas, looked up by lower-case form when the text is capitalised."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self._lemma: Callable[[str], str] | None = None

    def initialize(self, get_examples: Any = None, *, nlp: Language | None = None) -> None:
        self._lemma = _lemma_table(nlp or self.nlp)

    def __call__(self, doc: Doc) -> Doc:
        if self._lemma is None:
            self.initialize()
        lemma = self._lemma
        assert lemma is not None
        for token in doc:
            token.lemma_ = lemma(token.text)
        return doc


@Language.factory("pitchcheck_lines")
def make_lines(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    def lines(doc: Doc) -> Doc:
        after_break = False
        for token in doc:
            if after_break and not token.is_space:
                token.is_sent_start = True
                after_break = False
            if "\n" in token.text or "\n" in token.whitespace_:
                after_break = True
        return doc

    return lines


@Language.factory("pitchcheck_turns")
def make_turns(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    def turns(doc: Doc) -> Doc:
        kind = doc._.pitchcheck_kind
        found = split_turns(doc.text) if kind in (None, "conversation") else None
        if kind is None:
            kind = "conversation" if found else "message"
        doc._.pitchcheck_kind = kind
        spans = []
        if kind == "conversation":
            for turn in found or []:
                span = doc.char_span(turn.start, turn.end, label=turn.speaker, alignment_mode="expand")
                if span is not None and len(span):
                    spans.append(span)
        doc.spans[TURNS_KEY] = spans
        return doc

    return turns


def _tokens(nlp: Language, text: str) -> list[str]:
    return [t.text for t in nlp.tokenizer(text)]


# A compiled rule is a tuple of slots; a slot is (test, optional) where test is one of
# ("lemma", frozenset), ("any", None), ("gap", None), ("num", None), ("cur", None),
# ("regex", compiled pattern).
Slot = tuple[tuple[str, Any], bool]


def compile_rule(rule: str, nlp: Language, lemma: Callable[[str], str]) -> list[tuple[Slot, ...]]:
    """Compile one rule of the notation in :mod:`pitchcheck.signals` to token patterns.

    An alternative that the tokenizer splits (``we've``, ``decision-maker``) becomes its
    own token sequence, so a rule may compile to several patterns.
    """
    slots: list[list[tuple[Slot, ...]]] = []
    for word in rule.split():
        optional = len(word) > 1 and word.endswith("?") and not word.startswith("/")
        if optional:
            word = word[:-1]
        options: list[tuple[Slot, ...]]
        if word == "_":
            options = [((("any", None), optional),)]
        elif word == "_~":
            options = [((("gap", None), False),)]
        elif word == "#num":
            options = [((("num", None), optional),)]
        elif word == "$":
            options = [((("cur", None), optional),)]
        elif word.startswith("/") and word.endswith("/") and len(word) > 2:
            options = [((("regex", re.compile(word[1:-1])), optional),)]
        else:
            single: set[str] = set()
            options = []
            for alt in word.split("|"):
                toks = _tokens(nlp, alt)
                if len(toks) == 1:
                    single.add(lemma(toks[0]))
                else:
                    options.append(tuple((("lemma", frozenset({lemma(t)})), False) for t in toks))
            if single:
                options.insert(0, ((("lemma", frozenset(single)), optional and not options),))
            if optional and len(options) > 1:
                options.append(())
        slots.append(options)
    patterns = []
    for combo in itertools.product(*slots):
        pattern = tuple(slot for option in combo for slot in option)
        while pattern and (pattern[0][0][0] == "gap" or pattern[0][1]):
            if pattern[0][1]:  # a leading optional slot: the rule also starts without it
                patterns.append(tuple((test, False) if i == 0 else (test, opt) for i, (test, opt) in enumerate(pattern)))
            pattern = pattern[1:]
        while pattern and pattern[-1][0][0] == "gap":
            pattern = pattern[:-1]
        if pattern:
            patterns.append(pattern)
    return patterns


class RuleIndex:
    """Token patterns indexed by their first lemma, matched over lemma sequences.

    spaCy's ``Matcher`` evaluates set predicates (``{"LEMMA": {"IN": [...]}}``) in Python
    for every pattern at every token; with pitchcheck's ~450 patterns that cost about
    6 ms a message. Indexing patterns by the lemmas their first token can have keeps
    the work per token to one dictionary look-up and the few patterns that can start
    there (about 0.3 ms a message).
    """

    def __init__(self) -> None:
        self.by_lemma: dict[str, list[tuple[str, tuple[Slot, ...]]]] = {}
        self.other_first: list[tuple[str, tuple[Slot, ...]]] = []
        self.size = 0

    def add(self, label: str, pattern: tuple[Slot, ...]) -> None:
        self.size += 1
        (kind, arg), _ = pattern[0]
        if kind == "lemma":
            for lem in arg:
                self.by_lemma.setdefault(lem, []).append((label, pattern))
        else:
            self.other_first.append((label, pattern))

    @staticmethod
    def _test(test: tuple[str, Any], i: int, lemmas: list[str], lowers: list[str], nums: list[bool], curs: list[bool]) -> bool:
        kind, arg = test
        if kind == "lemma":
            return lemmas[i] in arg
        if kind == "any":
            return True
        if kind == "num":
            return nums[i]
        if kind == "cur":
            return curs[i]
        return arg.search(lowers[i]) is not None

    def _ends(self, pattern: tuple[Slot, ...], k: int, i: int, ctx: tuple[list[str], list[str], list[bool], list[bool]]) -> int:
        """The furthest end of a match of ``pattern[k:]`` starting at token ``i`` (-1: none)."""
        if k == len(pattern):
            return i
        n = len(ctx[0])
        (test, optional) = pattern[k]
        best = -1
        if test[0] == "gap":
            for skip in range(0, 4):
                if i + skip > n:
                    break
                best = max(best, self._ends(pattern, k + 1, i + skip, ctx))
            return best
        if i < n and self._test(test, i, *ctx):
            best = self._ends(pattern, k + 1, i + 1, ctx)
        if optional:
            best = max(best, self._ends(pattern, k + 1, i, ctx))
        return best

    def __call__(self, doc: Doc) -> list[tuple[str, int, int]]:
        lemmas = [t.lemma_ for t in doc]
        ctx = (lemmas, [t.lower_ for t in doc], [t.like_num for t in doc], [t.is_currency for t in doc])
        found = []
        for i, lem in enumerate(lemmas):
            candidates = self.by_lemma.get(lem, [])
            for label, pattern in itertools.chain(candidates, self.other_first):
                end = self._ends(pattern, 0, i, ctx)
                if end > i:
                    found.append((label, i, end))
        return found


@Language.factory("pitchcheck_signals")
def make_signals(nlp: Language, name: str) -> "SignalMatcher":
    return SignalMatcher(nlp)


class SignalMatcher:
    """Matches the rules of every signal kind and stores spans in ``doc.spans``."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self.rules: RuleIndex | None = None

    def initialize(self, get_examples: Any = None, *, nlp: Language | None = None) -> None:
        nlp = nlp or self.nlp
        lemma = _lemma_table(nlp)
        index = RuleIndex()
        for kind, rules in RULES.items():
            for rule in rules:
                for pattern in compile_rule(rule, nlp, lemma):
                    index.add(kind.value, pattern)
        self.rules = index

    def __call__(self, doc: Doc) -> Doc:
        if self.rules is None:
            self.initialize()
        assert self.rules is not None
        turns = list(doc.spans[TURNS_KEY]) if TURNS_KEY in doc.spans else []
        inside = None
        if turns:
            inside = [False] * len(doc)
            for turn in turns:
                for i in range(turn.start, turn.end):
                    inside[i] = True
        by_kind: dict[str, list[Span]] = {}
        for label, start, end in self.rules(doc):
            if inside is not None and not all(inside[start:end]):
                continue
            by_kind.setdefault(label, []).append(Span(doc, start, end, label=label))
        question = SignalKind.QUESTION_ABOUT_THEM.value
        selling_tokens = {i for label, spans in by_kind.items() if label in _SELLING_KINDS for s in spans for i in range(s.start, s.end)}
        for sent in doc.sents:
            if not any(t.text == "?" for t in sent[-3:]):
                continue
            if not any(t.lower_ in _RECIPIENT for t in sent):
                continue
            if any(i in selling_tokens for i in range(sent.start, sent.end)):
                continue
            if inside is not None and not all(inside[sent.start : sent.end]):
                continue
            start = sent.start
            while start < sent.end and doc[start].is_space:
                start += 1
            by_kind.setdefault(question, []).append(Span(doc, start, sent.end, label=question))
        spans: list[Span] = []
        for label in sorted(by_kind):
            spans.extend(filter_spans(by_kind[label]))
        spans.sort(key=lambda s: (s.start, s.end, s.label_))
        doc.spans[SIGNALS_KEY] = spans
        return doc


@Language.factory("pitchcheck_focus")
def make_focus(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    sender = SignalKind.SENDER_FOCUS.value
    recipient = SignalKind.RECIPIENT_FOCUS.value

    def focus(doc: Doc) -> Doc:
        turns = list(doc.spans[TURNS_KEY]) if TURNS_KEY in doc.spans else []
        allowed = None
        if turns:
            allowed = {i for t in turns for i in range(t.start, t.end)}
        spans = []
        for token in doc:
            if allowed is not None and token.i not in allowed:
                continue
            low = token.lower_
            if low in _SENDER:
                spans.append(Span(doc, token.i, token.i + 1, label=sender))
            elif low in _RECIPIENT:
                spans.append(Span(doc, token.i, token.i + 1, label=recipient))
        doc.spans[FOCUS_KEY] = spans
        return doc

    return focus


def build_nlp() -> Language:
    """Build a new pitchcheck pipeline (prefer :func:`get_nlp`, which caches it)."""
    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.add_pipe("pitchcheck_casefold")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("pitchcheck_lines")
    nlp.add_pipe("pitchcheck_turns")
    nlp.add_pipe("pitchcheck_signals")
    nlp.add_pipe("pitchcheck_focus")
    nlp.initialize()
    return nlp


_NLP: Language | None = None
_NLP_LOCK = threading.Lock()


def get_nlp() -> Language:
    """Return pitchcheck's spaCy pipeline, built once per process (thread-safe).

    Returns
    -------
    spacy.language.Language
        ``spacy.blank("en")`` with the lookup lemmatizer, a sentencizer and the
        ``pitchcheck_*`` components. Evidence is in ``doc.spans["pitchcheck"]``.

    Examples
    --------
    >>> nlp = get_nlp()
    >>> doc = nlp("Loved your talk! Open to a quick call this week?")
    >>> sorted({span.label_ for span in doc.spans["pitchcheck"]})
    ['call_to_action', 'shared_experience', ...]
    """
    global _NLP
    if _NLP is None:
        with _NLP_LOCK:
            if _NLP is None:
                _NLP = build_nlp()
    return _NLP


def make_docs(texts: Iterable[str], kinds: Iterable[str | None] | None = None, batch_size: int = 64) -> Iterable[Doc]:
    """Run the pipeline over already-normalised texts, optionally forcing each kind."""
    nlp = get_nlp()
    if kinds is None:
        return nlp.pipe(texts, batch_size=batch_size)

    def prepared() -> Iterable[Doc]:
        for text, kind in zip(texts, kinds):
            doc = nlp.make_doc(text)
            doc._.pitchcheck_kind = kind
            yield doc

    return nlp.pipe(prepared(), batch_size=batch_size)

