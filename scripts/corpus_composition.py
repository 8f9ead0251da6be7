"""Regenerate the composition tables of the corpus datasheet.

    python scripts/corpus_composition.py           # rewrite the tables in data/README.md
    python scripts/corpus_composition.py --check   # exit 1 if data/README.md is stale

Reads ``data/corpus.csv`` with pandas and writes Markdown tables (label x kind,
label x split, label x difficulty, channel x label, industry x label, length band x
label) into ``data/README.md``, replacing whatever sits between the lines
``<!-- composition:start -->`` and ``<!-- composition:end -->``. Nothing else in the
README is touched. It fails with a clear message if the markers are missing.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "data" / "corpus.csv"
README = ROOT / "data" / "README.md"
START = "<!-- composition:start -->"
END = "<!-- composition:end -->"

LABEL_ORDER = ("relationship_building", "direct_selling")
KIND_ORDER = ("message", "conversation")
SPLIT_ORDER = ("train", "test")
DIFFICULTY_ORDER = ("easy", "hard")
BANDS = ("<20 words", "20-80 words", ">80 words")


class CompositionError(RuntimeError):
    """The README cannot be updated (markers missing, out of order, or repeated)."""


def read_corpus(path: Path = CORPUS) -> pd.DataFrame:
    """The corpus as strings, with no NA conversion (a text "NA" stays "NA")."""
    return pd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False, encoding="utf-8-sig")


def length_band(text: str) -> str:
    """The length band of a text, counting words as ``len(text.split())``."""
    n = len(text.split())
    if n < 20:
        return BANDS[0]
    if n <= 80:
        return BANDS[1]
    return BANDS[2]


def _ordered(values: pd.Series, preferred: tuple[str, ...]) -> list[str]:
    present = set(values)
    return [v for v in preferred if v in present] + sorted(present - set(preferred))


def _crosstab(df: pd.DataFrame, row: str, col: str, row_order: list[str], col_order: list[str]) -> pd.DataFrame:
    table = pd.crosstab(df[row], df[col]).reindex(index=row_order, columns=col_order, fill_value=0)
    table["total"] = table.sum(axis=1)
    table.loc["total"] = table.sum(axis=0)
    return table.astype(int)


def _markdown(table: pd.DataFrame, corner: str) -> str:
    header = [corner, *map(str, table.columns)]
    lines = [
        "| " + " | ".join(header) + " |",
        "|" + "|".join(["---"] + ["---:"] * len(table.columns)) + "|",
    ]
    for name, values in table.iterrows():
        cells = [f"`{name}`" if name != "total" else "**total**", *(str(int(v)) for v in values)]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def build_tables(df: pd.DataFrame) -> str:
    """The composition section's body: Markdown tables of counts, deterministic."""
    labels = _ordered(df["label"], LABEL_ORDER)
    df = df.assign(length=df["text"].map(length_band))
    sections = [
        ("Label x kind", "label", "kind", _ordered(df["label"], LABEL_ORDER), _ordered(df["kind"], KIND_ORDER)),
        ("Label x split", "label", "split", labels, _ordered(df["split"], SPLIT_ORDER)),
        ("Label x difficulty", "label", "difficulty", labels, _ordered(df["difficulty"], DIFFICULTY_ORDER)),
        ("Channel x label", "channel", "label", sorted(set(df["channel"])), labels),
        ("Industry x label", "industry", "label", sorted(set(df["industry"])), labels),
        ("Length band x label (words = whitespace-separated tokens)", "length", "label",
         [b for b in BANDS if b in set(df["length"])], labels),
    ]
    parts = [f"Generated from `data/corpus.csv` ({len(df)} items) by `python scripts/corpus_composition.py`; "
             "do not edit by hand."]
    for title, row, col, row_order, col_order in sections:
        table = _crosstab(df, row, col, row_order, col_order)
        parts.append(f"**{title}**\n\n{_markdown(table, row)}")
    return "\n\n".join(parts)


def replace_between_markers(readme: str, body: str) -> str:
    """Return ``readme`` with the text between the composition markers replaced by ``body``."""
    lines = readme.split("\n")
    starts = [i for i, line in enumerate(lines) if line.strip() == START]
    ends = [i for i, line in enumerate(lines) if line.strip() == END]
    if len(starts) != 1 or len(ends) != 1:
        raise CompositionError(
            f"the README must contain the line {START!r} once and the line {END!r} once "
            f"(found {len(starts)} and {len(ends)}); add them where the composition tables go"
        )
    s, e = starts[0], ends[0]
    if e < s:
        raise CompositionError(f"{END!r} comes before {START!r} in the README")
    return "\n".join([*lines[: s + 1], "", body, "", *lines[e:]])


def render(readme_path: Path = README, corpus_path: Path = CORPUS) -> tuple[str, str]:
    """Return (current README text, README text with fresh tables)."""
    if not readme_path.exists():
        raise CompositionError(f"no such file: {readme_path}")
    current = readme_path.read_text(encoding="utf-8")
    fresh = replace_between_markers(current, build_tables(read_corpus(corpus_path)))
    return current, fresh


def is_up_to_date(readme_path: Path = README, corpus_path: Path = CORPUS) -> bool:
    """Whether the README's composition tables match the corpus (the ``--check`` mode)."""
    current, fresh = render(readme_path, corpus_path)
    return current == fresh


def update(readme_path: Path = README, corpus_path: Path = CORPUS) -> bool:
    """Rewrite the tables in the README; return whether anything changed."""
    current, fresh = render(readme_path, corpus_path)
    if current != fresh:
        readme_path.write_text(fresh, encoding="utf-8")
    return current != fresh


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the README's tables are stale")
    parser.add_argument("--readme", type=Path, default=README)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args(argv)
    try:
        if args.check:
            if is_up_to_date(args.readme, args.corpus):
                print(f"{args.readme}: composition tables are up to date")
                return 0
            print(f"{args.readme}: composition tables are stale; run python scripts/corpus_composition.py",
                  file=sys.stderr)
            return 1
        changed = update(args.readme, args.corpus)
    except CompositionError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"{args.readme}: composition tables {'updated' if changed else 'already up to date'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
