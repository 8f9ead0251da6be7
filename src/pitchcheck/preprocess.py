"""The spaCy pipeline: a blank English pipeline with pitchcheck's rule-based components.

Nothing is downloaded: the pipeline is ``spacy.blank("en")``, its tokenizer built by
:mod:`pitchcheck._tokenizer` (spaCy's English tokenizer, same tokens, with a cache that
keeps working after "I'm"), and these components, registered with ``@Language.factory``:

``pitchcheck_lemmatizer``
    spaCy's lookup lemmatizer (its table comes from ``spacy-lookups-data``), lower-cased:
    capitalised words are looked up under their lower-case form ("Booking" -> "book"),
    so rules match at the start of sentences.
``pitchcheck_sentencizer``
    spaCy's rule-based ``Sentencizer`` (a subclass, same sentence starts) that reads
    token hashes instead of making a ``Token`` object per token.
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

import bisect
import itertools
import re
import threading
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence

import numpy as np
import spacy
from spacy.attrs import IDX, IS_CURRENCY, IS_SPACE, LEMMA, LIKE_NUM, LOWER, ORTH, SENT_START
from spacy.language import Language
from spacy.lookups import Lookups
from spacy.pipeline import Lemmatizer, Sentencizer
from spacy.tokens import Doc, Span
from spacy.util import load_language_data, registry

from .conversation import split_turns
from ._gc import paused_gc
from ._tokenizer import TOKENIZER_NAME
from .signals import ADVICE_ASKS, BUYER_VIEWS, KINDS, PRICE_RANGES, RULES, Family, SignalKind

__all__ = ["get_nlp", "SIGNALS_KEY", "TURNS_KEY", "FOCUS_KEY", "compile_rule"]

SIGNALS_KEY = "pitchcheck"
TURNS_KEY = "pitchcheck_turns"
FOCUS_KEY = "pitchcheck_focus"

if not Doc.has_extension("pitchcheck_kind"):
    Doc.set_extension("pitchcheck_kind", default=None)

_SENDER = {"i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves", "i'm", "i've", "i'd", "i'll", "im"}
_RECIPIENT = {"you", "your", "yours", "yourself", "yourselves", "u", "ur", "ya", "y'all"}
_SELLING_KINDS = {k.value for k, info in KINDS.items() if info.family is Family.SELLING}
#: Words that make the amount after them an estimate ("about £300", "roughly $2k"): an amount
#: shared as information, not a price offered (in train, prices after these words were in 148
#: relationship items and 43 pitches). "How about £40?" is still an offer.
_ROUGHLY = {"about", "around", "roughly", "approximately", "approx", "circa", "~"}
#: Words that make a question one about money: a turn that answers it from another
#: speaker is an ``answers_their_question`` signal.
_PRICE_QUESTION = {"charge", "cost", "pay", "price", "pricing", "rate", "fee", "much", "quote", "budget", "afford", "expensive", "cheap"}


@Language.factory("pitchcheck_lemmatizer")
def make_lemmatizer(nlp: Language, name: str) -> "CaseFoldLemmatizer":
    return CaseFoldLemmatizer(nlp.vocab, None, name, mode="lookup")


class CaseFoldLemmatizer(Lemmatizer):
    """spaCy's lookup lemmatizer (table from ``spacy-lookups-data``), lower-cased.

    Capitalised words are looked up under their lower-case form ("Booking" -> "book"),
    so rules match at the start of sentences. It works on attribute arrays with a
    per-process cache from a word's ORTH hash to its lemma's hash: no Token objects are
    created, which makes it several times faster than the stock component.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._cache: dict[int, int] = {}
        self._lookup: Callable[[str, str], Any] | None = None

    def initialize(self, get_examples: Any = None, *, nlp: Language | None = None, lookups: Lookups | None = None) -> None:
        """Load the ``lemma_lookup`` table of ``spacy-lookups-data``.

        The stock component builds a spaCy ``Lookups`` table, hashing its 41,582 words into
        a Bloom filter: ~70 ms in every new process, a good part of what a one-off
        ``pitchcheck check`` spends on its own. This component only ever looks a word up
        by its text, so without ``lookups`` it reads the same table, through spaCy's
        registry, into a plain dict. Given ``lookups``, it uses them as spaCy does.
        """
        if lookups is not None:
            super().initialize(get_examples, nlp=nlp, lookups=lookups)
            self._lookup = self.lookups.get_table("lemma_lookup").get
        else:
            self._lookup = load_language_data(registry.lookups.get(self.vocab.lang)["lemma_lookup"]).get
        self._cache.clear()

    def lemma_of(self, word: str) -> str:
        """The lower-cased lookup lemma of ``word``."""
        if self._lookup is None:
            self.initialize()
        assert self._lookup is not None
        low = word.lower()
        return str(self._lookup(low, low)).lower()

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        orths = doc_orths(doc)
        lemmas = list(map(self._cache.get, orths))
        if None in lemmas:  # words this process has not seen yet
            fill_in(lemmas, None, lambda i: self._learn(orths[i], doc))
        doc.from_array([LEMMA], np.array(lemmas, dtype=np.uint64).reshape(-1, 1))
        return doc

    # The table is spacy-lookups-data's, read again on first use: a saved pipeline holds
    # none of it, and loading one (``spacy.load``) does not ask for it, as the stock
    # component would (it fails with E912 when its saved lookups are empty).
    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return b""

    def from_bytes(self, bytes_data: bytes, *, exclude: Iterable[str] = ()) -> "CaseFoldLemmatizer":
        self._lookup = None
        self._cache.clear()
        return self

    def to_disk(self, path: Any, *, exclude: Iterable[str] = ()) -> None:
        Path(path).mkdir(parents=True, exist_ok=True)

    def from_disk(self, path: Any, *, exclude: Iterable[str] = ()) -> "CaseFoldLemmatizer":
        return self.from_bytes(b"")

    def _learn(self, orth: int, doc: Doc) -> int:
        """Look up, cache and return the lemma hash of the word with hash ``orth``."""
        strings = doc.vocab.strings
        lemma = self._cache[orth] = strings.add(self.lemma_of(strings[orth]))
        return lemma


