"""The public checking API: :func:`check`, :func:`check_many` and their result objects."""

from __future__ import annotations

import bisect
import math
import re
import string
from dataclasses import asdict, dataclass, field
from typing import Any, Iterable, Iterator, Literal, Sequence

import numpy as np
from spacy.attrs import IS_ALPHA, IS_STOP

from .errors import InputError, InputTypeError
from .features import Analysis, analyse, signal_counts, span_kind, token_lexemes, validate_text, word_count
from .model import RELATIONSHIP, SELLING, Contributions, PitchClassifier
from .normalize import IgnoredRegion
from .preprocess import SIGNALS_KEY, TURNS_KEY, doc_sentences, doc_text
from .signals import KINDS, Family, SignalKind

__all__ = ["check", "check_many", "CheckResult", "Signal", "Segment", "SpeakerScore", "SCHEMA_VERSION", "BORDERLINE_MARGIN"]

#: Version of the layout of :meth:`CheckResult.to_dict`; bumped on any incompatible change.
SCHEMA_VERSION = 1
#: A score within this distance of the threshold is reported as borderline.
BORDERLINE_MARGIN = 0.10
#: Fewer words than this is "very short": the verdict rests on little evidence.
SHORT_WORDS = 8


@dataclass(frozen=True)
class Signal:
    """One piece of evidence: a phrase, what it is, and how much it weighs.

    ``text == input[start:end]`` (code-point offsets into the exact input). ``weight``
    is the phrase's contribution to the calibrated log-odds of direct selling:
    positive pushes toward ``direct_selling``, negative toward ``relationship_building``.
    """

    text: str
    start: int
    end: int
    kind: str
    family: str
    habit: str
    weight: float


@dataclass(frozen=True)
class Segment:
    """A sentence of a message, or a turn of a conversation, with its own score."""

    index: int
    text: str
    start: int
    end: int
    score: float
    speaker: str | None = None


@dataclass(frozen=True)
class SpeakerScore:
    """One speaker of a conversation: their turns scored together."""

    name: str
    score: float
    turns: int
    label: str


@dataclass(frozen=True)
class CheckResult:
    """The verdict on one text, with the evidence and advice behind it.

    Attributes
    ----------
    label : str or None
        ``direct_selling`` or ``relationship_building`` (``None`` when ``error`` is set).
    score : float or None
        Calibrated probability of ``direct_selling``.
    threshold : float
        ``label`` is ``direct_selling`` iff ``score >= threshold``.
    borderline : bool
        The score is within ``BORDERLINE_MARGIN`` of the threshold.
    kind : str
        ``message`` or ``conversation``.
    signals : tuple of Signal
        The evidence found, in text order.
    sentences, turns : tuple of Segment
        Per-sentence scores of a message, or per-turn scores of a conversation.
    speakers : tuple of SpeakerScore
        Per-speaker scores of a conversation.
    pitch_start : int or None
        Index (in ``sentences`` or ``turns``) where the pitch starts, for a pitch.
    pitcher : str or None
        The speaker who pitches, for a conversation labelled ``direct_selling``.
    advice : tuple of str
        One line per selling phrase, quoting it, grounded in the five habits.
    low_evidence : tuple of str
        Why the verdict rests on little evidence (empty when it does not).
    """

    text: str
    label: str | None
    score: float | None
    threshold: float
    borderline: bool = False
    kind: str = "message"
    signals: tuple[Signal, ...] = ()
    sentences: tuple[Segment, ...] = ()
    turns: tuple[Segment, ...] = ()
    speakers: tuple[SpeakerScore, ...] = ()
    speaker: str | None = None
    pitch_start: int | None = None
    pitcher: str | None = None
    advice: tuple[str, ...] = ()
    low_evidence: tuple[str, ...] = ()
    focus: dict[str, float] = field(default_factory=dict)
    contributions: dict[str, float] = field(default_factory=dict)
    ignored: tuple[IgnoredRegion, ...] = ()
    warnings: tuple[str, ...] = ()
    error: str | None = None

    @property
    def is_pitch(self) -> bool:
        """Whether the text reads as direct selling."""
        return self.label == SELLING

    def to_dict(self) -> dict[str, Any]:
        """A JSON-serialisable dict (see the README for the schema), with ``schema_version``."""
        data = asdict(self)
        data["schema_version"] = SCHEMA_VERSION
        data.pop("text")
        return data


