"""From text to features: normalise, run the spaCy pipeline, read the evidence off the Doc.

The data flow is one way: text -> :func:`~pitchcheck.normalize.normalize` -> spaCy
``Doc`` (:func:`~pitchcheck.preprocess.get_nlp`) -> :class:`Features` -> estimator.
Features can be read for a whole text or for part of it (a sentence, a turn, one
speaker's turns), which is how pitchcheck scores where the pitch is.
"""

from __future__ import annotations

import bisect
import itertools
import math
from collections import deque
from dataclasses import dataclass, field
from typing import Iterable, Iterator, Sequence

from spacy.attrs import SENT_START
from spacy.tokens import Doc, Span

from .errors import InputError, InputTypeError
from .normalize import Normalized, normalize
from .preprocess import FOCUS_KEY, SIGNALS_KEY, TURNS_KEY, doc_orths, doc_sentences, fill_in, make_docs
from .signals import KINDS, Family, SignalKind

__all__ = [
    "Analysis",
    "Features",
    "analyse",
    "features_of",
    "closing_part",
    "last_part",
    "signal_counts",
    "word_count",
    "lexeme_positions",
    "span_index",
    "SELLING_KINDS",
    "RELATIONSHIP_KINDS",
    "FOCUS_KINDS",
    "validate_text",
]

SELLING_KINDS: tuple[SignalKind, ...] = tuple(k for k, i in KINDS.items() if i.family is Family.SELLING)
RELATIONSHIP_KINDS: tuple[SignalKind, ...] = tuple(k for k, i in KINDS.items() if i.family is Family.RELATIONSHIP)
FOCUS_KINDS: tuple[SignalKind, ...] = tuple(k for k, i in KINDS.items() if i.family is Family.FOCUS)
FOCUS_COLUMNS: tuple[str, ...] = ("sender_focus", "recipient_focus", "focus_balance")
#: Columns read off how the selling signals are laid out, not what they are: how many
#: different kinds of selling evidence there are, and how many selling signals sit in
#: the closing part (see :func:`features_of`).
STRUCTURE_COLUMNS: tuple[str, ...] = ("selling_breadth", "closing_selling")
_SELLING = frozenset(SELLING_KINDS)
_FOCUS = frozenset(FOCUS_KINDS)

#: spaCy's default ``max_length``; longer (normalised) input is truncated with a warning.
MAX_CHARS = 1_000_000


@dataclass(frozen=True)
class Analysis:
    """One analysed text: its normalisation, its Doc, and any warnings."""

    normalized: Normalized
    doc: Doc
    warnings: tuple[str, ...] = ()


@dataclass
class Features:
    """What the estimator sees of a text or a part of it."""

    #: The words the lexical features see, in text order (``token_lexemes``, without the empty ones).
    lexemes: list[str]
    counts: dict[SignalKind, int] = field(default_factory=dict)
    n_words: int = 0
    #: (start token, kind) of each selling signal in the closing part.
    closing: list[tuple[int, SignalKind]] = field(default_factory=list)
    #: The features of the text's last part (``last_part``), when it is not the whole text.
    last: "Features | None" = None

    def selling_kinds(self) -> list[SignalKind]:
        """The different kinds of selling signal present."""
        return [k for k in self.counts if k in _SELLING]

    def signal_vector(self, kinds: Sequence[SignalKind], focus: bool, structure: bool = False) -> list[float]:
        """The signal columns: log1p of each kind's count, then ``STRUCTURE_COLUMNS``, then ``FOCUS_COLUMNS``."""
        counts = self.counts
        values = [math.log1p(counts[k]) if k in counts else 0.0 for k in kinds]
        if structure:
            values += [math.log1p(len(self.selling_kinds())), math.log1p(len(self.closing))]
        if focus:
            sender = self.counts.get(SignalKind.SENDER_FOCUS, 0)
            recipient = self.counts.get(SignalKind.RECIPIENT_FOCUS, 0)
            values += [math.log1p(sender), math.log1p(recipient), (sender - recipient) / (sender + recipient + 2)]
        return values


