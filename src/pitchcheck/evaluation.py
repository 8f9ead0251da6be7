"""Metrics and evaluation: how well a model does on labeled data, next to a baseline."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Sequence

import numpy as np

from .errors import InputError
from .model import LABELS, RELATIONSHIP, SELLING, PitchClassifier

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["metrics", "expected_calibration_error", "evaluate", "Evaluation", "tfidf_baseline", "BASELINE_CS"]

#: The C values the TF-IDF + LogisticRegression baseline is tuned over.
BASELINE_CS = (0.1, 0.3, 1.0, 3.0, 10.0, 30.0)


def expected_calibration_error(y_true: Sequence[int], p: Sequence[float], bins: int = 10) -> float:
    """Expected calibration error over ``bins`` equal-width bins of the predicted probability."""
    y = np.asarray(y_true, dtype=float)
    p = np.asarray(p, dtype=float)
    idx = np.minimum((p * bins).astype(int), bins - 1)
    ece = 0.0
    for b in range(bins):
        mask = idx == b
        if mask.any():
            ece += mask.mean() * abs(p[mask].mean() - y[mask].mean())
    return float(ece)


def metrics(labels: Sequence[str], p_selling: Sequence[float], threshold: float) -> dict[str, Any]:
    """Accuracy, per-label precision/recall/F1, macro-F1, ROC-AUC, Brier, ECE, confusion matrix."""
    from sklearn.metrics import accuracy_score, brier_score_loss, confusion_matrix, f1_score, precision_recall_fscore_support, roc_auc_score

    y = np.asarray(labels, dtype=object)
    p = np.asarray(p_selling, dtype=float)
    pred = np.where(p >= threshold, SELLING, RELATIONSHIP)
    target = (y == SELLING).astype(int)
    prec, rec, f1, support = precision_recall_fscore_support(y, pred, labels=list(LABELS), zero_division=0)
    both = len(set(target)) == 2
    return {
        "n": int(len(y)),
        "accuracy": float(accuracy_score(y, pred)),
        "macro_f1": float(f1_score(y, pred, labels=list(LABELS), average="macro", zero_division=0)),
        "per_label": {
            lab: {"precision": float(prec[i]), "recall": float(rec[i]), "f1": float(f1[i]), "support": int(support[i])}
            for i, lab in enumerate(LABELS)
        },
        "roc_auc": float(roc_auc_score(target, p)) if both else None,
        "brier": float(brier_score_loss(target, p)) if len(y) else None,
        "ece": expected_calibration_error(target, p),
        "confusion_matrix": {"labels": list(LABELS), "matrix": confusion_matrix(y, pred, labels=list(LABELS)).tolist()},
    }


def tfidf_baseline(train_texts: Sequence[str], train_labels: Sequence[str], *, seed: int = 0) -> Any:
    """TF-IDF (word 1-2 grams) + LogisticRegression, its C tuned by 5-fold CV (macro-F1)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GridSearchCV, StratifiedKFold
    from sklearn.pipeline import make_pipeline

    pipe = make_pipeline(TfidfVectorizer(ngram_range=(1, 2)), LogisticRegression(max_iter=5000))
    search = GridSearchCV(
        pipe,
        {"logisticregression__C": list(BASELINE_CS)},
        scoring="f1_macro",
        cv=StratifiedKFold(5, shuffle=True, random_state=seed),
    )
    search.fit(list(train_texts), list(train_labels))
    return search.best_estimator_


@dataclass
class Evaluation:
    """Metrics of a model on a labeled set: overall, hard subset, conversations, groups."""

    split: str
    threshold: float
    results: dict[str, dict[str, Any]]
    groups: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    baseline: dict[str, dict[str, Any]] | None = None
    baseline_C: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "split": self.split,
            "threshold": self.threshold,
            "results": self.results,
            "groups": self.groups,
            "baseline": self.baseline,
            "baseline_C": self.baseline_C,
        }


def _subsets(df: "pd.DataFrame") -> dict[str, np.ndarray]:
    subsets = {"all": np.ones(len(df), dtype=bool)}
    if "difficulty" in df.columns:
        subsets["hard"] = (df["difficulty"] == "hard").to_numpy()
    if "kind" in df.columns:
        subsets["conversation"] = (df["kind"] == "conversation").to_numpy()
    return subsets


def _score_subsets(df: "pd.DataFrame", p: np.ndarray, threshold: float) -> dict[str, dict[str, Any]]:
    y = df["label"].to_numpy()
    return {name: metrics(y[mask], p[mask], threshold) for name, mask in _subsets(df).items() if mask.any()}


def evaluate(
    model: PitchClassifier | str | Path | None = None,
    data: "str | Path | pd.DataFrame | None" = None,
    *,
    split: str | None = "test",
    baseline: bool = False,
    threshold: float | None = None,
) -> Evaluation:
    """Evaluate a model on labeled data (the shipped corpus's test split by default).

    Parameters
    ----------
    model : PitchClassifier or path, optional
        The shipped model by default.
    data : path or DataFrame, optional
        Labeled data with ``text`` and ``label`` (and optionally ``split``, ``kind``,
        ``difficulty``, ``channel``); the shipped corpus by default.
    split : {"test", "train", None}, default="test"
        Evaluate on this split of ``data`` (``None``: every row).
    baseline : bool, default=False
        Also train TF-IDF (word 1-2 grams) + LogisticRegression, its C tuned by 5-fold
        cross-validation on the rows *not* in ``split``, and score it side by side.
    threshold : float, optional
        Overrides the model's threshold.

    Returns
    -------
    Evaluation
        Metrics for all rows, the hard subset and conversations, and per channel, kind
        and difficulty.

    Examples
    --------
    >>> ev = evaluate()
    >>> round(ev.results["all"]["macro_f1"], 2) >= 0.9
    True
    """
    import pandas as pd

    from .api import _resolve_model
    from .corpus import load_corpus, read_labeled_csv

    clf = _resolve_model(model)  # type: ignore[arg-type]
    if data is None:
        df = load_corpus()
    elif isinstance(data, pd.DataFrame):
        df = data.reset_index(drop=True)
    else:
        df = read_labeled_csv(data)
    if split is not None:
        if "split" not in df.columns:
            raise InputError(f"the data has no 'split' column, so split={split!r} cannot be selected; use split=None")
        rest = df[df["split"] != split].reset_index(drop=True)
        df = df[df["split"] == split].reset_index(drop=True)
        if df.empty:
            raise InputError(f"no rows with split={split!r}")
    else:
        rest = None
    th = float(clf.threshold if threshold is None else threshold)
    p = clf.predict_proba(df["text"].tolist())[:, 0]
    results = _score_subsets(df, p, th)
    groups: dict[str, dict[str, dict[str, Any]]] = {}
    y = df["label"].to_numpy()
    for col in ("channel", "kind", "difficulty"):
        if col in df.columns:
            groups[col] = {str(v): metrics(y[(df[col] == v).to_numpy()], p[(df[col] == v).to_numpy()], th) for v in sorted(df[col].unique())}
    ev = Evaluation(split=split or "all", threshold=th, results=results, groups=groups)
    if baseline:
        if rest is None or rest.empty:
            raise InputError("the baseline is trained on the rows outside the evaluated split; there are none")
        base = tfidf_baseline(rest["text"].tolist(), rest["label"].tolist())
        classes = list(base.classes_)
        pb = base.predict_proba(df["text"].tolist())[:, classes.index(SELLING)]
        ev.baseline = _score_subsets(df, pb, 0.5)
        ev.baseline_C = float(base.get_params()["logisticregression__C"])
    return ev