def _resolve_model(model: PitchClassifier | str | None) -> PitchClassifier:
    from .persistence import load_model

    if model is None or isinstance(model, (str,)) or hasattr(model, "__fspath__"):
        return load_model(model)  # type: ignore[arg-type]
    if not isinstance(model, PitchClassifier):
        raise InputTypeError(f"model must be a PitchClassifier or a path, got {type(model).__name__}")
    return model


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x)) if x >= 0 else math.exp(x) / (1.0 + math.exp(x))


#: The letters (``str.isalpha``) that are ASCII.
_ASCII_LETTER = re.compile("[A-Za-z]")
#: The same, as bytes for ``bytes.translate``.
_ASCII_LETTER_BYTES = string.ascii_letters.encode()
_NON_ASCII = re.compile("[^\x00-\x7f]+")


def _letter_counts(text: str) -> tuple[int, int]:
    """How many letters (``str.isalpha``) ``text`` has, and how many of them are ASCII.

    Among ASCII characters the letters are exactly ``A-Za-z``: they are counted in C (the
    text's ASCII bytes less those letters), and only the non-ASCII characters one by one.
    """
    ascii_part = text.encode("ascii", "ignore")
    ascii_letters = len(ascii_part) - len(ascii_part.translate(None, _ASCII_LETTER_BYTES))
    other_letters = sum(map(str.isalpha, "".join(_NON_ASCII.findall(text))))
    return ascii_letters + other_letters, ascii_letters


def _not_english(doc: Any) -> bool:
    """Mostly non-Latin letters, or too few English stop words for English prose."""
    text = doc_text(doc)
    if text.isascii():  # every letter is ASCII: only whether there is one matters
        if not _ASCII_LETTER.search(text):
            return False
    else:
        letters, ascii_letters = _letter_counts(text)
        if not letters:
            return False
        if ascii_letters < 0.5 * letters:
            return True
    flags = doc.to_array([IS_ALPHA, IS_STOP])
    words = np.count_nonzero(flags[:, 0])
    stops = np.count_nonzero(flags[:, 0] & flags[:, 1])
    return words >= 6 and stops < 0.12 * words


@dataclass(frozen=True)
class _Plan:
    """What checking one analysed text scores, as token ranges of its Doc."""

    #: ``message`` or ``conversation``.
    kind: str
    #: (start, end, speaker) of each turn of a conversation.
    turns: list[tuple[int, int, str]]
    #: The speaker checked alone (``check(..., speaker=)``), if any.
    speaker: str | None
    #: The text checked: its turns (of ``speaker``), or the whole Doc.
    ranges: list[tuple[int, int]]
    #: The sentences of a message or the turns of a conversation, each scored on its own.
    parts: list[tuple[int, int, str | None]]
    #: The speakers of a conversation, each scored on all their turns.
    names: list[str]

    def rows(self) -> list[list[tuple[int, int]]]:
        """The texts to score: the whole, each part, each speaker (``_explain_docs`` rows)."""
        return [
            self.ranges,
            *([(a, b)] for a, b, _ in self.parts),
            *([(a, b) for a, b, who in self.turns if who == name] for name in self.names),
        ]


