"""The labeled corpus: loading, validating, and reading users' own labeled CSVs."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from ._files import check_readable
from ._resources import corpus_path
from .conversation import split_turns
from .errors import CorpusError, InputError
from .model import LABELS

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["load_corpus", "read_labeled_csv", "corpus_sha256", "COLUMNS", "KINDS", "DIFFICULTIES", "SPLITS"]

COLUMNS = ("id", "text", "label", "kind", "channel", "industry", "difficulty", "split")
KINDS = ("message", "conversation")
DIFFICULTIES = ("easy", "hard")
SPLITS = ("train", "test")


def _read_csv(path: Path) -> "pd.DataFrame":
    from ._csvread import read_csv_frames

    return next(read_csv_frames(check_readable(Path(path))))


def _problem(df: "pd.DataFrame", i: int, message: str) -> CorpusError:
    ident = df["id"].iloc[i] if "id" in df.columns else ""
    name = f" (id {ident})" if ident else ""
    return CorpusError(f"row {i + 2}{name}: {message}")


def validate_rows(df: "pd.DataFrame", *, full_schema: bool) -> None:
    """Raise :class:`CorpusError` naming the first row that breaks the schema."""
    required = COLUMNS if full_schema else ("text", "label")
    missing = [c for c in required if c not in df.columns]
    if missing:
        raise CorpusError(f"missing column(s): {', '.join(missing)} (found: {', '.join(map(str, df.columns))})")
    if len(df) == 0:
        raise CorpusError("the file has no rows")
    seen: set[str] = set()
    for i in range(len(df)):
        row = df.iloc[i]
        text = row["text"]
        if not isinstance(text, str) or not text.strip():
            raise _problem(df, i, "empty text")
        if row["label"] not in LABELS:
            raise _problem(df, i, f"bad label {row['label']!r}; expected one of {list(LABELS)}")
        if "split" in df.columns and (full_schema or row["split"]) and row["split"] not in SPLITS:
            raise _problem(df, i, f"bad split {row['split']!r}; expected one of {list(SPLITS)}")
        if not full_schema:
            continue
        ident = row["id"]
        if not ident:
            raise _problem(df, i, "empty id")
        if ident in seen:
            raise _problem(df, i, f"duplicate id {ident!r}")
        seen.add(ident)
        if row["kind"] not in KINDS:
            raise _problem(df, i, f"bad kind {row['kind']!r}; expected one of {list(KINDS)}")
        if row["difficulty"] not in DIFFICULTIES:
            raise _problem(df, i, f"bad difficulty {row['difficulty']!r}; expected one of {list(DIFFICULTIES)}")
        for col in ("channel", "industry"):
            if not row[col]:
                raise _problem(df, i, f"empty {col}")
        turns = split_turns(text)
        if row["kind"] == "conversation":
            if turns is None:
                raise _problem(df, i, "malformed conversation: every line must be 'Name: text' with 2+ speakers")
            speakers = {t.speaker for t in turns}
            if not 2 <= len(turns) <= 8 or not 2 <= len(speakers) <= 3:
                raise _problem(df, i, f"malformed conversation: {len(turns)} turns and {len(speakers)} speakers (need 2-8 and 2-3)")
        elif turns is not None:
            raise _problem(df, i, "kind is 'message' but the text reads as a conversation")


def load_corpus(split: str | None = None, *, path: str | Path | None = None) -> "pd.DataFrame":
    """Load and validate pitchcheck's labeled sample corpus.

    Parameters
    ----------
    split : {None, "train", "test"}
        Return only that split; ``None`` returns every row.
    path : str or Path, optional
        Another corpus file with the same schema (default: the shipped corpus).

    Returns
    -------
    pandas.DataFrame
        Columns ``id, text, label, kind, channel, industry, difficulty, split`` (and
        ``notes``), every value a string, in file order.

    Raises
    ------
    CorpusError
        A row breaks the schema; the message names the row and the problem.

    Examples
    --------
    >>> df = load_corpus("train")
    >>> sorted(df.label.unique())
    ['direct_selling', 'relationship_building']
    """
    if split not in (None, *SPLITS):
        raise InputError(f"split must be None, 'train' or 'test', not {split!r}")
    df = _read_csv(Path(path) if path is not None else corpus_path())
    validate_rows(df, full_schema=True)
    if split is not None:
        df = df[df["split"] == split].reset_index(drop=True)
    return df


def read_labeled_csv(path: str | Path) -> "pd.DataFrame":
    """Read a user's labeled CSV: columns ``text`` and ``label``, optionally ``split``."""
    df = _read_csv(Path(path))
    validate_rows(df, full_schema=False)
    return df


def corpus_sha256(path: str | Path | None = None) -> str:
    """SHA-256 of a corpus file's bytes (the shipped corpus by default)."""
    return hashlib.sha256(Path(path or corpus_path()).read_bytes()).hexdigest()
