"""Add a batch of newly written items to the corpus, with a split drawn over them only.

    python scripts/add_batch.py --seed 20261126 batch1.csv [batch2.csv ...]
    python scripts/add_batch.py --train-only batch.csv

Each batch CSV has the columns ``text,label,kind,channel,industry,difficulty,notes``
(one row per item, written by a person: this script adds rows, it never writes text).
The script

- validates the new rows with the corpus's own rules (``pitchcheck.corpus.validate_rows``);
- gives them the next free ids (``pc-NNNN``; ids are never reused);
- draws their split once, over the new items only, stratified by label x kind x
  difficulty (an item alone in its stratum joins the largest one of its label and kind) with the given seed and the corpus's test share (22%), so no existing item
  moves between splits;
- appends them to ``data/corpus.csv`` and their test ids to ``data/test_ids.txt``.

``--train-only`` puts every new item in ``train`` instead: for a batch whose items have
been read against the model (its errors studied, rules written from them) before any split
was drawn, since such items must never enter the test split.

Existing rows are left byte for byte as they were. Record each draw (date, seed, batch
size) in ``data/README.md``.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path

import pandas as pd
from sklearn.model_selection import train_test_split

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "data" / "corpus.csv"
TEST_IDS = ROOT / "data" / "test_ids.txt"
TEST_SIZE = 0.22
BATCH_COLUMNS = ["text", "label", "kind", "channel", "industry", "difficulty", "notes"]


def _strata(df: pd.DataFrame) -> pd.Series:
    """label x kind x difficulty; an item alone in its stratum joins the largest stratum of
    the same label and kind (or, failing that, of the same label), so it can be split."""
    strata = df["label"] + "/" + df["kind"] + "/" + df["difficulty"]
    counts = strata.value_counts()
    for i in strata.index[strata.map(counts) < 2]:
        for prefix in (f"{df.at[i, 'label']}/{df.at[i, 'kind']}/", f"{df.at[i, 'label']}/"):
            peers = counts[counts.index.str.startswith(prefix) & (counts >= 2)]
            if len(peers):
                strata[i] = peers.idxmax()
                break
    return strata


def main(argv: list[str] | None = None) -> int:
    from pitchcheck.corpus import COLUMNS, validate_rows
    from pitchcheck.persistence import atomic_write

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    choice = ap.add_mutually_exclusive_group(required=True)
    choice.add_argument("--seed", type=int, help="seed of this batch's split draw")
    choice.add_argument("--train-only", action="store_true", help="put every new item in train (no draw)")
    ap.add_argument("batches", nargs="+", type=Path)
    args = ap.parse_args(argv)

    corpus = pd.read_csv(CORPUS, dtype=str, keep_default_na=False)
    new = pd.concat([pd.read_csv(p, dtype=str, keep_default_na=False) for p in args.batches], ignore_index=True)
    if list(new.columns) != BATCH_COLUMNS:
        print(f"batch columns must be {BATCH_COLUMNS}, got {list(new.columns)}", file=sys.stderr)
        return 1
    next_id = max(int(i.removeprefix("pc-")) for i in corpus["id"]) + 1
    new.insert(0, "id", [f"pc-{n:04d}" for n in range(next_id, next_id + len(new))])
    test_ids: set[str] = set()
    if not args.train_only:
        _, test = train_test_split(new, test_size=TEST_SIZE, stratify=_strata(new), random_state=args.seed)
        test_ids = set(test["id"])
    new["split"] = ["test" if i in test_ids else "train" for i in new["id"]]
    new = new[list(COLUMNS) + ["notes"]]
    validate_rows(pd.concat([corpus, new], ignore_index=True), full_schema=True)

    buffer = io.StringIO()
    new.to_csv(buffer, index=False, header=False, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    old_rows = CORPUS.read_text(encoding="utf-8")
    corpus_text = old_rows + ("" if old_rows.endswith("\n") else "\n") + buffer.getvalue()
    all_test = sorted(set(TEST_IDS.read_text(encoding="utf-8").split()) | test_ids)
    # Each file is replaced whole (temporary file, then rename): an interrupted run leaves
    # both as they were, or the corpus complete with test_ids.txt not yet updated.
    atomic_write(CORPUS, lambda fh: fh.write(corpus_text), mode="w")
    atomic_write(TEST_IDS, lambda fh: fh.write("\n".join(all_test) + "\n"), mode="w")
    print(f"added {len(new)} items ({new['id'].iloc[0]}..{new['id'].iloc[-1]}), {len(test_ids)} of them to test")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
