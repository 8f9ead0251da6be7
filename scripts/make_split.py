"""Draw the corpus's train/test split, once.

    python scripts/make_split.py

Stratified by label x kind x difficulty, 22% test, seed 20261125. It writes the test
ids to ``data/test_ids.txt`` and the ``split`` column of ``data/corpus.csv``. It refuses
to run when ``data/test_ids.txt`` exists: the split is drawn once, items never move
between splits, and ids are never reused. Items added later get ``split=train`` unless
a new, separate draw over the new items only is documented in ``data/README.md``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
from sklearn.model_selection import train_test_split

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "data" / "corpus.csv"
TEST_IDS = ROOT / "data" / "test_ids.txt"
SEED = 20261125
TEST_SIZE = 0.22


def main() -> int:
    if TEST_IDS.exists():
        print(f"{TEST_IDS} exists: the split has been drawn and is never redrawn.", file=sys.stderr)
        return 1
    df = pd.read_csv(CORPUS, dtype=str, keep_default_na=False)
    strata = df["label"] + "/" + df["kind"] + "/" + df["difficulty"]
    _, test = train_test_split(df, test_size=TEST_SIZE, stratify=strata, random_state=SEED)
    test_ids = sorted(test["id"])
    df["split"] = ["test" if i in set(test_ids) else "train" for i in df["id"]]
    df.to_csv(CORPUS, index=False, lineterminator="\n")
    TEST_IDS.write_text("\n".join(test_ids) + "\n", encoding="utf-8")
    print(f"{len(test_ids)} test items of {len(df)} written to {TEST_IDS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