def _plan(analysis: Analysis, speaker: str | None) -> _Plan:
    """Find the turns, the text to check, its parts and speakers; raise on a bad ``speaker``."""
    doc = analysis.doc
    kind = doc._.pitchcheck_kind
    # (start, end, speaker) of each turn
    turns = [(t.start, t.end, t.label_) for t in doc.spans[TURNS_KEY]] if TURNS_KEY in doc.spans else []
    if speaker is not None:
        if kind != "conversation":
            raise InputError("--speaker needs a conversation ('Name: text' on every line)")
        names = sorted({who for _, _, who in turns})
        match = [n for n in names if n.casefold() == speaker.casefold()]
        if not match:
            raise InputError(f"no speaker named {speaker!r}; speakers are: {', '.join(names)}")
        speaker = match[0]
        ranges = [(a, b) for a, b, who in turns if who == speaker]
    elif kind == "conversation" and not turns:
        raise InputError("read as a conversation, but no line looks like 'Name: text'; drop --conversation or kind='conversation'")
    else:
        ranges = [(a, b) for a, b, _ in turns] or [(0, len(doc))]
    # Where the pitch is: each sentence or turn is also scored on its own.
    parts: list[tuple[int, int, str | None]]
    if kind == "conversation":
        parts = [turn for turn in turns if speaker is None or turn[2] == speaker]
    else:
        lexemes = token_lexemes(doc)
        # (a sentence of only spaces and punctuation is not scored: its lexemes are all None)
        parts = [(a, b, None) for a, b in doc_sentences(doc) if lexemes[a:b].count(None) < b - a]
    # A conversation's speakers are scored too: each on all their turns.
    names = list(dict.fromkeys(who for _, _, who in turns)) if kind == "conversation" else []
    return _Plan(kind, turns, speaker, ranges, parts, names)


def _build_many(
    analyses: Sequence[Analysis], model: PitchClassifier, threshold: float, speaker: str | None = None
) -> Iterator[CheckResult]:
    """The results of ``analyses``, in order, all their texts scored together.

    Scoring the parts of a whole batch with one ``_explain_docs`` call is what makes
    ``check_many`` fast. A text that cannot be checked (``_plan`` raises) raises after the
    results of the texts before it, as when each text was scored on its own.
    """
    plans: list[_Plan] = []
    failure: InputError | None = None
    for analysis in analyses:
        try:
            plans.append(_plan(analysis, speaker))
        except InputError as exc:
            failure = exc
            break
    explained = model._explain_docs([(analysis.doc, plan.rows()) for analysis, plan in zip(analyses, plans)])
    for analysis, plan, (contrib, logits) in zip(analyses, plans, explained):
        yield _result(analysis, plan, contrib, logits[1:], threshold)
    if failure is not None:
        raise failure


def _build(analysis: Analysis, model: PitchClassifier, threshold: float, speaker: str | None) -> CheckResult:
    """The result of one analysed text (``_build_many`` of a batch of one)."""
    return next(_build_many([analysis], model, threshold, speaker))


#: Per signal kind: its name, its family's and its habit's, as a Signal reports them
#: (looked up once: an Enum's ``.value`` is a slow property).
_KIND_NAMES: dict[SignalKind, tuple[str, str, str]] = {kind: (kind.value, info.family.value, info.habit.value) for kind, info in KINDS.items()}


def _trimmed_chars(doc: Any, start: int, end: int) -> tuple[int, int]:
    """Character offsets of tokens ``start:end`` without the space tokens at their end.

    Reads the few tokens it needs: cheaper than the offset, space and length arrays of
    every token of the Doc for the handful of parts of a text.
    """
    while end > start and doc[end - 1].is_space:
        end -= 1
    last = doc[end - 1]
    return doc[start].idx, last.idx + len(last)