def fill_in(values: list[Any], missing: Any, learn: Callable[[int], Any]) -> None:
    """Replace each ``missing`` in ``values`` by ``learn(index)``, in place.

    For per-token lookups that miss only on words the process has not seen yet: the
    misses are found by ``list.index`` (in C), not by a Python pass over every token.
    """
    i = -1
    while True:
        try:
            i = values.index(missing, i + 1)
        except ValueError:
            return
        values[i] = learn(i)


def doc_orths(doc: Doc) -> list[int]:
    """The ORTH hash of every token, read once per Doc (the lemmatizer, the sentencizer, the lexical features)."""
    orths = doc.user_data.get("pitchcheck_orths")
    if orths is None:
        orths = doc.user_data["pitchcheck_orths"] = doc.to_array(ORTH).tolist() if len(doc) else []
    return orths


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once per Doc (spaCy rebuilds it from the tokens on each access)."""
    text = doc.user_data.get("pitchcheck_text")
    if text is None:
        text = doc.user_data["pitchcheck_text"] = doc.text
    return text


@Language.factory("pitchcheck_sentencizer")
def make_sentencizer(nlp: Language, name: str) -> "FastSentencizer":
    return FastSentencizer(nlp, name)


class FastSentencizer(Sentencizer):
    """spaCy's :class:`~spacy.pipeline.Sentencizer` (default punctuation), reading token arrays.

    The same sentence starts as spaCy's rule (a tested equality): after a token in
    ``punct_chars``, the next token that is neither punctuation nor in ``punct_chars``
    starts a sentence. spaCy's ``predict`` makes a ``Token`` object per token and compares
    its text; this finds the sentence-final marks among the ORTH hashes of a Doc's tokens
    (``doc_orths``) and looks only at the tokens after them.
    """

    def __init__(self, nlp: Language, name: str = "pitchcheck_sentencizer") -> None:
        super().__init__(name)
        self._punct_orths = frozenset(nlp.vocab.strings.add(c) for c in self.punct_chars)

    def predict(self, docs: Iterable[Doc]) -> list[list[bool]]:
        punct_orths = self._punct_orths
        guesses = []
        for doc in docs:
            n = len(doc)
            doc_guesses = [False] * n
            if n:
                doc_guesses[0] = True
                orths = doc_orths(doc)
                after = 0  # where the scan after the last sentence-final mark stopped
                for i in itertools.compress(range(n), map(punct_orths.__contains__, orths)):
                    if i < after:  # "?!", "...": a run of marks has one next sentence
                        continue
                    j = i + 1
                    while j < n and (orths[j] in punct_orths or doc[j].is_punct):
                        j += 1
                    if j < n:
                        doc_guesses[j] = True
                    after = j
            guesses.append(doc_guesses)
        return guesses


@Language.factory("pitchcheck_lines")
def make_lines(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    def lines(doc: Doc) -> Doc:
        text = doc_text(doc)
        if "\n" not in text or len(doc) < 2:
            return doc
        arr = doc.to_array([IDX, IS_SPACE, SENT_START])
        starts, spaces = arr[:, 0].tolist(), arr[:, 1].tolist()
        changed = False
        pos = text.find("\n")
        while pos != -1:
            i = bisect.bisect_right(starts, pos)
            while i < len(starts) and spaces[i]:
                i += 1
            if i < len(starts):
                changed = changed or arr[i, 2] != 1
                arr[i, 2] = 1
                pos = text.find("\n", starts[i])
            else:
                break
        if changed:  # one write: Token.is_sent_start scans the whole Doc on every assignment
            doc.from_array([SENT_START], arr[:, 2:3])
        return doc

    return lines


@Language.factory("pitchcheck_turns")
def make_turns(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    def turns(doc: Doc) -> Doc:
        kind = doc._.pitchcheck_kind
        found = split_turns(doc_text(doc)) if kind in (None, "conversation") else None
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
    """The token texts of ``text``, as ``nlp.tokenizer`` splits it.

    Most words of the rules are plain lower-case ASCII words, which the tokenizer keeps
    whole unless it has a special case for them ("cannot", "gonna": a rule, or a cut in
    its suffix function, see :mod:`pitchcheck._tokenizer`): those skip the tokenizer,
    which makes a ``Doc`` per call (~4,000 calls when the rules are compiled, at every
    start-up). A test checks every such word of the rules against the tokenizer.
    """
    tokenizer = nlp.tokenizer
    if text.isascii() and text.isalpha() and text.islower() and text not in tokenizer.rules and tokenizer.suffix_search(text) is None:
        return [text]
    return [t.text for t in tokenizer(text)]


# A compiled rule is a tuple of slots; a slot is (test, optional) where test is one of
# ("lemma", frozenset), ("any", None), ("gap", None), ("num", None), ("cur", None),
# ("regex", compiled pattern).
Slot = tuple[tuple[str, Any], bool]


def compile_rule(rule: str, nlp: Language, lemma: Callable[[str], str]) -> list[tuple[Slot, ...]]:
    """Compile one rule of the notation in :mod:`pitchcheck.signals` to token patterns.

    An alternative that the tokenizer splits (``we've``, ``decision-maker``) becomes its
    own token sequence, and so does ``#num`` or ``$`` among alternatives (``#num|few``), so a
    rule may compile to several patterns. Lemmas are stored as their hashes in
    ``nlp.vocab.strings``.
    """
    strings = nlp.vocab.strings
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
            single: set[int] = set()
            options = []
            for alt in word.split("|"):
                if alt in ("#num", "$"):  # a number or a currency sign among the alternatives
                    options.append(((("num" if alt == "#num" else "cur", None), False),))
                    continue
                toks = _tokens(nlp, alt)
                if len(toks) == 1:
                    single.add(strings.add(lemma(toks[0])))
                else:
                    options.append(tuple((("lemma", frozenset({strings.add(lemma(t))})), False) for t in toks))
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


Candidate = tuple[str, tuple[Slot, ...]]
#: What ``RuleIndex`` caches for a word that no first-slot regex matches.
_NO_HITS: tuple[Candidate, ...] = ()


def _next_lemmas(pattern: tuple[Slot, ...]) -> frozenset[int] | None:
    """The lemmas the token after a match's first token can have (``None``: any token, or none at all).

    Optional lemma slots add their lemmas and look further; a required lemma slot ends
    the set; any other slot, or the end of the pattern, means no constraint.
    """
    lemmas: set[int] = set()
    for (kind, arg), optional in pattern[1:]:
        if kind != "lemma":
            return None
        lemmas |= arg
        if not optional:
            return frozenset(lemmas)
    return None


class _ByNextLemma:
    """Patterns with the same first slot, grouped by the lemma the next token must have.

    After a number (``#num %``, ``#num spot``) or a common first word ("i", "book") most
    patterns can only go on with a few lemmas: trying only those that can go on with the
    next token's lemma skips about two thirds of the tries that would fail.
    """

    __slots__ = ("anything", "by_next")

    def __init__(self) -> None:
        #: Patterns whose next token is not constrained to a set of lemmas.
        self.anything: list[Candidate] = []
        self.by_next: dict[int, list[Candidate]] = {}

    def add(self, candidate: Candidate) -> None:
        following = _next_lemmas(candidate[1])
        if following is None:
            self.anything.append(candidate)
        else:
            for lemma in following:
                self.by_next.setdefault(lemma, []).append(candidate)

    def __iter__(self) -> Iterator[Candidate]:
        """Every pattern once."""
        seen: set[int] = set()
        for candidate in itertools.chain(self.anything, *self.by_next.values()):
            if id(candidate) not in seen:
                seen.add(id(candidate))
                yield candidate


def _alternation(patterns: list[re.Pattern[str]]) -> re.Pattern[str] | None:
    """A regex that finds a match wherever one of ``patterns`` does (``None`` if they have different flags).

    Each alternative is wrapped in a non-capturing group; the patterns of the rules use no
    backreferences, so an alternative means what the pattern means alone.
    """
    if not patterns or len({p.flags for p in patterns}) > 1:
        return None
    return re.compile("|".join(f"(?:{p.pattern})" for p in patterns), patterns[0].flags)


class RuleIndex:
    """Token patterns indexed by their first lemma, matched over lemma sequences.

    spaCy's ``Matcher`` evaluates set predicates (``{"LEMMA": {"IN": [...]}}``) in Python
    for every pattern at every token; with pitchcheck's ~450 patterns that cost about
    6 ms a message. Indexing patterns by the lemmas their first token can have keeps
    the work to the few tokens where some pattern can start, and there to the few
    patterns that can start with that token (with the next token, when a pattern's
    first two slots are both lemmas, or when the next token's lemma is constrained:
    see ``_ByNextLemma``).
    """

    def __init__(self) -> None:
        #: first lemma -> (patterns indexed by it alone, {second lemma: patterns indexed by both})
        self.by_lemma: dict[int, tuple[_ByNextLemma, dict[int, list[Candidate]]]] = {}
        self.by_first: dict[str, _ByNextLemma] = {"num": _ByNextLemma(), "cur": _ByNextLemma(), "any": _ByNextLemma()}
        self.by_regex: dict[re.Pattern[str], list[Candidate]] = {}
        #: LOWER hash -> the patterns of every regex its text matches, for words some
        #: regex matches, and the LOWER hashes of words none matches (caches: regexes run
        #: once per distinct word, not once per token).
        self._regex_hits: dict[int, Sequence[Candidate]] = {}
        self._no_regex_hits: set[int] = set()
        #: One regex matching where any first-slot regex matches (``None``: no regexes, or
        #: flags that differ): most new words match none, and this tells so in one search.
        self._any_regex: re.Pattern[str] | None = None
        self.size = 0

    def add(self, label: str, pattern: tuple[Slot, ...]) -> None:
        self.size += 1
        (kind, arg), _ = pattern[0]
        if kind == "lemma":
            for lem in arg:
                alone, pairs = self.by_lemma.setdefault(lem, (_ByNextLemma(), {}))
                if len(pattern) > 1 and pattern[1][0][0] == "lemma" and not pattern[1][1]:
                    # Index by the first two lemmas: most patterns start with a common word.
                    for lem2 in pattern[1][0][1]:
                        pairs.setdefault(lem2, []).append((label, pattern))
                else:
                    alone.add((label, pattern))
        elif kind == "regex":
            self.by_regex.setdefault(arg, []).append((label, pattern))
            self._regex_hits, self._no_regex_hits = {}, set()
            self._any_regex = _alternation(list(self.by_regex))
        else:
            self.by_first[kind].add((label, pattern))

    def patterns(self) -> list[Candidate]:
        """Every (label, pattern) added, once per first lemma or kind it is indexed under."""
        return (
            [c for alone, pairs in self.by_lemma.values() for c in [*alone, *(c for cs in pairs.values() for c in cs)]]
            + [c for candidates in self.by_first.values() for c in candidates]
            + [c for candidates in self.by_regex.values() for c in candidates]
        )

    @staticmethod
    def _test(test: tuple[str, Any], i: int, ctx: "_Context") -> bool:
        kind, arg = test
        if kind == "lemma":
            return ctx.lemmas[i] in arg
        if kind == "any":
            return True
        if kind == "num":
            return bool(ctx.nums[i])
        if kind == "cur":
            return bool(ctx.curs[i])
        return arg.search(ctx.lower(i)) is not None

    def _ends(self, pattern: tuple[Slot, ...], k: int, i: int, ctx: "_Context") -> int:
        """The furthest end of a match of ``pattern[k:]`` starting at token ``i`` (-1: none).

        Lemma tests (most slots) are inlined rather than sent through ``_test``, and the
        best end is kept with comparisons rather than ``max``: this runs for every try.
        """
        n, size, lemmas = ctx.n, len(pattern), ctx.lemmas
        # Required single-token slots have one way to match: step through them in a loop.
        while k < size:
            test, optional = pattern[k]
            kind = test[0]
            if optional or kind == "gap":
                break
            if i >= n or not (lemmas[i] in test[1] if kind == "lemma" else self._test(test, i, ctx)):
                return -1
            k += 1
            i += 1
        if k == size:
            return i
        test, optional = pattern[k]
        best = -1
        if test[0] == "gap":  # skip 0 to 3 tokens, not past the end
            for skip in range(min(4, n - i + 1)):
                end = self._ends(pattern, k + 1, i + skip, ctx)
                if end > best:
                    best = end
            return best
        if i < n and (lemmas[i] in test[1] if test[0] == "lemma" else self._test(test, i, ctx)):
            best = self._ends(pattern, k + 1, i + 1, ctx)
        if optional:
            end = self._ends(pattern, k + 1, i, ctx)
            if end > best:
                best = end
        return best

    def _regex_candidates(self, low: int, ctx: "_Context", i: int) -> Sequence[Candidate]:
        """The patterns whose first-slot regex matches token ``i`` (LOWER hash ``low``), cached."""
        hits = self._regex_hits.get(low)
        if hits is None:
            if low in self._no_regex_hits:
                return _NO_HITS
            text = ctx.lower(i)
            if self._any_regex is not None and self._any_regex.search(text) is None:
                hits = _NO_HITS
            else:
                hits = [c for rx, patterns in self.by_regex.items() if rx.search(text) for c in patterns] or _NO_HITS
            if hits:
                self._regex_hits[low] = hits
            else:
                self._no_regex_hits.add(low)
        return hits

    def match(self, ctx: "_Context") -> list[tuple[str, int, int]]:
        """Every (label, start, end) match, longest per pattern and start (in no set order)."""
        found: list[tuple[str, int, int]] = []
        ends = self._ends

        def extend(candidates: Sequence[Candidate], i: int, known: int = 1) -> None:
            # The first ``known`` slots are known to match from token i: match the rest.
            for label, pattern in candidates:
                end = i + known if len(pattern) == known else ends(pattern, known, i + known, ctx)
                if end > i:
                    found.append((label, i, end))

        lemmas, n = ctx.lemmas, ctx.n
        by_lemma = self.by_lemma

        def extend_followed(candidates: _ByNextLemma, i: int) -> None:
            if candidates.anything:
                extend(candidates.anything, i)
            if candidates.by_next and i + 1 < n:
                following = candidates.by_next.get(lemmas[i + 1])
                if following:
                    extend(following, i)

        # Only tokens some pattern starts with: a membership test per token, in C
        # (``compress`` keeps the indices whose test is true without a Python loop).
        for i in itertools.compress(range(n), map(by_lemma.__contains__, lemmas)):
            alone, pairs = by_lemma[lemmas[i]]
            extend_followed(alone, i)
            if pairs and i + 1 < n:
                candidates = pairs.get(lemmas[i + 1])
                if candidates:
                    extend(candidates, i, 2)
        for kind, flags in (("num", ctx.nums), ("cur", ctx.curs)):
            followed = self.by_first[kind]
            if followed.anything or followed.by_next:
                for i in itertools.compress(range(n), flags):
                    extend_followed(followed, i)
        followed = self.by_first["any"]
        if followed.anything or followed.by_next:
            for i in range(n):
                extend_followed(followed, i)
        if self.by_regex:
            lowers = ctx.lower_ids
            # Words known to match no regex are skipped: most texts have no other word,
            # and a set difference finds that in C.
            pending = set(lowers).difference(self._no_regex_hits)
            for i in itertools.compress(range(n), map(pending.__contains__, lowers)) if pending else ():
                candidates = self._regex_candidates(lowers[i], ctx, i)
                if candidates:
                    extend(candidates, i)
        return found


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) token indices of each sentence, read from the SENT_START array."""
    if not len(doc):
        return []
    flags = doc.to_array(SENT_START).tolist()
    starts = [0] + [i for i in range(1, len(flags)) if flags[i] == 1]
    return list(zip(starts, starts[1:] + [len(flags)]))


def doc_sentences(doc: Doc) -> list[tuple[int, int]]:
    """``sentence_bounds(doc)``, computed once per Doc (do not modify the list).

    For the signal component and later steps, which all read the sentences once
    ``pitchcheck_lines`` has set the last sentence starts: the signal component (questions,
    answers), ``check`` (a message's parts) and the closing part of a text.
    """
    bounds = doc.user_data.get("pitchcheck_sentences")
    if bounds is None:
        bounds = doc.user_data["pitchcheck_sentences"] = sentence_bounds(doc)
    return bounds


class _Context:
    """A Doc's token attributes as plain lists, read once per matching pass."""

    def __init__(self, doc: Doc) -> None:
        if len(doc):
            lemmas, nums, curs, lowers = doc.to_array([LEMMA, LIKE_NUM, IS_CURRENCY, LOWER]).T.tolist()
        else:
            lemmas, nums, curs, lowers = [], [], [], []
        self.lemmas: list[int] = lemmas
        self.nums: list[int] = nums
        self.curs: list[int] = curs
        self.lower_ids: list[int] = lowers
        self.n = len(lemmas)
        self._strings = doc.vocab.strings
        self._lowers: dict[int, str] = {}

    def lower(self, i: int) -> str:
        text = self._lowers.get(i)
        if text is None:
            text = self._lowers[i] = self._strings[self.lower_ids[i]]
        return text


#: The internal label of ``ADVICE_ASKS`` matches (reported as ``question_about_them``).
_ADVICE = "pitchcheck_advice_ask"
#: The internal label of ``BUYER_VIEWS`` matches (not reported; they void price offers).
_BUYER_VIEW = "pitchcheck_buyer_view"
#: The internal label of ``PRICE_RANGES`` matches (not reported; they void the price offers inside them).
_PRICE_RANGE = "pitchcheck_price_range"


def _turn_mask(doc: Doc) -> list[bool] | None:
    """Per token, whether it lies inside a conversation turn (``None`` when there are no turns)."""
    turns = doc.spans[TURNS_KEY] if TURNS_KEY in doc.spans else []
    if not len(turns):
        return None
    inside = [False] * len(doc)
    for turn in turns:
        inside[turn.start : turn.end] = [True] * (turn.end - turn.start)
    return inside


@Language.factory("pitchcheck_signals")
def make_signals(nlp: Language, name: str) -> "SignalMatcher":
    return SignalMatcher(nlp)


class SignalMatcher:
    """Matches the rules of every signal kind and stores spans in ``doc.spans``."""

    def _is_question_to_them(self, doc: Doc, start: int, end: int, selling: set[int], inside: list[bool] | None) -> bool:
        """A sentence ending in '?' that addresses "you", with no selling signal in it."""
        lowers = doc.user_data["pitchcheck_lowers"]
        if self._qmark not in lowers[max(start, end - 3) : end]:
            return False
        if not any(low in self._recipient for low in lowers[start:end]):
            return False
        if any(i in selling for i in range(start, end)):
            return False
        return inside is None or all(inside[start:end])

    def _answers(self, doc: Doc, ctx: "_Context") -> list[tuple[int, int, int]]:
        """(start, end of its first sentence, end) of each turn that replies to another
        speaker's question about money.

        Only a conversation with a '?' can hold one: its turns are read only then, and its
        sentences only once a turn answers such a question.
        """
        if self._qmark not in ctx.lower_ids or TURNS_KEY not in doc.spans:
            return []
        turns = list(doc.spans[TURNS_KEY])
        found = []
        sentence_ends: list[int] | None = None
        for prev, cur in zip(turns, turns[1:]):
            if prev.label == cur.label or self._qmark not in ctx.lower_ids[prev.start : prev.end]:
                continue
            # About money: a money word ("what do you charge?") or an amount ("is £100 insane?").
            if not self._price_question.intersection(ctx.lemmas[prev.start : prev.end]) and not any(ctx.curs[prev.start : prev.end]):
                continue
            if sentence_ends is None:
                sentence_ends = [end for _, end in doc_sentences(doc)]
            end = min(cur.end, sentence_ends[bisect.bisect_right(sentence_ends, cur.start)])
            found.append((cur.start, end, cur.end))
        return found

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self.rules: RuleIndex | None = None
        self._qmark = nlp.vocab.strings.add("?")
        self._recipient = {nlp.vocab.strings.add(w) for w in _RECIPIENT}
        self._price_question: set[int] = set()  # lemma hashes, filled by initialize()
        self._label_ids = {kind.value: nlp.vocab.strings.add(kind.value) for kind in SignalKind}
        self._roughly = {nlp.vocab.strings.add(w) for w in _ROUGHLY}
        self._how_what = {nlp.vocab.strings.add(w) for w in ("how", "what")}

    def initialize(self, get_examples: Any = None, *, nlp: Language | None = None) -> None:
        nlp = nlp or self.nlp
        lemma = nlp.get_pipe("pitchcheck_lemmatizer").lemma_of
        self._price_question = {nlp.vocab.strings.add(lemma(w)) for w in _PRICE_QUESTION}
        index = RuleIndex()
        labelled = [*((kind.value, rules) for kind, rules in RULES.items()), (_ADVICE, ADVICE_ASKS), (_BUYER_VIEW, BUYER_VIEWS), (_PRICE_RANGE, PRICE_RANGES)]
        for label, rules in labelled:
            for rule in rules:
                for pattern in compile_rule(rule, nlp, lemma):
                    index.add(label, pattern)
        self.rules = index

    def __call__(self, doc: Doc) -> Doc:
        if self.rules is None:
            self.initialize()
        assert self.rules is not None
        inside = _turn_mask(doc)
        ctx = _Context(doc)
        doc.user_data["pitchcheck_lowers"] = ctx.lower_ids
        # (start, end) of each kind's matches: Spans are made only for those kept.
        by_kind: dict[str, list[tuple[int, int]]] = {}
        for label, start, end in self.rules.match(ctx):
            if inside is not None and not all(inside[start:end]):
                continue
            by_kind.setdefault(label, []).append((start, end))
        advice = by_kind.pop(_ADVICE, None)
        if advice:
            _ask_for_advice(doc, by_kind, advice)
        if SignalKind.PRICE_OFFER.value in by_kind:
            _drop_estimates(doc, by_kind, ctx, self._roughly, self._how_what)
        price_ranges = by_kind.pop(_PRICE_RANGE, None)
        if price_ranges:
            _drop_in_ranges(by_kind, SignalKind.PRICE_OFFER.value, price_ranges)
        paid = by_kind.pop(_BUYER_VIEW, None)
        if paid:
            _drop_in_sentences_of(doc, by_kind, SignalKind.PRICE_OFFER.value, paid)
        # An answer to their question about money is not a price offer: the prices of a
        # sentence that says it answers one ("you asked what it costs: ...", or the sentence
        # after a short framing: "Thanks for asking! ...") and of a turn that answers one are
        # dropped; a push in them (a call to action, urgency) is still found.
        stated = by_kind.get(SignalKind.ANSWERS_THEIR_QUESTION.value)
        if stated:
            _drop_in_sentences_of(doc, by_kind, SignalKind.PRICE_OFFER.value, stated, framing_reaches_next=True)
        answers = self._answers(doc, ctx)
        if answers:
            _drop_in_ranges(by_kind, SignalKind.PRICE_OFFER.value, [(start, turn_end) for start, _, turn_end in answers])
            by_kind.setdefault(SignalKind.ANSWERS_THEIR_QUESTION.value, []).extend((start, end) for start, end, _ in answers)
        questions = self._questions_to_them(doc, by_kind, inside)
        if questions:
            by_kind.setdefault(SignalKind.QUESTION_ABOUT_THEM.value, []).extend(questions)
        kept = sorted((start, end, label) for label, ranges in by_kind.items() for start, end in _longest_first(ranges))
        label_ids = self._label_ids
        doc.spans[SIGNALS_KEY] = [Span(doc, start, end, label=label_ids[label]) for start, end, label in kept]
        return doc

    def _questions_to_them(self, doc: Doc, by_kind: dict[str, list[tuple[int, int]]], inside: list[bool] | None) -> list[tuple[int, int]]:
        """(start, end) of each question to "you" with no selling match in it, leading spaces left out.

        Only a text with a '?' can hold one: its sentences are read only then (most texts
        have none).
        """
        if self._qmark not in doc.user_data["pitchcheck_lowers"]:
            return []
        selling = {i for label, ranges in by_kind.items() if label in _SELLING_KINDS for start, end in ranges for i in range(start, end)}
        found = []
        for start, end in doc_sentences(doc):
            if not self._is_question_to_them(doc, start, end, selling, inside):
                continue
            while start < end and doc[start].is_space:
                start += 1
            found.append((start, end))
        return found


def _drop_estimates(doc: Doc, by_kind: dict[str, list[tuple[int, int]]], ctx: "_Context", roughly: set[int], how_what: set[int]) -> None:
    """Drop the price offers that follow a word of estimate ("about £300", "roughly $2k").

    ``roughly`` and ``how_what`` are LOWER hashes; "how about £40?" stays an offer.
    """
    lowers = ctx.lower_ids
    kept = []
    for start, end in by_kind[SignalKind.PRICE_OFFER.value]:
        i = start - 1
        while i >= 0 and doc[i].is_space:
            i -= 1
        if i >= 0 and lowers[i] in roughly and not (i > 0 and lowers[i - 1] in how_what):
            continue
        kept.append((start, end))
    _set_or_drop(by_kind, SignalKind.PRICE_OFFER.value, kept)


def _ask_for_advice(doc: Doc, by_kind: dict[str, list[tuple[int, int]]], advice: list[tuple[int, int]]) -> None:
    """Report ``advice`` (``ADVICE_ASKS`` matches) as questions about them, and drop the
    calls to action in their sentences: the meeting asked for there is to learn from them.

    The words of the dropped calls to action ("open to a 15-minute chat") are recorded in
    ``doc.user_data["pitchcheck_reread"]`` as (start, end) token ranges: the lexical
    features leave them out too (``features.token_lexemes``), so that the n-grams of sales
    asks do not count against the advice ask the rules have read them as.
    """
    by_kind.setdefault(SignalKind.QUESTION_ABOUT_THEM.value, []).extend(advice)
    before = by_kind.get(SignalKind.CALL_TO_ACTION.value, [])
    _drop_in_sentences_of(doc, by_kind, SignalKind.CALL_TO_ACTION.value, advice)
    after = set(by_kind.get(SignalKind.CALL_TO_ACTION.value, []))
    reread = [r for r in before if r not in after]
    if reread:
        doc.user_data["pitchcheck_reread"] = reread


def _drop_in_sentences_of(
    doc: Doc, by_kind: dict[str, list[tuple[int, int]]], kind: str, matches: list[tuple[int, int]], *, framing_reaches_next: bool = False
) -> None:
    """Drop the ``kind`` matches that start in a sentence where one of ``matches`` starts.

    With ``framing_reaches_next``, a match in a short sentence of its own, with at most
    three words besides it (a framing such as "Thanks for asking, Jo!" or "You asked
    about rates."), also covers the next sentence when it is in the same turn: that is
    where the answer it frames is.
    """
    if kind not in by_kind:
        return
    sentences = doc_sentences(doc)
    starts = [start for start, _ in sentences]
    # The turns are read only where a framing may reach the next sentence (BUYER_VIEWS need not).
    turn_bounds = [(turn.start, turn.end) for turn in doc.spans[TURNS_KEY]] if framing_reaches_next and TURNS_KEY in doc.spans else []
    ranges = []
    for start, end in matches:
        i = bisect.bisect_right(starts, start) - 1
        first, last = sentences[i]
        if framing_reaches_next and i + 1 < len(sentences) and _words(doc, first, start) + _words(doc, end, last) <= 3:
            following = sentences[i + 1][1]
            if not turn_bounds or any(a <= start and following <= b for a, b in turn_bounds):
                last = following
        ranges.append((first, last))
    _drop_in_ranges(by_kind, kind, ranges)


def _words(doc: Doc, start: int, end: int) -> int:
    """How many of tokens ``start:end`` are neither punctuation nor spaces."""
    return sum(1 for i in range(start, end) if not (doc[i].is_punct or doc[i].is_space))


def _drop_in_ranges(by_kind: dict[str, list[tuple[int, int]]], kind: str, ranges: list[tuple[int, int]]) -> None:
    """Drop the ``kind`` matches that start inside one of the token ``ranges``."""
    found = by_kind.get(kind)
    if not found:
        return
    _set_or_drop(by_kind, kind, [r for r in found if not any(a <= r[0] < b for a, b in ranges)])


def _set_or_drop(by_kind: dict[str, list[tuple[int, int]]], kind: str, kept: list[tuple[int, int]]) -> None:
    """Keep ``kept`` as the ``kind`` matches, or drop the kind when none is left."""
    if kept:
        by_kind[kind] = kept
    else:
        del by_kind[kind]


def _longest_first(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """spaCy's ``filter_spans`` on (start, end) pairs, without making Spans first.

    The longest (then the first) of overlapping matches is kept; as in ``filter_spans``,
    a match is dropped when its first or last token is already taken. Not sorted.
    """
    taken: set[int] = set()
    kept = []
    for start, end in sorted(ranges, key=lambda r: (r[1] - r[0], -r[0]), reverse=True):
        if start not in taken and end - 1 not in taken:
            kept.append((start, end))
            taken.update(range(start, end))
    return kept


@Language.factory("pitchcheck_focus")
def make_focus(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    sender = SignalKind.SENDER_FOCUS.value
    recipient = SignalKind.RECIPIENT_FOCUS.value
    sender_ids = {nlp.vocab.strings.add(w) for w in _SENDER}
    recipient_ids = {nlp.vocab.strings.add(w) for w in _RECIPIENT}
    pronouns = sender_ids | recipient_ids
    sender_label, recipient_label = nlp.vocab.strings.add(sender), nlp.vocab.strings.add(recipient)

    def focus(doc: Doc) -> Doc:
        inside = _turn_mask(doc)
        lowers = doc.user_data.get("pitchcheck_lowers")  # read by pitchcheck_signals, which runs first
        if lowers is None:
            lowers = doc.to_array(LOWER).tolist() if len(doc) else []
        spans = []
        for i in [i for i, low in enumerate(lowers) if low in pronouns]:
            if inside is not None and not inside[i]:
                continue
            label = sender_label if lowers[i] in sender_ids else recipient_label
            spans.append(Span(doc, i, i + 1, label=label))
        doc.spans[FOCUS_KEY] = spans
        return doc

    return focus


#: How many distinct whitespace-separated chunks ("you,", "$99.") spaCy's tokenizer keeps
#: split, instead of its default 10,000. A chunk not in that cache is split with a prefix, a
#: suffix and an infix regex search, every time: once 10,000 chunks are cached (a few
#: thousand messages in), each new word costs that. On benchmarks/run.py's 20,000 texts,
#: tokenizing inside check_many took 193 µs per message with the default and 158 with this
#: (the tokenizer alone, once warm: ~160 and ~100). 100,000 chunks take about 8 MB; the
#: cache holds how each chunk splits, never a result.
TOKENIZER_CACHE_SIZE = 100_000


def build_nlp() -> Language:
    """Build a new pitchcheck pipeline (prefer :func:`get_nlp`, which caches it)."""
    nlp = spacy.blank("en", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER_NAME}}})
    nlp.tokenizer.max_cache_size = TOKENIZER_CACHE_SIZE
    nlp.add_pipe("pitchcheck_lemmatizer")
    nlp.add_pipe("pitchcheck_sentencizer")
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
        ``spacy.blank("en")`` with the ``pitchcheck_*`` components: the lookup
        lemmatizer, a sentencizer, lines, turns, signals and focus. Evidence is in ``doc.spans["pitchcheck"]``.

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
                with paused_gc():
                    _NLP = build_nlp()
    return _NLP


def make_docs(texts: Iterable[str], kinds: Iterable[str | None] | None = None, batch_size: int = 64) -> Iterable[Doc]:
    """Run the pipeline over already-normalised texts, optionally forcing each kind."""
    nlp = get_nlp()
    forced: Iterable[str | None] = itertools.repeat(None) if kinds is None else kinds

    def prepared() -> Iterable[Doc]:
        for text, kind in zip(texts, forced):
            doc = nlp.make_doc(text)
            doc.user_data["pitchcheck_text"] = text
            if kind is not None:  # None is the extension's default: nothing to set
                doc._.pitchcheck_kind = kind
            yield doc

    return nlp.pipe(prepared(), batch_size=batch_size)

