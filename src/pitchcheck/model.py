"""The scikit-learn estimator: :class:`PitchClassifier`."""

from __future__ import annotations

import bisect
import functools
import itertools
import math
import operator
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Callable, Iterable, Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.feature_extraction.text import TfidfTransformer, TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.utils.validation import check_is_fitted
from threadpoolctl import threadpool_limits

from ._grams import GramCounts, tfidf
from .errors import InputError, InputTypeError, ModelError
from .features import (
    FOCUS_COLUMNS,
    FOCUS_KINDS,
    RELATIONSHIP_KINDS,
    SELLING_KINDS,
    STRUCTURE_COLUMNS,
    Features,
    analyse,
    closing_part,
    features_of,
    last_part,
    lexeme_ngrams,
    lexeme_positions,
    span_index,
    validate_text,
)
from .signals import SignalKind

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["PitchClassifier", "LABELS", "SELLING", "RELATIONSHIP"]

SELLING = "direct_selling"
RELATIONSHIP = "relationship_building"
#: The two labels, in the order of ``classes_`` (sorted, as scikit-learn does).
LABELS: tuple[str, str] = (SELLING, RELATIONSHIP)


@dataclass(frozen=True)
class Contributions:
    """How a text's calibrated log-odds of direct selling add up."""

    intercept: float
    #: Per signal kind: its count's term, plus its share of the selling breadth term.
    kinds: dict[SignalKind, float]
    focus: float
    lexical: float
    #: Per selling signal of the closing part, (start token, kind): its share of the
    #: closing term.
    closing: dict[tuple[int, SignalKind], float] = field(default_factory=dict)

    @property
    def signals(self) -> float:
        """What the selling and relationship signals add, all terms together."""
        return sum(self.kinds.values()) + sum(self.closing.values())

    @property
    def logit(self) -> float:
        return self.intercept + self.signals + self.focus + self.lexical

    def __add__(self, other: "Contributions") -> "Contributions":
        kinds, closing = dict(self.kinds), dict(self.closing)
        for k, v in other.kinds.items():
            kinds[k] = kinds.get(k, 0.0) + v
        for key, v in other.closing.items():
            closing[key] = closing.get(key, 0.0) + v
        return Contributions(self.intercept + other.intercept, kinds, self.focus + other.focus, self.lexical + other.lexical, closing)


#: Token ranges ``(start, end)`` of a Doc that together make one text to score: the whole
#: text, a sentence, a turn, a speaker's turns (as in ``features_of(doc, ranges)``).
Ranges = Sequence[tuple[int, int]]

#: Column of each signal kind in the per-row kind counts of ``_explain_docs``.
_KIND_INDEX: dict[SignalKind, int] = {kind: i for i, kind in enumerate(SignalKind)}
_SELLING = frozenset(SELLING_KINDS)
_FOCUS = frozenset(FOCUS_KINDS)


