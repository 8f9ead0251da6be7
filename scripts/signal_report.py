"""How well the rule-based signals separate the labels, on the train split only.

    python scripts/signal_report.py [--show N]

Prints the 5-fold cross-validated macro-F1 of a signals-only PitchClassifier and of
the full one, how often each signal kind fires per label, and train items the rules
miss (direct selling with no selling signal) or over-fire on (relationship building
with selling signals). It never reads the test split: rules are written from train.
"""

from __future__ import annotations

import argparse
from collections import Counter

import numpy as np
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedKFold

import pitchcheck
from pitchcheck.features import SELLING_KINDS
from pitchcheck.model import SELLING, PitchClassifier


def cv_f1(feats, y, **params) -> tuple[float, np.ndarray]:
    oof = np.zeros(len(y))
    for tr, va in StratifiedKFold(5, shuffle=True, random_state=0).split(np.zeros(len(y)), y):
        m = PitchClassifier(**params)._fit_features([feats[i] for i in tr], y[tr])
        oof[va] = 1 / (1 + np.exp(-m._logits([feats[i] for i in va])))
    pred = np.where(oof >= 0.5, SELLING, "relationship_building")
    return f1_score(y, pred, average="macro"), oof


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--show", type=int, default=15)
    args = parser.parse_args()
    df = pitchcheck.load_corpus("train")
    y = df["label"].to_numpy()
    feats = PitchClassifier()._extract(df["text"].tolist())
    f_sig, oof = cv_f1(feats, y, use_lexical=False)
    f_all, _ = cv_f1(feats, y, C=3.0, lexical_weight=2.0)
    print(f"signals-only CV macro-F1: {f_sig:.3f}   full (C=3, lexical_weight=2): {f_all:.3f}")
    hard = (df["difficulty"] == "hard").to_numpy()
    pred = np.where(oof >= 0.5, SELLING, "relationship_building")
    print(f"signals-only hard subset: {f1_score(y[hard], pred[hard], average='macro'):.3f}")
    print("\nkind: items with it (direct_selling / relationship_building)")
    for kind in pitchcheck.SignalKind:
        ds = sum(1 for f, lab in zip(feats, y) if f.counts.get(kind) and lab == SELLING)
        rb = sum(1 for f, lab in zip(feats, y) if f.counts.get(kind) and lab != SELLING)
        print(f"  {kind.value:24s} {ds:4d} / {rb:4d}")
    no_sell = [i for i, (f, lab) in enumerate(zip(feats, y)) if lab == SELLING and not any(f.counts.get(k) for k in SELLING_KINDS)]
    print(f"\ndirect_selling train items with no selling signal: {len(no_sell)} of {int((y == SELLING).sum())}")
    for i in no_sell[: args.show]:
        print(f"  {df['id'][i]}: {df['text'][i][:220]!r}")
    wrong = np.where(pred != y)[0]
    print(f"\nsignals-only out-of-fold errors: {len(wrong)}")
    for i in wrong[: args.show]:
        kinds = Counter({k.value: v for k, v in feats[i].counts.items() if v and 'focus' not in k.value})
        print(f"  {df['id'][i]} [{y[i]}] p={oof[i]:.2f} {dict(kinds)}: {df['text'][i][:200]!r}")


if __name__ == "__main__":
    main()
