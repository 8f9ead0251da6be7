"""How do model settings carry over to writers the rules were not written from? A train-split check.

    git worktree add /tmp/before-rules <commit>      # a checkout with no rule written from the batch
    PYTHONPATH=/tmp/before-rules/src python scripts/fresh_writer_check.py 3047 3226 '{}' '{"lexical_weight": 32}'

For the corpus batch with ids ``first``..``last`` (read from this repository's
``data/corpus.csv``), trains on the train items before it with each variant of the
hyper-parameters (JSON, merged over ``C=1, lexical_weight=16``, the shipped settings when
the script was written), the
threshold by the mean out-of-fold macro-F1 over 3 repetitions of 5-fold CV, and scores
the batch's train items. Run it with the pitchcheck code of a commit from before any rule
was written from that batch (the datasheet's batch table says which batch came when):
with today's rules the check flatters the signal columns. The test split is not read.

The commits used for the figures in ``pitchcheck.training.PARAM_GRID``: d6c0388 for
pc-2868..3046 and pc-3047..3226, 6ad84f6 for pc-3227..3405, and 2fa6ce7 (no rule written
from the batch yet) for pc-3406..3584.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.special import expit
from sklearn.metrics import f1_score

import pitchcheck
from pitchcheck.evaluation import _subsets, metrics
from pitchcheck.model import PitchClassifier
from pitchcheck.training import cross_val_proba

CORPUS = Path(__file__).resolve().parent.parent / "data" / "corpus.csv"


def threshold_for(y: np.ndarray, runs: list[np.ndarray]) -> float:
    """Best mean macro-F1 over ``runs`` (0.20-0.80, ties nearest 0.5), as ``pitchcheck.train`` chooses it.

    ``pitchcheck.training.best_threshold`` does the same since it takes several runs; this
    copy is kept because the script runs against older checkouts, whose ``best_threshold``
    takes one array.
    """
    grid = np.round(np.arange(0.20, 0.801, 0.01), 2)
    f1 = [np.mean([f1_score(y, np.where(p >= t, "direct_selling", "relationship_building"), average="macro") for p in runs]) for t in grid]
    return float(grid[max(range(len(grid)), key=lambda i: (round(f1[i], 10), -abs(grid[i] - 0.5)))])


def main(argv: list[str]) -> int:
    if len(argv) < 3:
        print(__doc__)
        return 2
    first, last, variants = int(argv[0]), int(argv[1]), [json.loads(a) for a in argv[2:]]
    print(f"pitchcheck code from {Path(pitchcheck.__file__).parent}")
    df = pd.read_csv(CORPUS, dtype=str, keep_default_na=False)
    df = df[df["split"] == "train"].reset_index(drop=True)
    number = df["id"].str.removeprefix("pc-").astype(int).to_numpy()
    y = df["label"].to_numpy()
    before, batch = np.flatnonzero(number < first), np.flatnonzero((number >= first) & (number <= last))
    feats = PitchClassifier()._extract(df["text"].tolist())
    train_feats = [feats[i] for i in before]
    subsets = _subsets(df.iloc[batch])
    print(f"trained on {len(before)} train items before pc-{first}; scoring the {len(batch)} train items of pc-{first}..pc-{last}")
    for variant in variants:
        params = {"C": 1.0, "lexical_weight": 16.0, **variant}
        threshold = threshold_for(y[before], [cross_val_proba(train_feats, y[before], params, seed) for seed in range(3)])
        model = PitchClassifier(threshold=threshold, **params)._fit_features(train_feats, y[before])
        p = expit(model._logits([feats[i] for i in batch]))
        scores = {name: round(metrics(y[batch][mask], p[mask], threshold)["macro_f1"], 3) for name, mask in subsets.items()}
        print(f"{json.dumps(variant):<40} threshold {threshold:.2f}  macro-F1 {scores}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