def _concat_ranges(starts: Sequence[int], stops: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
    """``concatenate([arange(a, b) for a, b in zip(starts, stops)])``, and each range's length.

    Without a Python loop: each range's indices are ``arange(total)`` shifted by where the
    range starts minus where its indices start in the output.
    """
    first = np.asarray(starts, dtype=np.int64)
    lengths = np.asarray(stops, dtype=np.int64) - first
    ends = np.cumsum(lengths)
    total = int(ends[-1]) if len(ends) else 0
    return np.arange(total, dtype=np.int64) + np.repeat(first - (ends - lengths), lengths), lengths


def _of_counts(function: Callable[[int], float], counts: np.ndarray) -> np.ndarray:
    """``function`` of each count, read from a table of its values at 0, 1, ..., max.

    Counts are small, and NumPy's ``log``/``log1p`` can differ from ``math``'s in the last
    bit: with the table, the terms are exactly those of the one-text-at-a-time scoring.
    """
    table = np.array([function(i) for i in range(int(counts.max(initial=0)) + 1)], dtype=float)
    return table[counts]


def _in_text_order(doc: "Doc", ranges: Ranges, kinds: Sequence[SignalKind]) -> list[SignalKind]:
    """``kinds`` in the order ``features_of(doc, ranges).counts`` first counts them."""
    starts, labels = span_index(doc)
    wanted = set(kinds)
    order: dict[SignalKind, None] = {}
    for a, b in ranges:
        for j in range(bisect.bisect_left(starts, a), bisect.bisect_left(starts, b)):
            if labels[j] in wanted:
                order.setdefault(labels[j])
    return list(order)


def _sublinear_tf(count: int) -> float:
    """TF-IDF's sublinear tf of a count, as ``_lexical_dot_of_counts`` computes it (0 for 0)."""
    if count == 0:
        return 0.0
    return 1.0 if count == 1 else 1.0 + math.log(count)


@dataclass
class _Rows:
    """Where the n-grams and signals of many rows are (rows: texts made of token ranges of Docs).

    Built by ``PitchClassifier._gather_rows``. Positions index the Docs' per-lexeme and
    per-span lists laid end to end; a run ``(row, start, stop)`` says that ``row`` holds
    the entries ``start`` to ``stop`` of such a list.
    """

    #: Per n-gram length n: per lexeme of each Doc, the vocabulary column of the n-gram
    #: starting there (-1: not in the vocabulary, or too close to the Doc's end).
    gram_columns: dict[int, list[int]]
    #: Per n-gram length: the runs of ``gram_columns[n]`` each row holds.
    gram_runs: dict[int, tuple[list[int], list[int], list[int]]]
    #: Row and column of each n-gram that joins two runs of a row (see ``_add_joined_grams``).
    joined_rows: list[int] = field(default_factory=list)
    joined_columns: list[int] = field(default_factory=list)
    #: Per signal or focus span of each Doc (in ``span_index`` order): its ``_KIND_INDEX``.
    span_kinds: list[int] = field(default_factory=list)
    #: The runs of ``span_kinds`` each row holds.
    span_runs: tuple[list[int], list[int], list[int]] = field(default_factory=lambda: ([], [], []))
    #: Per row, how many lexemes it holds (the lexical block of a short text is shrunk).
    lexeme_counts: list[int] = field(default_factory=list)
    #: Per row, how many selling signals its closing part holds (with selling features only).
    closing_counts: list[int] = field(default_factory=list)
    #: Per Doc, per row asked for (by its index among the Doc's rows): (start token, kind)
    #: of each selling signal in the row's closing part (with selling features only).
    closing: list[dict[int, list[tuple[int, SignalKind]]]] = field(default_factory=list)
    #: Per Doc, its first row.
    first: list[int] = field(default_factory=list)
    #: Rows so far; the last one is the row being gathered.
    count: int = 0

    def add_run(self, runs: tuple[list[int], list[int], list[int]], start: int, stop: int) -> None:
        """Record in ``runs`` that the current row holds entries ``start`` to ``stop``."""
        runs[0].append(self.count)
        runs[1].append(start)
        runs[2].append(stop)


@dataclass(frozen=True)
class _Weights:
    """A fitted model's weights in the form scoring reads them (lists for one text, arrays for many)."""

    linear: LogisticRegression
    vectorizer: TfidfVectorizer | None
    vocabulary: dict[str, int]
    #: Coefficients of the signal columns.
    signal_coef: list[float]
    #: Per vocabulary column: its coefficient times its idf, and its idf squared.
    coef_idf: list[float]
    idf_squared: list[float]
    #: The same as arrays, for scoring many texts at once.
    signal_coef_array: np.ndarray
    coef_idf_array: np.ndarray
    idf_squared_array: np.ndarray

    @functools.cached_property
    def bigram_index(self) -> tuple[np.ndarray, np.ndarray] | tuple[None, None]:
        """Every two-word n-gram of the vocabulary as ``first * size + second`` (its lexemes'
        own columns, ``size`` the vocabulary's), sorted, and the column of each.

        With it, the bigram columns of many Docs are found with NumPy from their unigram
        columns, without joining and looking up a string per bigram. ``(None, None)`` when
        some bigram's lexemes are not in the vocabulary themselves (not a vocabulary
        ``min_df`` builds). Built on first use (~35 ms for the shipped model's 51,000
        n-grams), so a one-off ``check`` does not pay for it.
        """
        return _bigram_index(self.vocabulary)

    @classmethod
    def of(cls, model: "PitchClassifier") -> "_Weights":
        if list(model.signal_columns_) != model._signal_column_names():
            raise ModelError(
                f"this model was fitted with the signal columns {list(model.signal_columns_)}, but this version of "
                f"pitchcheck builds {model._signal_column_names()}; retrain it with `pitchcheck train`"
            )
        vectorizer = model.vectorizer_
        width = len(model.signal_columns_)
        signal_coef = model.linear_.coef_[0][:width].tolist()
        signal_array = np.array(signal_coef, dtype=float)
        if vectorizer is None:
            return cls(model.linear_, None, {}, signal_coef, [], [], signal_array, np.zeros(0), np.zeros(0))
        coef = model.linear_.coef_[0][width:]
        idf = vectorizer.idf_
        coef_idf, idf_squared = coef * idf, idf * idf
        return cls(
            model.linear_,
            vectorizer,
            vectorizer.vocabulary_,
            signal_coef,
            coef_idf.tolist(),
            idf_squared.tolist(),
            signal_array,
            coef_idf,
            idf_squared,
        )


#: How many Docs ``_explain_docs`` must score at once to read bigrams through ``_Weights.bigram_index``.
_BIGRAM_INDEX_MIN_DOCS = 8


def _bigram_index(vocabulary: dict[str, int]) -> tuple[np.ndarray, np.ndarray] | tuple[None, None]:
    """``_Weights.bigram_index`` of a vocabulary."""
    size = len(vocabulary)
    keys, columns = [], []
    for term, column in vocabulary.items():
        if term.count(" ") == 1:
            first, second = (vocabulary.get(lexeme) for lexeme in term.split(" "))
            if first is None or second is None:
                return None, None
            keys.append(first * size + second)
            columns.append(column)
    order = np.argsort(np.asarray(keys, dtype=np.int64), kind="stable")
    return np.asarray(keys, dtype=np.int64)[order], np.asarray(columns, dtype=np.int64)[order]


def _as_texts(X: Any) -> list[str]:
    if isinstance(X, (str, bytes)):
        raise InputTypeError("expected a list of texts, got a single string; wrap it in a list")
    try:
        texts = list(X)
    except TypeError:
        raise InputTypeError(f"expected an iterable of texts, got {type(X).__name__}") from None
    if texts and hasattr(X, "ndim") and getattr(X, "ndim", 1) != 1:
        raise InputTypeError("expected a one-dimensional sequence of texts")
    for i, text in enumerate(texts):
        validate_text(text, position=i)
    return texts


class PitchClassifier(ClassifierMixin, BaseEstimator):
    """Tell direct selling from relationship building, on raw texts.

    Texts go through pitchcheck's spaCy pipeline; the features are the signal counts
    (log1p of each selling and relationship signal kind), how the selling signals are
    laid out (how many different kinds; how many in the closing sentence or turn), the
    sender/recipient focus, and TF-IDF over word n-grams (lower-cased words); a logistic
    regression combines them. A second, two-weight logistic regression fitted on
    out-of-fold decisions calibrates the probabilities (Platt scaling) and, with
    ``use_last_part``, adds the decision on the text's last part (its last sentence or
    turn, where a pitch most often puts its ask; ``features.last_part``) scored as a text
    of its own. A text's calibrated log-odds are exactly the sum of its features'
    contributions.

    Parameters
    ----------
    C : float, default=1.0
        Inverse regularisation strength of the logistic regression.
    lexical_weight : float, default=0.5
        Scale of the TF-IDF block relative to the signal features.
    lexical_min_words : int, default=10
        A text with fewer lexemes than this has its TF-IDF block scaled by
        ``sqrt(n_lexemes / lexical_min_words)``: the l2-normalised TF-IDF of a two-word
        greeting would otherwise weigh as much as that of a whole e-mail. 0 turns it off.
    lexical_nb : float, default=0.0
        How much each TF-IDF column is scaled by how strongly its n-gram leans to one label
        in the training texts, as in NBSVM (Wang and Manning, 2012): column ``j`` is
        multiplied by ``1 - lexical_nb + lexical_nb * abs(r[j])``, where ``r[j]`` is the
        log-ratio of the share of each label's texts that hold the n-gram (add-one
        smoothed). The regularisation then holds back telling n-grams less than
        incidental ones. The scale is folded into the fitted coefficients, so prediction
        reads plain TF-IDF. 0 turns it off; at most 1.
    ngram_range : tuple of int, default=(1, 2)
        Lemma n-gram lengths of the lexical features.
    min_df : int, default=2
        Minimum number of training texts a word n-gram must appear in.
    use_selling, use_relationship, use_focus, use_lexical : bool, default=True
        Switch each feature family on or off (for ablations). At least one must be on.
    use_last_part : bool, default=True
        Also weigh the decision on the text's last sentence or turn (see above); off, the
        calibration is a plain sigmoid on the whole text's decision.
    threshold : float, default=0.5
        ``predict`` returns ``direct_selling`` iff its probability is >= threshold.
    calibration_folds : int, default=5
        Folds of the out-of-fold decisions the calibration is fitted on.
    random_state : int, default=0
        Seed of the calibration folds.
    batch_size : int, default=64
        Texts per ``nlp.pipe`` batch.

    Attributes
    ----------
    classes_ : ndarray
        ``['direct_selling', 'relationship_building']`` (or ``[0, 1]`` when fitted on labels
        encoded in that order, as ``cross_val_predict`` does); ``predict_proba`` columns
        follow it, so column 0 is always the probability of direct selling.
    signal_columns_ : list of str
        Names of the signal feature columns in use.
    vectorizer_ : TfidfVectorizer or None
        The lexical features' vectorizer (``None`` when ``use_lexical=False``).
    linear_ : LogisticRegression
        The fitted linear model.
    calibration_ : tuple of float
        Slope and intercept of the calibration on the whole text's linear decision.
    last_part_slope_ : float
        Slope of the calibration on the last part's linear decision (0 without
        ``use_last_part``). A text of one part is its own last part: both slopes apply
        to its one decision.

    Examples
    --------
    >>> import pitchcheck
    >>> train = pitchcheck.load_corpus("train")
    >>> clf = PitchClassifier(C=0.5).fit(train.text, train.label)
    >>> clf.predict(["Congrats on the new role, Ana!"])
    array(['relationship_building'], dtype='<U21')
    """

    def __init__(
        self,
        C: float = 1.0,
        lexical_weight: float = 0.5,
        lexical_min_words: int = 10,
        lexical_nb: float = 0.0,
        ngram_range: tuple[int, int] = (1, 2),
        min_df: int = 2,
        use_selling: bool = True,
        use_relationship: bool = True,
        use_focus: bool = True,
        use_lexical: bool = True,
        use_last_part: bool = True,
        threshold: float = 0.5,
        calibration_folds: int = 5,
        random_state: int = 0,
        batch_size: int = 64,
    ) -> None:
        self.C = C
        self.lexical_weight = lexical_weight
        self.lexical_min_words = lexical_min_words
        self.lexical_nb = lexical_nb
        self.ngram_range = ngram_range
        self.min_df = min_df
        self.use_selling = use_selling
        self.use_relationship = use_relationship
        self.use_focus = use_focus
        self.use_lexical = use_lexical
        self.use_last_part = use_last_part
        self.threshold = threshold
        self.calibration_folds = calibration_folds
        self.random_state = random_state
        self.batch_size = batch_size

    # ------------------------------------------------------------------ features
    def _kinds(self) -> list[SignalKind]:
        return list(SELLING_KINDS if self.use_selling else ()) + list(RELATIONSHIP_KINDS if self.use_relationship else ())

    def _extract(self, texts: Sequence[str]) -> list[Features]:
        return [features_of(a.doc) for a in analyse(texts, batch_size=self.batch_size)]

    def _signal_column_names(self) -> list[str]:
        structure = list(STRUCTURE_COLUMNS) if self.use_selling else []
        return [k.value for k in self._kinds()] + structure + (list(FOCUS_COLUMNS) if self.use_focus else [])

    def _signal_matrix(self, feats: Sequence[Features]) -> np.ndarray:
        kinds = self._kinds()
        width = len(self._signal_column_names())
        if not width:
            return np.zeros((len(feats), 0))
        return np.array([f.signal_vector(kinds, self.use_focus, self.use_selling) for f in feats], dtype=float)

    def _new_vectorizer(self) -> TfidfVectorizer:
        return TfidfVectorizer(
            analyzer=functools.partial(_ngrams, ngram_range=tuple(self.ngram_range)),
            min_df=self.min_df,
            sublinear_tf=True,
            dtype=np.float64,
        )

    def _design(self, feats: Sequence[Features], vectorizer: TfidfVectorizer | None, lexical: sp.csr_matrix | None = None) -> sp.csr_matrix:
        """The design matrix: signal columns, then the lexical block scaled per text.

        ``lexical`` is the TF-IDF block when already computed (by ``_fit_vectorizer``);
        otherwise it is read off the counted n-grams of ``feats`` (``_counted_tfidf``),
        as ``vectorizer.transform`` would give it.
        """
        blocks = [sp.csr_matrix(self._signal_matrix(feats))]
        if vectorizer is not None:
            if lexical is None:
                lexical = _counted_tfidf(vectorizer, feats, tuple(self.ngram_range))
            scale = np.array([self._lexical_scale(len(f.lexemes)) for f in feats])
            blocks.append(sp.diags(scale) @ lexical)
        return sp.hstack(blocks, format="csr")

    def _fit_vectorizer(self, feats: Sequence[Features], grams: GramCounts) -> tuple[TfidfVectorizer, sp.csr_matrix, np.ndarray]:
        """A fitted ``TfidfVectorizer`` (as ``_new_vectorizer().fit`` gives it), its TF-IDF rows of ``feats``, and its column of each n-gram of ``grams``.

        scikit-learn's vectorizer counts n-grams in a Python loop on every fit and every
        transform; cross-validation fitted it ~140 times over the same texts, which was most
        of ``train``'s time. Here the n-grams of ``feats`` are counted once (``grams``, a
        :class:`~pitchcheck._grams.GramCounts` of them), a fit selects columns with NumPy,
        and the vocabulary and idf are set on a real ``TfidfVectorizer``: same vocabulary
        (order included), idf and rows, as a test checks.
        """
        counts = grams.texts
        df = np.bincount(counts.indices, minlength=counts.shape[1])
        min_count = self.min_df if isinstance(self.min_df, (int, np.integer)) else self.min_df * len(feats)
        kept = np.flatnonzero((df >= min_count) & (df > 0))  # columns in vocabulary order already
        if not len(kept):
            raise InputError("no n-gram occurs in enough texts for the lexical features; lower min_df or add texts")
        column_of = np.full(counts.shape[1], -1, dtype=np.int64)
        column_of[kept] = np.arange(len(kept))
        counts = counts[:, kept]
        transformer = TfidfTransformer(sublinear_tf=True).fit(counts)
        vectorizer = self._new_vectorizer()
        vectorizer.vocabulary_ = {grams.terms[k]: j for j, k in enumerate(kept.tolist())}
        vectorizer.idf_ = transformer.idf_
        return vectorizer, transformer.transform(counts), column_of

    def _fit_linear(
        self, feats: Sequence[Features], y: np.ndarray, grams: GramCounts | None
    ) -> tuple[TfidfVectorizer | None, LogisticRegression, np.ndarray | None]:
        """The linear model on ``feats``: its vectorizer (None without lexical features), the fitted regression, and the vectorizer's column of each n-gram of ``grams``."""
        vectorizer = lexical = column_of = None
        if self.use_lexical:
            vectorizer, lexical, column_of = self._fit_vectorizer(feats, grams if grams is not None else self._grams(feats))
        X = self._design(feats, vectorizer, lexical)
        scale = None
        if lexical is not None and self.lexical_nb:
            scale = _nb_scale(lexical, y, self.lexical_nb)
            width = X.shape[1] - len(scale)
            X = (X @ sp.diags(np.concatenate([np.ones(width), scale]))).tocsr()
        linear = LogisticRegression(C=self.C, max_iter=5000, solver="lbfgs")
        # One BLAS thread: these problems are small, and on a busy machine a BLAS thread
        # pool competing with other processes made fitting up to 20x slower.
        with threadpool_limits(limits=1, user_api="blas"):
            linear.fit(X, y)
        if scale is not None:
            # Fold the scale into the coefficients: a weight w on the scaled column is a
            # weight w * scale on the plain one, so prediction needs no scale of its own.
            linear.coef_[0, width:] *= scale
        return vectorizer, linear, column_of

    def _grams(self, feats: Sequence[Features]) -> GramCounts | None:
        """The n-gram counts fitting on ``feats`` reads (None without lexical features)."""
        return GramCounts.of(feats, tuple(self.ngram_range), last_parts=self.use_last_part) if self.use_lexical else None

    def _fold_decisions(
        self,
        vectorizer: TfidfVectorizer | None,
        linear: LogisticRegression,
        column_of: np.ndarray | None,
        feats: Sequence[Features],
        grams: GramCounts | None,
    ) -> np.ndarray:
        """A fold's linear decisions on ``feats``: column 0 on each text, column 1 (with ``use_last_part``) on its last part.

        A text of one part is its own last part, so it gets its own decision twice.
        """
        def decide(part: Sequence[Features], counts: sp.csr_matrix | None) -> np.ndarray:
            lexical = None if vectorizer is None else tfidf(counts, column_of, vectorizer.idf_)
            return linear.decision_function(self._design(part, vectorizer, lexical))

        out = np.zeros((len(feats), 2 if self.use_last_part else 1))
        out[:, 0] = decide(feats, grams.texts if grams is not None else None)
        if self.use_last_part:
            out[:, 1] = out[:, 0]
            parted = [k for k, f in enumerate(feats) if f.last is not None]
            if parted:
                if grams is not None and not np.array_equal(grams.parted, parted):
                    raise ValueError("the n-gram counts are not those of these texts' last parts")
                out[parted, 1] = decide([feats[k].last for k in parted], grams.last_parts if grams is not None else None)
        return out

    # ------------------------------------------------------------------ fitting
    def fit(self, X: Iterable[str], y: Iterable[str]) -> "PitchClassifier":
        """Fit on raw texts ``X`` and labels ``y`` (``direct_selling`` / ``relationship_building``).

        Returns
        -------
        PitchClassifier
            ``self``, fitted.
        """
        texts = _as_texts(X)
        return self._fit_features(self._extract(texts), y)

    def _fit_features(
        self, feats: Sequence[Features], y: Iterable[str], grams: GramCounts | None = None, oof: np.ndarray | None = None
    ) -> "PitchClassifier":
        """Fit on extracted features.

        ``grams`` are the n-gram counts of ``feats`` (``_grams``), counted here when not
        given. ``oof`` are the out-of-fold decisions the calibration is fitted on (as
        ``_fold_decisions`` gives them on this model's calibration folds), computed here when
        not given: :func:`~pitchcheck.training.train` passes those its cross-validation
        has already computed on the same folds.
        """
        if not (self.use_selling or self.use_relationship or self.use_focus or self.use_lexical):
            raise InputError("every feature family is switched off; turn at least one on")
        if isinstance(self.lexical_nb, bool) or not isinstance(self.lexical_nb, (int, float)) or not 0.0 <= self.lexical_nb <= 1.0:
            raise InputError(f"lexical_nb must be a number from 0 to 1, got {self.lexical_nb!r}")
        labels = np.asarray(list(y), dtype=object)
        if len(labels) != len(feats):
            raise InputError(f"got {len(feats)} texts but {len(labels)} labels")
        self.classes_ = _classes_for(labels)
        target = (labels == self.classes_[0]).astype(int)
        if target.min() == target.max():
            raise InputError("training needs examples of both labels")
        self.signal_columns_ = self._signal_column_names()
        if grams is None:
            grams = self._grams(feats)
        if oof is None:
            from sklearn.model_selection import StratifiedKFold

            folds = StratifiedKFold(n_splits=self.calibration_folds, shuffle=True, random_state=self.random_state)
            oof = np.zeros((len(feats), 2 if self.use_last_part else 1))
            for train_idx, val_idx in folds.split(np.zeros(len(target)), target):
                part = grams.take(train_idx) if grams is not None else None
                fitted = self._fit_linear([feats[i] for i in train_idx], target[train_idx], part)
                val_grams = grams.take(val_idx) if grams is not None else None
                oof[val_idx] = self._fold_decisions(*fitted, [feats[i] for i in val_idx], val_grams)
        calibrator = LogisticRegression(C=1e6, max_iter=1000).fit(oof, target)
        self.calibration_ = (float(calibrator.coef_[0, 0]), float(calibrator.intercept_[0]))
        self.last_part_slope_ = float(calibrator.coef_[0, 1]) if self.use_last_part else 0.0
        self.vectorizer_, self.linear_, _ = self._fit_linear(feats, target, grams)
        return self

    # ------------------------------------------------------------------ predicting
    def _check_fitted(self) -> None:
        """Raise ``NotFittedError`` unless fitted.

        ``check_is_fitted`` also builds the estimator's tags, a cost on every sentence
        scored; it runs only when an attribute is missing, to raise its usual error.
        """
        if not (hasattr(self, "linear_") and hasattr(self, "calibration_")):
            check_is_fitted(self, ["linear_", "calibration_"])

    @property
    def _weights(self) -> "_Weights":
        """The fitted weights as prediction reads them; a cache, rebuilt when the fit changes.

        Built into a local and then assigned, so threads sharing a model at worst build it
        twice; never pickled (see ``__getstate__``).
        """
        weights = self.__dict__.get("_weights_cache")
        if weights is None or weights.linear is not self.linear_ or weights.vectorizer is not self.vectorizer_:
            weights = _Weights.of(self)
            self.__dict__["_weights_cache"] = weights
        return weights

    def _gram_columns(self, lexemes: list[str]) -> list[list[int | None]]:
        """The vocabulary column of each n-gram of ``lexemes`` (``None``: not in the vocabulary).

        One list per n-gram length (shortest first), each by start position.
        """
        lookup = self._weights.vocabulary.get
        lo, hi = self.ngram_range
        return [list(map(lookup, _ngrams(lexemes, (n, n)))) for n in range(lo, hi + 1)]

    def _lexical_dot_of_counts(self, counts: Counter[int]) -> float:
        """``coef . x`` over the lexical block, for the TF-IDF row ``x`` of these column counts.

        The arithmetic of ``vectorizer_.transform`` (sublinear tf, idf, l2 norm) and the dot
        product, folded together: with ``w = tf * idf`` per column, ``coef . x`` is
        ``sum(tf * coef * idf) / sqrt(sum(tf**2 * idf**2))``, read off per-column products
        computed once per model. Equal to ``linear_.coef_ @ transform(...)`` up to float
        rounding, without scikit-learn's per-call validation, which dominates for one
        short text (and pitchcheck scores every sentence).
        """
        if not counts:
            return 0.0
        weights = self._weights
        coef_idf, idf_squared = weights.coef_idf, weights.idf_squared
        dot = squares = 0.0
        for j, count in counts.items():
            tf = 1.0 if count == 1 else 1.0 + math.log(count)
            dot += tf * coef_idf[j]
            squares += tf * tf * idf_squared[j]
        return dot / math.sqrt(squares)

    def _lexical_scale(self, n_lexemes: int) -> float:
        """The factor of a text's TF-IDF block: ``lexical_weight``, shrunk for very short texts."""
        weight = float(self.lexical_weight)
        if n_lexemes < self.lexical_min_words:
            weight *= math.sqrt(n_lexemes / self.lexical_min_words)
        return weight

    def _lexical_of_columns(self, columns: list[list[int | None]], n_lexemes: int) -> float:
        """The lexical block's ``coef . x`` (uncalibrated) for a text's ``_gram_columns``."""
        counts = Counter(itertools.chain.from_iterable(columns))
        counts.pop(None, None)  # n-grams outside the vocabulary
        return self._lexical_scale(n_lexemes) * self._lexical_dot_of_counts(counts)  # type: ignore[arg-type]

    def _lexical(self, feats: Features) -> float:
        """The lexical block's ``coef . x`` (uncalibrated; 0 without lexical features)."""
        if self.vectorizer_ is None:
            return 0.0
        return self._lexical_of_columns(self._gram_columns(feats.lexemes), len(feats.lexemes))

    def _signal_terms(self, feats: Features) -> list[float]:
        """Per signal column ``coef * x`` (uncalibrated)."""
        vector = feats.signal_vector(self._kinds(), self.use_focus, self.use_selling)
        return list(map(operator.mul, self._weights.signal_coef, vector))

    def _logits(self, feats: Sequence[Features]) -> np.ndarray:
        """Calibrated log-odds of ``feats``, each text's decisions computed on its own with plain Python floats.

        ``decision_function`` uses it; checking scores the parts of many texts at once with
        ``_explain_docs``, and training the folds' texts with ``_fold_decisions``; their
        tests compare them with this.
        """
        self._check_fitted()
        parted = bool(self.last_part_slope_)
        decisions = []
        for f in feats:
            whole = self._decision(f)
            decisions.append((whole, self._decision(f.last) if parted and f.last is not None else whole))
        return self._calibrated(np.array(decisions, dtype=float).reshape(len(decisions), 2))

    def _calibrated(self, decisions: np.ndarray) -> np.ndarray:
        """Calibrated log-odds from linear decisions on texts (column 0) and their last parts (column 1, if any)."""
        slope, intercept = self.calibration_
        logits = slope * decisions[:, 0] + intercept
        if decisions.shape[1] > 1:
            logits += self.last_part_slope_ * decisions[:, 1]
        return logits

    def _decision(self, feats: Features) -> float:
        """The linear model's decision on ``feats`` (uncalibrated log-odds)."""
        return sum(self._signal_terms(feats)) + self._lexical(feats) + float(self.linear_.intercept_[0])

    # ------------------------------------------------------------------ scoring many texts at once
    def _explain_docs(self, items: Sequence[tuple["Doc", Sequence[Ranges]]]) -> list[tuple[Contributions, np.ndarray]]:
        """For each ``(doc, rows)``: the ``_contributions`` of its first row and the logits of every row.

        A row is the text made of some token ranges of the doc, as ``features_of(doc, ranges)``
        reads it: ``check`` scores the whole text, then each sentence or turn and each speaker.
        Equal (up to float rounding) to ``_contributions(features_of(doc, rows[0]))`` and
        ``_logits([features_of(doc, r) for r in rows])``, but every row of every doc is
        scored with a few NumPy operations: scoring ~6 rows per text one by one, with a
        Counter and a Python loop per row, cost more than all the rest of building a result.
        Each row has its own structure columns (selling breadth, closing part: see
        ``features_of``), its own lexical shrink (``_lexical_scale`` of its lexeme count)
        and its own last part (``features.last_part``): a row's last part is scored as one
        more row, unless it is already one (a message's last sentence, a speaker's last turn).
        """
        self._check_fitted()
        slope_last = self.last_part_slope_
        # Per item: its rows with the last parts that are not rows yet appended, and per
        # row the index of its last part's row (the row itself when it is its own last part).
        extended: list[tuple["Doc", Sequence[Ranges]]] = []
        last_of: list[list[int]] = []
        for doc, item_rows in items:
            lasts = list(range(len(item_rows)))
            if slope_last:
                index = {tuple(r): i for i, r in enumerate(item_rows)}
                item_rows = list(item_rows)
                for i in range(len(lasts)):
                    part = last_part(doc, item_rows[i])
                    if part is not None and (part,) != tuple(item_rows[i]):
                        j = index.get((part,))
                        if j is None:
                            j = index[(part,)] = len(item_rows)
                            item_rows.append([part])
                        lasts[i] = j
            extended.append((doc, item_rows))
            last_of.append(lasts)
        rows = self._gather_rows(extended, [{0, lasts[0]} for lasts in last_of])
        counts = self._kind_counts_of_rows(rows)
        terms = self._signal_terms_of_rows(rows, counts)
        lexical = self._lexical_of_rows(rows)
        slope, intercept = self.calibration_
        decisions = terms.sum(axis=1) + lexical + float(self.linear_.intercept_[0])
        kinds = self._kinds()
        selling_columns = [_KIND_INDEX[k] for k in SELLING_KINDS]

        def contributions_of(d: int, doc: "Doc", ranges: Ranges, row: int, row_slope: float) -> Contributions:
            row_terms = terms[row].tolist()
            present = [k for k, count in zip(SELLING_KINDS, counts[row, selling_columns].tolist()) if count]
            if any(not row_terms[kinds.index(k)] for k in present if k in kinds):
                # A kind with no term of its own (a zero weight) joins the contributions when
                # its breadth share is added: in the order features_of meets the kinds.
                present = _in_text_order(doc, ranges, present)
            closing_keys = rows.closing[d][row - rows.first[d]] if self.use_selling else ()  # gathered only for the selling family
            return self._split_terms(row_terms, present, closing_keys, float(lexical[row]), row_slope)

        out = []
        for d, ((doc, item_rows), (_, all_rows), lasts, first) in enumerate(zip(items, extended, last_of, rows.first)):
            own = decisions[first : first + len(all_rows)]
            logits = slope * own[: len(item_rows)] + intercept
            if slope_last:
                logits = logits + slope_last * own[lasts]
            # A text that is its own last part has one row, to which both slopes apply.
            contributions = contributions_of(d, doc, all_rows[0], first, slope if lasts[0] else slope + slope_last)
            if lasts[0]:
                contributions = contributions + contributions_of(d, doc, all_rows[lasts[0]], first + lasts[0], slope_last)
            out.append((replace(contributions, intercept=contributions.intercept + intercept), logits))
        return out

    def _gather_rows(self, items: Sequence[tuple["Doc", Sequence[Ranges]]], keyed: Sequence[set[int]]) -> "_Rows":
        """Where the n-grams and signals of each row of ``items`` are (see ``_Rows``).

        ``keyed``: per item, the rows whose closing part's selling signals are listed
        (``_Rows.closing``).
        """
        weights = self._weights
        lookup = weights.vocabulary.get
        sizes = range(self.ngram_range[0], self.ngram_range[1] + 1) if self.vectorizer_ is not None else range(0)
        # For a batch, bigram columns are read off the unigram columns at the end, for all
        # Docs at once (the index is worth building once a process checks many texts).
        by_key = len(items) >= _BIGRAM_INDEX_MIN_DOCS and 1 in sizes and 2 in sizes and weights.bigram_index[0] is not None
        by_text_sizes = [n for n in sizes if not (by_key and n == 2)]
        doc_ends: list[int] = []  # where each Doc's lexemes end in gram_columns (for by_key)
        structure = self.use_selling
        rows = _Rows(gram_columns={n: [] for n in sizes}, gram_runs={n: ([], [], []) for n in sizes})
        lexeme_offset = span_offset = 0
        for doc, doc_rows in items:
            positions, lexemes = lexeme_positions(doc)
            starts, kinds = span_index(doc)
            for n in by_text_sizes:  # one entry per lexeme: the n-gram starting there (-1 past the end)
                columns = rows.gram_columns[n]
                columns.extend(map(lookup, lexeme_ngrams(lexemes, (n, n)), itertools.repeat(-1)))
                columns.extend([-1] * min(n - 1, len(lexemes)))
            rows.span_kinds.extend(map(_KIND_INDEX.__getitem__, kinds))
            rows.first.append(rows.count)
            if structure:
                rows.closing.append({})
                # Per k: the last selling or relationship span among the first k spans (-1:
                # none), and how many of the first k spans are selling signals.
                last_signal = list(itertools.accumulate((-1 if kind in _FOCUS else j for j, kind in enumerate(kinds)), max, initial=-1))
                selling = list(itertools.accumulate(map(_SELLING.__contains__, kinds), initial=0))
            for r, ranges in enumerate(doc_rows):
                runs: list[list[int]] = []  # [first, last + 1] lexeme of each run of consecutive lexemes
                n_lexemes = 0
                signal, signal_range = -1, (0, 0)  # the row's last selling or relationship span
                for a, b in ranges:
                    lo, hi = bisect.bisect_left(positions, a), bisect.bisect_left(positions, b)
                    if lo < hi:
                        n_lexemes += hi - lo
                        if runs and runs[-1][1] == lo:
                            runs[-1][1] = hi
                        else:
                            runs.append([lo, hi])
                    first, last = bisect.bisect_left(starts, a), bisect.bisect_left(starts, b)
                    if first < last:
                        rows.add_run(rows.span_runs, span_offset + first, span_offset + last)
                        # As features_of: the span starting last, in the last range holding it.
                        if structure and last_signal[last] >= first and (signal < 0 or starts[last_signal[last]] >= starts[signal]):
                            signal, signal_range = last_signal[last], (a, b)
                rows.lexeme_counts.append(n_lexemes)
                if structure:
                    span_lo = span_hi = 0  # the spans starting in the closing part
                    if signal >= 0:
                        part_start, part_end = closing_part(doc, starts[signal], signal_range)
                        span_lo, span_hi = bisect.bisect_left(starts, part_start), bisect.bisect_left(starts, part_end)
                    rows.closing_counts.append(selling[span_hi] - selling[span_lo] if span_hi > span_lo else 0)
                    if r in keyed[len(rows.first) - 1]:
                        rows.closing[-1][r] = [(starts[j], kinds[j]) for j in range(span_lo, span_hi) if kinds[j] in _SELLING]
                for n in sizes:
                    for lo, hi in runs:  # the n-grams inside a run are the doc's own
                        if hi - n + 1 > lo:
                            rows.add_run(rows.gram_runs[n], lexeme_offset + lo, lexeme_offset + hi - n + 1)
                if len(runs) > 1 and len(sizes) and sizes[-1] > 1:
                    self._add_joined_grams(rows, [lexemes[lo:hi] for lo, hi in runs], sizes)
                rows.count += 1
            lexeme_offset += len(lexemes)
            span_offset += len(starts)
            doc_ends.append(lexeme_offset)
        if by_key:
            rows.gram_columns[2] = self._bigram_columns(rows.gram_columns[1], doc_ends)  # type: ignore[assignment]
        return rows

    def _bigram_columns(self, unigram_columns: list[int], doc_ends: list[int]) -> np.ndarray:
        """Per lexeme, the column of the bigram starting there (as ``gram_columns[2]``), from the unigram columns.

        ``doc_ends`` are where each Doc's lexemes end: no bigram runs from one Doc into the next.
        """
        weights = self._weights
        bigram_keys, bigram_columns = weights.bigram_index
        assert bigram_keys is not None and bigram_columns is not None
        unigrams = np.asarray(unigram_columns, dtype=np.int64)
        out = np.full(len(unigrams), -1, dtype=np.int64)
        if len(unigrams) < 2 or not len(bigram_keys):
            return out
        first, second = unigrams[:-1], unigrams[1:]
        keys = first * len(weights.vocabulary) + second
        found = np.minimum(np.searchsorted(bigram_keys, keys), len(bigram_keys) - 1)
        hit = (first >= 0) & (second >= 0) & (bigram_keys[found] == keys)
        ends = np.asarray(doc_ends, dtype=np.int64)
        hit[ends[(ends > 0) & (ends < len(unigrams))] - 1] = False  # a Doc's last lexeme starts no bigram
        out[:-1] = np.where(hit, bigram_columns[found], -1)
        return out

    def _add_joined_grams(self, rows: "_Rows", pieces: list[list[str]], sizes: range) -> None:
        """Add to the current row the n-grams of the joined ``pieces`` that run past a piece's end.

        The n-grams within one piece are the doc's own; these join the end of one run of
        consecutive lexemes to the next (across a speaker's name between two turns).
        """
        lookup = self._weights.vocabulary.get
        joined = [lexeme for piece in pieces for lexeme in piece]
        for n in sizes:
            offset = 0
            for piece in pieces:
                for q in range(offset + max(0, len(piece) - n + 1), min(offset + len(piece), len(joined) - n + 1)):
                    column = lookup(" ".join(joined[q : q + n]))
                    if column is not None:
                        rows.joined_rows.append(rows.count)
                        rows.joined_columns.append(column)
                offset += len(piece)

    @staticmethod
    def _kind_counts_of_rows(rows: "_Rows") -> np.ndarray:
        """Per row and signal kind (``_KIND_INDEX``), how many of its spans the row holds."""
        index, lengths = _concat_ranges(rows.span_runs[1], rows.span_runs[2])
        width = len(_KIND_INDEX)
        kind_of_span = np.asarray(rows.span_kinds, dtype=np.int64)
        row_of_span = np.repeat(np.asarray(rows.span_runs[0], dtype=np.int64), lengths)
        return np.bincount(row_of_span * width + kind_of_span[index], minlength=rows.count * width).reshape(rows.count, width)

    def _signal_terms_of_rows(self, rows: "_Rows", counts: np.ndarray) -> np.ndarray:
        """Per row and signal column, ``coef * x`` (uncalibrated), as ``_signal_terms`` gives it.

        ``counts``: the rows' ``_kind_counts_of_rows``.
        """
        log_counts = _of_counts(math.log1p, counts)
        values = [log_counts[:, [_KIND_INDEX[k] for k in self._kinds()]]]
        if self.use_selling:  # STRUCTURE_COLUMNS: how many selling kinds, how many closing selling signals
            breadth = np.count_nonzero(counts[:, [_KIND_INDEX[k] for k in SELLING_KINDS]], axis=1)
            closing = np.asarray(rows.closing_counts, dtype=np.int64)
            values += [_of_counts(math.log1p, breadth)[:, None], _of_counts(math.log1p, closing)[:, None]]
        if self.use_focus:
            sender_column, recipient_column = _KIND_INDEX[SignalKind.SENDER_FOCUS], _KIND_INDEX[SignalKind.RECIPIENT_FOCUS]
            sender, recipient = counts[:, sender_column], counts[:, recipient_column]
            balance = (sender - recipient) / (sender + recipient + 2)
            values += [log_counts[:, [sender_column, recipient_column]], balance[:, None]]
        return np.hstack(values) * self._weights.signal_coef_array

    def _lexical_of_rows(self, rows: "_Rows") -> np.ndarray:
        """Per row, the lexical block's ``coef . x`` (uncalibrated), as ``_lexical`` gives it.

        The rows' n-gram columns are counted together (``np.unique`` of row * width + column),
        then ``_lexical_dot_of_counts`` is applied to every row at once and scaled by the
        row's ``_lexical_scale`` (of its own lexeme count).
        """
        weights = self._weights
        if self.vectorizer_ is None:
            return np.zeros(rows.count)
        row_parts, column_parts = [np.asarray(rows.joined_rows, dtype=np.int64)], [np.asarray(rows.joined_columns, dtype=np.int64)]
        for n, (run_rows, starts, stops) in rows.gram_runs.items():
            index, lengths = _concat_ranges(starts, stops)
            row_parts.append(np.repeat(np.asarray(run_rows, dtype=np.int64), lengths))
            column_parts.append(np.asarray(rows.gram_columns[n], dtype=np.int64)[index])
        row_of, column_of = np.concatenate(row_parts), np.concatenate(column_parts)
        known = column_of >= 0
        width = len(weights.coef_idf_array)
        keys, counts = np.unique(row_of[known] * width + column_of[known], return_counts=True)
        row_of, column_of = np.divmod(keys, width)
        tf = _of_counts(_sublinear_tf, counts)
        dot = np.bincount(row_of, weights=tf * weights.coef_idf_array[column_of], minlength=rows.count)
        squares = np.bincount(row_of, weights=tf * tf * weights.idf_squared_array[column_of], minlength=rows.count)
        norms = np.sqrt(squares)
        # Lemma counts at or above lexical_min_words all have the full weight: the table stops there.
        n_lexemes = np.minimum(np.asarray(rows.lexeme_counts, dtype=np.int64), max(math.ceil(self.lexical_min_words), 0))
        return _of_counts(self._lexical_scale, n_lexemes) * np.divide(dot, norms, out=np.zeros(rows.count), where=squares > 0)

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        state.pop("_weights_cache", None)  # a cache, rebuilt on first use
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        # A model pickled before ``use_last_part`` existed calibrated without the last part.
        state.setdefault("use_last_part", False)
        if "calibration_" in state:
            state.setdefault("last_part_slope_", 0.0)
        super().__setstate__(state)

    def decision_function(self, X: Iterable[str]) -> np.ndarray:
        """Calibrated log-odds of ``direct_selling`` for each text."""
        self._check_fitted()
        return self._logits(self._extract(_as_texts(X)))

    def _proba_from_logits(self, logits: np.ndarray) -> np.ndarray:
        from scipy.special import expit

        p = expit(logits)
        return np.column_stack([p, 1.0 - p])

    def predict_proba(self, X: Iterable[str]) -> np.ndarray:
        """Probabilities, one column per class in ``classes_`` (direct_selling first)."""
        return self._proba_from_logits(self.decision_function(X))

    def predict(self, X: Iterable[str]) -> np.ndarray:
        """``direct_selling`` where its probability >= ``threshold``, else ``relationship_building``."""
        p = self.predict_proba(X)[:, 0]
        return np.where(p >= self.threshold, self.classes_[0], self.classes_[1])

    # ------------------------------------------------------------------ explaining
    def _contributions(self, feats: Features) -> Contributions:
        """Split a text's calibrated log-odds into per-kind, focus and lexical parts."""
        self._check_fitted()
        slope, intercept = self.calibration_
        slope_last = self.last_part_slope_
        # A text that is its own last part (``last`` is None) takes both slopes.
        last = feats.last if slope_last else None
        contributions = self._split_terms(self._signal_terms(feats), feats.selling_kinds(), feats.closing, self._lexical(feats), slope if last is not None else slope + slope_last)
        if last is not None:
            contributions = contributions + self._split_terms(self._signal_terms(last), last.selling_kinds(), last.closing, self._lexical(last), slope_last)
        return replace(contributions, intercept=contributions.intercept + intercept)

    def _split_terms(
        self, terms: Sequence[float], present: Sequence[SignalKind], closing_keys: Sequence[tuple[int, SignalKind]], lexical: float, slope: float
    ) -> Contributions:
        """The :class:`Contributions` of one text's signal terms and lexical term, times ``slope``.

        ``terms`` are the uncalibrated ``coef * x`` of the signal columns, ``present`` the
        selling kinds found (in text order) and ``closing_keys`` the closing part's selling
        signals. The structure terms are shared out exactly: breadth equally among the
        selling kinds present, the closing term equally among the closing part's signals.
        The intercept is ``slope`` times the linear model's (the calibration's own is not added).
        """
        kinds = self._kinds()
        per_kind = {k: float(slope * term) for k, term in zip(kinds, terms) if term}
        rest = len(kinds)
        closing: dict[tuple[int, SignalKind], float] = {}
        if self.use_selling:
            breadth, closing_term = terms[rest : rest + len(STRUCTURE_COLUMNS)]
            for k in present:
                per_kind[k] = per_kind.get(k, 0.0) + float(slope * breadth) / len(present)
            for key in closing_keys:
                closing[key] = closing.get(key, 0.0) + float(slope * closing_term) / len(closing_keys)
            rest += len(STRUCTURE_COLUMNS)
        focus = float(slope * sum(terms[rest:])) if self.use_focus else 0.0
        return Contributions(float(slope * float(self.linear_.intercept_[0])), per_kind, focus, float(slope * lexical), closing)

    def top_lexical(self, n: int = 20) -> dict[str, list[tuple[str, float]]]:
        """The word n-grams with the largest weights toward each label."""
        check_is_fitted(self, ["linear_"])
        if self.vectorizer_ is None:
            return {SELLING: [], RELATIONSHIP: []}
        names = self.vectorizer_.get_feature_names_out()
        coef = self.linear_.coef_[0][len(self.signal_columns_) :]
        order = np.argsort(coef)
        return {
            SELLING: [(str(names[i]), float(coef[i])) for i in order[::-1][:n]],
            RELATIONSHIP: [(str(names[i]), float(coef[i])) for i in order[:n]],
        }

    def signal_weights(self) -> dict[str, float]:
        """The linear model's weight of each signal column (before calibration)."""
        check_is_fitted(self, ["linear_"])
        return {name: float(w) for name, w in zip(self.signal_columns_, self.linear_.coef_[0])}

    def __sklearn_tags__(self):  # type: ignore[no-untyped-def]
        tags = super().__sklearn_tags__()
        tags.input_tags.string = True
        tags.input_tags.two_d_array = False
        return tags


def _nb_scale(lexical: sp.csr_matrix, y: np.ndarray, amount: float) -> np.ndarray:
    """Per lexical column, ``1 - amount + amount * |r|``: ``r`` is the n-gram's log-count ratio.

    ``r = log((p / |p|_1) / (q / |q|_1))``, where ``p`` and ``q`` count, plus one, the
    texts of each class (``y`` 1 and 0) that hold the n-gram (NBSVM's binarised ratio).
    """
    present = lexical.copy()
    present.data = np.ones_like(present.data)
    p = 1.0 + np.asarray(present[y == 1].sum(axis=0)).ravel()
    q = 1.0 + np.asarray(present[y == 0].sum(axis=0)).ravel()
    ratio = np.log((p / p.sum()) / (q / q.sum()))
    return 1.0 - amount + amount * np.abs(ratio)


def _classes_for(labels: np.ndarray) -> np.ndarray:
    """``classes_`` for these labels: the two label names, or 0/1 as scikit-learn encodes them.

    ``cross_val_predict(..., method="predict_proba")`` passes labels encoded in sorted
    order, so 0 stands for ``direct_selling`` and 1 for ``relationship_building``.
    """
    values = set(labels.tolist())
    if values <= set(LABELS):
        return np.array(LABELS)
    if values <= {0, 1} and all(isinstance(v, (int, np.integer)) and not isinstance(v, bool) for v in values):
        return np.array([0, 1])
    unknown = sorted(str(v) for v in values - set(LABELS))
    raise InputError(f"unknown label(s) {unknown}; expected {list(LABELS)}")


def _ngrams(doc: list[str], ngram_range: tuple[int, int] = (1, 2)) -> list[str]:
    return lexeme_ngrams(doc, ngram_range)


def _counted_tfidf(vectorizer: TfidfVectorizer, feats: Sequence[Features], ngram_range: tuple[int, int]) -> sp.csr_matrix:
    """``vectorizer.transform([f.lexemes for f in feats])``, computed from the counted n-grams.

    The counts over the vectorizer's vocabulary (n-grams outside it dropped) go through
    scikit-learn's own ``TfidfTransformer`` with the vectorizer's idf.
    """
    grams = GramCounts.of(feats, ngram_range, last_parts=False)
    return tfidf(grams.texts, grams.columns_in(vectorizer.vocabulary_), vectorizer.idf_)