def _result(analysis: Analysis, plan: _Plan, contrib: Contributions, logits: np.ndarray, threshold: float) -> CheckResult:
    """Build the result of one text from its plan, its contributions and its parts' and speakers' logits."""
    doc, norm = analysis.doc, analysis.normalized
    kind, turns, speaker, ranges, parts, names = plan.kind, plan.turns, plan.speaker, plan.ranges, plan.parts, plan.names
    counts = signal_counts(doc, ranges)
    n_words = word_count(doc, ranges)
    logits, speaker_logits = logits[: len(parts)], logits[len(parts) :]
    logit = contrib.logit
    score = _sigmoid(logit)
    label = SELLING if score >= threshold else RELATIONSHIP

    signals = []
    for span in doc.spans[SIGNALS_KEY]:
        if not any(a <= span.start < b for a, b in ranges):
            continue
        sk = span_kind(span)
        count = counts.get(sk, 0)
        weight = (contrib.kinds.get(sk, 0.0) / count if count else 0.0) + contrib.closing.get((span.start, sk), 0.0)
        start, end = norm.to_original(span.start_char, span.end_char)
        signals.append(Signal(norm.original[start:end], start, end, *_KIND_NAMES[sk], round(weight, 6)))

    segments = []
    for i, ((a, b, who), lg) in enumerate(zip(parts, logits.tolist())):
        start, end = norm.to_original(*_trimmed_chars(doc, a, b))
        segments.append(Segment(i, norm.original[start:end], start, end, round(_sigmoid(lg), 6), who))
    pitch_start = None
    if label == SELLING and segments:
        # The first part that reads as a pitch on its own and holds selling evidence.
        selling_at = sorted(sig.start for sig in signals if sig.family == Family.SELLING.value and sig.weight > 0)

        def has_selling(seg: Segment) -> bool:
            i = bisect.bisect_left(selling_at, seg.start)
            return i < len(selling_at) and selling_at[i] < seg.end

        over = [s.index for s in segments if s.score >= threshold and has_selling(s)]
        pitch_start = over[0] if over else max(segments, key=lambda s: s.score).index

    speakers: list[SpeakerScore] = []
    pitcher = None
    if kind == "conversation":
        for n, lg in zip(names, speaker_logits):
            p = _sigmoid(float(lg))
            speakers.append(SpeakerScore(n, round(p, 6), sum(who == n for _, _, who in turns), SELLING if p >= threshold else RELATIONSHIP))
        if label == SELLING:
            pitcher = speaker or max(speakers, key=lambda s: s.score).name

    advice = []
    seen: set[str] = set()
    for sig in sorted(signals, key=lambda s: -s.weight):
        if sig.family != Family.SELLING.value or sig.weight <= 0 or sig.text.lower() in seen:
            continue
        seen.add(sig.text.lower())
        advice.append(f'"{sig.text}": {KINDS[SignalKind(sig.kind)].advice}')
    if label == SELLING and not advice:
        advice.append("as a whole this reads as a pitch; lead with them and what you can give, not with your offer.")

    low = []
    if n_words < SHORT_WORDS:
        low.append(f"very short ({n_words} words)")
    if not any(s.family != Family.FOCUS.value for s in signals):
        low.append("no selling or relationship signals found")
    if _not_english(doc):
        low.append("mostly not English (pitchcheck is trained on English)")

    sender = counts.get(SignalKind.SENDER_FOCUS, 0)
    recipient = counts.get(SignalKind.RECIPIENT_FOCUS, 0)
    return CheckResult(
        text=norm.original,
        label=label,
        score=round(score, 6),
        threshold=threshold,
        borderline=abs(score - threshold) < BORDERLINE_MARGIN,
        kind=kind,
        signals=tuple(signals),
        sentences=tuple(segments) if kind == "message" else (),
        turns=tuple(segments) if kind == "conversation" else (),
        speakers=tuple(speakers),
        speaker=speaker,
        pitch_start=pitch_start,
        pitcher=pitcher,
        advice=tuple(advice),
        low_evidence=tuple(low),
        focus={"sender": sender, "recipient": recipient, "weight": round(contrib.focus, 6)},
        contributions={
            "intercept": round(contrib.intercept, 6),
            "signals": round(contrib.signals, 6),
            "focus": round(contrib.focus, 6),
            "lexical": round(contrib.lexical, 6),
        },
        ignored=norm.ignored,
        warnings=analysis.warnings,
    )


def _check_threshold(threshold: float | None, model: PitchClassifier) -> float:
    if threshold is None:
        return float(model.threshold)
    if isinstance(threshold, bool) or not isinstance(threshold, (int, float)) or not 0.0 <= threshold <= 1.0:
        raise InputError(f"threshold must be a number between 0 and 1, got {threshold!r}")
    return float(threshold)


def _check_kind(kind: str | None) -> str | None:
    if kind not in (None, "message", "conversation"):
        raise InputError(f"kind must be None, 'message' or 'conversation', not {kind!r}")
    return kind