def validate_text(text: object, *, position: int | None = None) -> str:
    """Return ``text`` if it can be checked, else raise :class:`InputError`."""
    where = "" if position is None else f" (item {position})"
    if not isinstance(text, str):
        raise InputTypeError(f"expected a string to check{where}, got {type(text).__name__}")
    if not text.strip():
        raise InputError(f"the text is empty or only whitespace{where}")
    return text


def analyse(
    texts: Iterable[str], *, kinds: Iterable[str | None] | None = None, batch_size: int = 64
) -> Iterator[Analysis]:
    """Normalise and run the pipeline over ``texts`` (already validated), streaming.

    ``kinds`` forces ``"message"`` or ``"conversation"`` per text (``None`` = detect).
    """
    pending: deque[tuple[Normalized, tuple[str, ...]]] = deque()

    def prepared() -> Iterator[str]:
        for text in texts:
            norm = normalize(text)
            warnings: tuple[str, ...] = ()
            if len(norm.text) > MAX_CHARS:
                warnings = (f"input truncated to its first {MAX_CHARS:,} characters for analysis",)
                norm = Normalized(norm.original, norm.text[:MAX_CHARS], norm.starts[:MAX_CHARS], norm.ends[:MAX_CHARS], norm.ignored)
            if not norm.text.strip():
                norm = Normalized(norm.original, " ", (0,), (0,), norm.ignored)
            pending.append((norm, warnings))
            yield norm.text

    for doc in make_docs(prepared(), kinds, batch_size=batch_size):
        norm, warnings = pending.popleft()
        yield Analysis(norm, doc, warnings)


def _orth_kind(doc: Doc, orth: int) -> str:
    """What kind of word a vocabulary entry is, for the lexical features (``token_lexemes`` caches the outcome)."""
    lex = doc.vocab[orth]
    text = lex.text
    if lex.is_space or lex.is_punct:
        return "skip"
    if lex.like_url:
        return "<url>"
    if lex.like_email:
        return "<email>"
    if lex.is_currency:
        return "<cur>"
    if lex.like_num or any(c.isdigit() for c in text):
        return "<num>"
    if lex.is_title and lex.is_alpha and len(text) > 1 and text != "I":
        return "title"
    return "word"


#: Per ORTH hash, what ``token_lexemes`` gives its tokens: the lower-cased word, ``None``,
#: ``"<num>"``... or ``_TITLE`` for a capitalised word, whose lexeme depends on where it is
#: (the lower-cased word at the start of a sentence, ``""`` elsewhere; kept in
#: ``_TITLE_LEXEME``). Keyed by the word alone: a word's lexeme is the same wherever it is
#: (the lookup lemmatizer, which decides the greetings left out, also gives a word the same
#: lemma wherever it is).
_LEXEME_OF_ORTH: dict[int, object] = {}
_TITLE_LEXEME: dict[int, str] = {}
_TITLE = object()
_UNKNOWN = object()


#: Greetings, sign-offs and laughter: how a message is dressed, not what it asks or offers.
#: Left out of the lexical features, as names are: in the corpus "hey" leans to selling
#: (74 of 115 train texts) and "regards" too (54 of 77), because its writers greeted and
#: signed off more when they pitched; a model that learns that scores a friend's "hey"
#: as a pitch.
REGISTER_WORDS = frozenset({"hi", "hey", "hello", "hiya", "howdy", "dear", "yo", "regard", "regards", "sincerely", "cheers", "lol", "haha", "hahaha", "lmao"})


