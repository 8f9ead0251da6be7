"""How well does pitchcheck carry over to writers it has never seen? A check on the train split.

    python scripts/batch_holdout.py --after pc-2148 [--through pc-2327]

Trains on the train-split items with ids up to ``--after`` (the shipped hyper-parameters,
the threshold by the same out-of-fold rule as ``pitchcheck train``: the best mean macro-F1 over ``THRESHOLD_REPEATS`` repetitions of 5-fold CV) and scores the
train-split items added after it, which came from other writers with other briefs. The
plain TF-IDF (word 1-2 grams) + LogisticRegression baseline gets the same split. The test
split is not read. Caveat: the signal rules are written from the whole train split, so
once rules have been written from the later items, this check flatters pitchcheck; run it
when a batch lands, before the rules are touched, for an honest figure.

It prints macro-F1 overall, on the hard items and on conversations, for both models.
"""

from __future__ import annotations

import argparse

from scipy.special import expit
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline

import pitchcheck
from pitchcheck.evaluation import _subsets, metrics
from pitchcheck.model import SELLING, PitchClassifier
from pitchcheck.training import THRESHOLD_REPEATS, best_threshold, cross_val_proba


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--after", required=True, help="the last id of the earlier items, e.g. pc-2148")
    ap.add_argument("--through", help="the last id of the items to score (default: all after --after), e.g. pc-2327")
    ap.add_argument("--baseline-C", type=float, default=30.0, help="C of the TF-IDF baseline (its CV choice on the full train split)")
    args = ap.parse_args(argv)

    train = pitchcheck.load_corpus("train")
    number = train["id"].str.removeprefix("pc-").astype(int)
    cut = int(args.after.removeprefix("pc-"))
    end = int(args.through.removeprefix("pc-")) if args.through else number.max()
    early, late = train[number <= cut].reset_index(drop=True), train[(number > cut) & (number <= end)].reset_index(drop=True)
    if late.empty:
        raise SystemExit(f"no train items after {args.after}")
    shipped = pitchcheck.load_model()
    params = {"C": shipped.C, "lexical_weight": shipped.lexical_weight, "lexical_min_words": shipped.lexical_min_words, "lexical_nb": getattr(shipped, "lexical_nb", 0.0)}
    if "use_last_part" in shipped.get_params():  # not in older checkouts
        params["use_last_part"] = shipped.use_last_part

    y_early, y_late = early["label"].to_numpy(), late["label"].to_numpy()
    feats_early = PitchClassifier()._extract(early["text"].tolist())
    threshold = best_threshold(y_early, [cross_val_proba(feats_early, y_early, params, seed) for seed in range(THRESHOLD_REPEATS)])
    model = PitchClassifier(threshold=threshold, **params)._fit_features(feats_early, y_early)
    p_model = expit(model._logits(PitchClassifier()._extract(late["text"].tolist())))

    baseline = make_pipeline(TfidfVectorizer(ngram_range=(1, 2)), LogisticRegression(C=args.baseline_C, max_iter=5000))
    baseline.fit(early["text"], (y_early == SELLING).astype(int))
    p_base = baseline.predict_proba(late["text"])[:, 1]

    subsets = _subsets(late)
    scored = f"the {len(late)} train items after it" + (f" through {args.through}" if args.through else "")
    print(f"trained on {len(early)} train items up to {args.after}; scored {scored}")
    print(f"pitchcheck {params}, threshold {threshold:.2f}; baseline TF-IDF + LogisticRegression(C={args.baseline_C:g}), threshold 0.50")
    print(f"{'subset':<14}{'n':>5}{'pitchcheck':>12}{'baseline':>10}")
    for name, mask in subsets.items():
        ours = metrics(y_late[mask], p_model[mask], threshold)["macro_f1"]
        base = metrics(y_late[mask], p_base[mask], 0.5)["macro_f1"]
        print(f"{name:<14}{int(mask.sum()):>5}{ours:>12.3f}{base:>10.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