def check(
    text: str,
    *,
    model: PitchClassifier | str | None = None,
    threshold: float | None = None,
    kind: Literal["message", "conversation"] | None = None,
    speaker: str | None = None,
) -> CheckResult:
    """Check one message or conversation snippet.

    Parameters
    ----------
    text : str
        The message, or a conversation with one ``Name: text`` turn per line. HTML,
        quoted replies and signatures are handled (see :mod:`pitchcheck.normalize`).
    model : PitchClassifier or path, optional
        A fitted model or a model file; the shipped model by default.
    threshold : float, optional
        Overrides the model's threshold.
    kind : {"message", "conversation"}, optional
        Force how the text is read; detected by default.
    speaker : str, optional
        In a conversation, check only this speaker's turns.

    Returns
    -------
    CheckResult

    Raises
    ------
    InputError
        Empty or whitespace-only text, an unknown speaker, a bad threshold.
    InputTypeError
        ``text`` is not a string.

    Examples
    --------
    >>> result = check("Loved your talk! We help teams like yours cut costs 30%. Free for a quick call Tuesday?")
    >>> result.label
    'direct_selling'
    >>> [s.text for s in result.signals if s.family == "selling"][:2]
    ['teams like yours', '30%']
    """
    validate_text(text)
    clf = _resolve_model(model)
    th = _check_threshold(threshold, clf)
    analysis = next(iter(analyse([text], kinds=[_check_kind(kind)])))
    return _build(analysis, clf, th, speaker)


def check_many(
    texts: Iterable[str],
    *,
    model: PitchClassifier | str | None = None,
    threshold: float | None = None,
    batch_size: int = 64,
    on_error: Literal["raise", "return"] = "raise",
    kind: Literal["message", "conversation"] | None = None,
) -> Iterator[CheckResult]:
    """Check many texts, streaming them through ``nlp.pipe`` in batches.

    Returns an iterator: results come in input order as batches finish, so memory
    stays flat however many texts there are (wrap it in ``list()`` to collect them).

    Parameters
    ----------
    texts : iterable of str
    model, threshold, kind
        As in :func:`check`.
    batch_size : int, default=64
        Texts per spaCy batch.
    on_error : {"raise", "return"}, default="raise"
        ``"raise"``: a bad item (empty, not a string) raises :class:`InputError`.
        ``"return"``: it yields a result with ``label=None`` and ``error`` set, in its place.

    Yields
    ------
    CheckResult

    Examples
    --------
    >>> [r.label for r in check_many(["Thanks for the intro!", "Only 2 spots left, book now: $99"])]
    ['relationship_building', 'direct_selling']
    """
    if isinstance(texts, (str, bytes)):
        raise InputTypeError("check_many expects an iterable of texts, not a single string; use check()")
    if on_error not in ("raise", "return"):
        raise InputError(f"on_error must be 'raise' or 'return', not {on_error!r}")
    if not isinstance(batch_size, int) or batch_size < 1:
        raise InputError(f"batch_size must be a positive integer, got {batch_size!r}")
    clf = _resolve_model(model)
    th = _check_threshold(threshold, clf)
    _check_kind(kind)
    try:
        iterator = iter(texts)
    except TypeError:
        raise InputTypeError(f"check_many expects an iterable of texts, got {type(texts).__name__}") from None
    return _stream(iterator, clf, th, batch_size, on_error, kind)


def _stream(
    texts: Iterator[Any], clf: PitchClassifier, th: float, batch_size: int, on_error: str, kind: str | None
) -> Iterator[CheckResult]:
    """The body of :func:`check_many`."""
    position = 0
    while True:
        chunk: list[Any] = []
        for item in texts:
            chunk.append(item)
            if len(chunk) >= batch_size:
                break
        if not chunk:
            return
        errors: dict[int, str] = {}
        valid: list[str] = []
        for i, item in enumerate(chunk):
            try:
                valid.append(validate_text(item, position=position + i))
            except InputError as exc:
                if on_error == "raise":
                    raise
                errors[i] = str(exc)
        analyses: Sequence[Analysis] = list(analyse(valid, kinds=[kind] * len(valid), batch_size=batch_size)) if valid else []
        it = _build_many(analyses, clf, th)
        for i, item in enumerate(chunk):
            if i in errors:
                yield CheckResult(text=item if isinstance(item, str) else "", label=None, score=None, threshold=th, error=errors[i])
            else:
                yield next(it)
        position += len(chunk)