def _learn_lexeme(doc: Doc, i: int, orth: int) -> object:
    """Work out, cache and return the ``_LEXEME_OF_ORTH`` entry of token ``i`` (ORTH hash ``orth``)."""
    kind = _orth_kind(doc, orth)
    lexeme: object
    if kind in ("word", "title"):
        lower = doc.vocab[orth].lower_
        if lower in REGISTER_WORDS or doc.vocab.strings[doc[i].lemma] in REGISTER_WORDS:
            lexeme = ""
        elif kind == "word":
            lexeme = lower
        else:
            _TITLE_LEXEME[orth] = lower
            lexeme = _TITLE
    elif kind == "skip":
        lexeme = None
    else:
        lexeme = kind
    _LEXEME_OF_ORTH[orth] = lexeme
    return lexeme


def token_lexemes(doc: Doc) -> list[str | None]:
    """Per token, what the lexical features see; cached on the Doc.

    ``None`` marks a space or punctuation token, ``""`` a word left out of the lexical
    features (a capitalised name in mid-sentence, a greeting or sign-off in
    ``REGISTER_WORDS``: not evidence that transfers; or a word of a call to action the
    rules re-read as an advice ask); numbers,
    currency signs, links and e-mail addresses become ``<num>``, ``<cur>``, ``<url>``,
    ``<email>``; every other word is itself, lower-cased (not its lemma: the inflection
    tells a report from an offer, "we charged" from "we charge", and in cross-validation
    and on new writers the word forms did better than lemmas; see
    ``pitchcheck.training``). Looked up per word (``_LEXEME_OF_ORTH``)
    with one ``map`` over the Doc's ORTH hashes (``doc_orths``); only capitalised words look at where
    sentences start.
    """
    cached = doc.user_data.get("pitchcheck_lexemes")
    if cached is not None:
        return cached
    out: list[object] = []
    if len(doc):
        orths = doc_orths(doc)
        out = list(map(_LEXEME_OF_ORTH.get, orths, itertools.repeat(_UNKNOWN)))
        if _UNKNOWN in out:  # words this process has not seen yet
            fill_in(out, _UNKNOWN, lambda i: _learn_lexeme(doc, i, orths[i]))
        if _TITLE in out:
            sent_starts = doc.to_array(SENT_START).tolist()
            for i in [i for i, lexeme in enumerate(out) if lexeme is _TITLE]:
                out[i] = _TITLE_LEXEME[orths[i]] if i == 0 or sent_starts[i] == 1 else ""
        # The words of calls to action the rules re-read as an advice ask ("open to a
        # 15-minute chat about how you got into the field?"): left out, like names.
        for start, end in doc.user_data.get("pitchcheck_reread", ()):
            for i in range(start, end):
                if out[i] is not None:
                    out[i] = ""
    lexemes: list[str | None] = out  # type: ignore[assignment]
    doc.user_data["pitchcheck_lexemes"] = lexemes
    return lexemes


_KIND_OF_LABEL: dict[int, SignalKind] = {}


def span_kind(span: Span) -> SignalKind:
    """The :class:`SignalKind` a signal or focus span is labelled with."""
    kind = _KIND_OF_LABEL.get(span.label)
    if kind is None:
        kind = _KIND_OF_LABEL[span.label] = SignalKind(span.label_)
    return kind


def _kind_of_label(doc: Doc, label: int) -> SignalKind:
    """The :class:`SignalKind` of a span label hash (cached, as in ``span_kind``)."""
    kind = _KIND_OF_LABEL[label] = SignalKind(doc.vocab.strings[label])
    return kind


def span_index(doc: Doc) -> tuple[list[int], list[SignalKind]]:
    """Start tokens and kinds of every signal and focus span, sorted by start, then kind; cached on the Doc."""
    cached = doc.user_data.get("pitchcheck_span_index")
    if cached is None:
        # Kinds looked up by label hash, without a call per span when the hash is known.
        pairs = sorted(
            [
                (span.start, _KIND_OF_LABEL.get(span.label) or _kind_of_label(doc, span.label))
                for key in (SIGNALS_KEY, FOCUS_KEY)
                if key in doc.spans
                for span in doc.spans[key]
            ]
        )
        cached = doc.user_data["pitchcheck_span_index"] = ([start for start, _ in pairs], [kind for _, kind in pairs])
    return cached


