"""Word n-gram counts for fitting: every text's n-grams counted once, then sliced per fold.

Cross-validation fits the lexical block dozens of times over subsets of the same texts.
:class:`GramCounts` counts the n-grams of all of them (and of their last parts) once, in
the process that extracted the features; a fold takes its rows, and a worker process gets
its rows as plain arrays, with no n-gram to build or code again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfTransformer

from .features import Features, lexeme_ngrams


@dataclass(frozen=True)
class GramCounts:
    """N-gram counts of a list of texts, then of each one's last part.

    Rows ``0 .. n - 1`` are the texts, in order; ``last_row[i]`` is the row of text ``i``'s
    last part (``Features.last``), or -1 when the text is its own last part. Columns are
    every n-gram seen, in Python's string order, the order scikit-learn gives a
    vocabulary, so any subset of the columns is already in vocabulary order.
    """

    counts: sp.csr_matrix
    terms: list[str]
    last_row: np.ndarray

    @classmethod
    def of(cls, feats: Sequence[Features], ngram_range: tuple[int, int], *, last_parts: bool = True) -> "GramCounts":
        """Count the n-grams of ``feats`` (``lexeme_ngrams`` of their lexemes) and, with ``last_parts``, of their last parts."""
        n = len(feats)
        last_row = np.full(n, -1, dtype=np.int64)
        parts = list(feats)
        if last_parts:
            for i, f in enumerate(feats):
                if f.last is not None:
                    last_row[i] = len(parts)
                    parts.append(f.last)
        index: dict[str, int] = {}
        setdefault = index.setdefault
        codes: list[int] = []
        lengths = []
        for f in parts:
            grams = lexeme_ngrams(f.lexemes, ngram_range)
            codes += [setdefault(gram, len(index)) for gram in grams]
            lengths.append(len(grams))
        terms = sorted(index)
        rank = np.empty(len(terms), dtype=np.int64)
        rank[[index[t] for t in terms]] = np.arange(len(terms))
        rows = np.repeat(np.arange(len(parts)), lengths)
        counts = sp.csr_matrix(
            (np.ones(len(codes)), (rows, rank[np.asarray(codes, dtype=np.int64)])), shape=(len(parts), len(terms))
        )
        counts.sum_duplicates()
        return cls(counts, terms, last_row)

    def take(self, rows: Sequence[int] | np.ndarray) -> "GramCounts":
        """The counts of the texts ``rows`` (and of their last parts), with the same columns."""
        rows = np.asarray(rows, dtype=np.int64)
        last = self.last_row[rows]
        has = last >= 0
        counts = sp.vstack([self.counts[rows], self.counts[last[has]]], format="csr")
        last_row = np.full(len(rows), -1, dtype=np.int64)
        last_row[has] = len(rows) + np.arange(int(has.sum()))
        return GramCounts(counts, self.terms, last_row)

    @property
    def texts(self) -> sp.csr_matrix:
        """The texts' rows."""
        return self.counts[: len(self.last_row)]

    @property
    def parted(self) -> np.ndarray:
        """Which texts have a last part of their own, in the order of :attr:`last_parts`."""
        return np.flatnonzero(self.last_row >= 0)

    @property
    def last_parts(self) -> sp.csr_matrix:
        """The rows of the last parts of the texts :attr:`parted`."""
        return self.counts[len(self.last_row) :]

    def columns_in(self, vocabulary: dict[str, int]) -> np.ndarray:
        """Each column's index in ``vocabulary``, -1 for n-grams not in it."""
        get = vocabulary.get
        return np.fromiter((get(t, -1) for t in self.terms), dtype=np.int64, count=len(self.terms))


def tfidf(counts: sp.csr_matrix, column_of: np.ndarray, idf: np.ndarray) -> sp.csr_matrix:
    """The TF-IDF rows (sublinear tf, l2-normalised, scikit-learn's own transformer) of ``counts``.

    ``column_of`` maps each column of ``counts`` to a vocabulary column, -1 to drop it.
    """
    counts = counts.tocoo()
    known = column_of[counts.col] >= 0
    X = sp.csr_matrix((counts.data[known], (counts.row[known], column_of[counts.col[known]])), shape=(counts.shape[0], len(idf)))
    X.sum_duplicates()
    transformer = TfidfTransformer(sublinear_tf=True)
    transformer.idf_ = idf
    return transformer.transform(X)