def _parts(doc: Doc) -> list[int]:
    """Start tokens of a Doc's parts: its turns (a conversation) or sentences (a message); cached."""
    cached = doc.user_data.get("pitchcheck_part_starts")
    if cached is None:
        if doc._.pitchcheck_kind == "conversation" and TURNS_KEY in doc.spans and len(doc.spans[TURNS_KEY]):
            cached = [t.start for t in doc.spans[TURNS_KEY]]
        else:
            cached = [a for a, _ in doc_sentences(doc)]
        doc.user_data["pitchcheck_part_starts"] = cached
    return cached


def closing_part(doc: Doc, last: int, within: tuple[int, int]) -> tuple[int, int]:
    """Token bounds of a text's closing part (see :func:`features_of`).

    ``last`` is the start token of the text's last selling or relationship signal and
    ``within`` the range of the text that holds it: the closing part is the sentence (or
    turn) of ``doc`` holding ``last``, cut to ``within``.
    """
    part_starts = _parts(doc)
    p = bisect.bisect_right(part_starts, last) - 1
    lo = max(part_starts[p] if p >= 0 else 0, within[0])
    hi = min(part_starts[p + 1] if p + 1 < len(part_starts) else len(doc), within[1])
    return lo, hi


#: Per ORTH hash: can a token of this word make a part a text's last part (``last_part``)?
_ANCHOR_OF_ORTH: dict[int, bool] = {}


def _anchors(doc: Doc) -> list[int]:
    """Tokens that can make their part a text's last part (see ``last_part``); cached on the Doc.

    A capitalised word ("Thanks!", a name or job title under a sign-off) or an emoji alone
    does not make a part of its own: the part before it is the text's last.
    """
    cached = doc.user_data.get("pitchcheck_anchors")
    if cached is None:
        cached = []
        lexemes = token_lexemes(doc)
        for i, (lexeme, orth) in enumerate(zip(lexemes, doc_orths(doc) if len(doc) else ())):
            if not lexeme:
                continue
            flag = _ANCHOR_OF_ORTH.get(orth)
            if flag is None:
                entry = _LEXEME_OF_ORTH.get(orth, _UNKNOWN)
                if entry is _UNKNOWN:  # a Doc whose lexemes another process worked out
                    entry = _learn_lexeme(doc, i, orth)
                flag = _ANCHOR_OF_ORTH[orth] = entry is not _TITLE and (lexeme[0] == "<" or any(c.isalpha() for c in lexeme))
            if flag:
                cached.append(i)
        doc.user_data["pitchcheck_anchors"] = cached
    return cached


def last_part(doc: Doc, ranges: Sequence[tuple[int, int]]) -> tuple[int, int] | None:
    """Token bounds of the last part of ``ranges`` that holds a word, or ``None``.

    A part is a sentence of a message or a turn of a conversation (cut to the range
    holding it), as ``check`` scores them: where a pitch most often puts its ask. A part
    counts when it holds a word the lexical features see that is not capitalised and has a
    letter (or is a number, price or link): a closing "Thanks!", "Best, Sam", a name or job
    title under a sign-off or an emoji alone is never the last part.
    """
    positions = _anchors(doc)
    for start, end in reversed(ranges):
        hi = bisect.bisect_left(positions, end)
        if hi and positions[hi - 1] >= start:
            return closing_part(doc, positions[hi - 1], (start, end))
    return None


def lexeme_positions(doc: Doc) -> tuple[list[int], list[str]]:
    """The token index and text of every lexeme the lexical features see, in text order.

    ``features_of(doc, ranges).lexemes`` are the lexemes whose token lies in ``ranges``, so
    the lexemes of any part of a text are found by bisecting these indices: how scoring
    every sentence and turn of a text reads them without a pass over its tokens each.
    """
    lexemes = token_lexemes(doc)
    # The truthy lexemes (not None, not ""), picked in C by filter and compress.
    return list(itertools.compress(range(len(lexemes)), lexemes)), list(filter(None, lexemes))  # type: ignore[arg-type]


def features_of(doc: Doc, ranges: Sequence[tuple[int, int]] | None = None) -> Features:
    """Features of ``doc`` over token ``ranges`` (default: the turns, or the whole doc).

    A signal counts toward a range when it starts inside it. The *closing part* is the
    last sentence (or turn) within the ranges that holds a selling or relationship
    signal: where a pitch puts its ask. Sign-offs and signatures hold none, so they
    never hide it. ``last`` holds the features of the ``last_part`` when it is not all
    of ``ranges``.
    """
    if ranges is None:
        ranges = _default_ranges(doc)
    features = _features_of(doc, ranges)
    part = last_part(doc, ranges)
    if part is not None and [part] != list(ranges):
        features.last = _features_of(doc, [part])
    return features


def _default_ranges(doc: Doc) -> list[tuple[int, int]]:
    """What ``features_of`` reads by default: the turns of a conversation, or the whole Doc."""
    turns: Sequence[Span] = doc.spans[TURNS_KEY] if TURNS_KEY in doc.spans else []
    return [(t.start, t.end) for t in turns] or [(0, len(doc))]


def _features_of(doc: Doc, ranges: Sequence[tuple[int, int]]) -> Features:
    """``features_of`` without ``last``."""
    lexemes = token_lexemes(doc)
    words = [lex for start, end in ranges for lex in lexemes[start:end] if lex is not None]
    kept = [lex for lex in words if lex]  # names and greetings ("") left out
    counts: dict[SignalKind, int] = {}
    starts, labels = span_index(doc)
    last = -1  # index into starts/labels of the last selling or relationship signal
    last_range = (0, 0)
    for start, end in ranges:
        for j in range(bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)):
            counts[labels[j]] = counts.get(labels[j], 0) + 1
            if labels[j] not in _FOCUS and starts[j] >= (starts[last] if last >= 0 else -1):
                last, last_range = j, (start, end)
    closing: list[tuple[int, SignalKind]] = []
    if last >= 0:
        lo, hi = closing_part(doc, starts[last], last_range)
        closing = [(starts[j], labels[j]) for j in range(bisect.bisect_left(starts, lo), bisect.bisect_left(starts, hi)) if labels[j] in _SELLING]
    return Features(kept, counts, len(words), closing)


def signal_counts(doc: Doc, ranges: Sequence[tuple[int, int]]) -> dict[SignalKind, int]:
    """How many signal and focus spans of each kind start inside ``ranges`` (``features_of(...).counts``)."""
    counts: dict[SignalKind, int] = {}
    starts, labels = span_index(doc)
    for start, end in ranges:
        for j in range(bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)):
            counts[labels[j]] = counts.get(labels[j], 0) + 1
    return counts


def word_count(doc: Doc, ranges: Sequence[tuple[int, int]]) -> int:
    """How many words (tokens but spaces and punctuation) ``ranges`` hold (``features_of(...).n_words``).

    Counted without building the list of words: ``list.count`` runs in C.
    """
    lexemes = token_lexemes(doc)
    return sum(len(chunk) - chunk.count(None) for chunk in (lexemes[start:end] for start, end in ranges))


def lexeme_ngrams(lexemes: list[str], ngram_range: tuple[int, int] = (1, 2)) -> list[str]:
    """Word n-grams over lexemes (the analyzer of the lexical features)."""
    lo, hi = ngram_range
    grams: list[str] = []
    for n in range(lo, hi + 1):
        if n == 1:
            grams.extend(lexemes)
        else:  # zip of shifted copies: the n-word windows, in order
            grams.extend(map(" ".join, zip(*(lexemes[k:] for k in range(n)))))
    return grams
