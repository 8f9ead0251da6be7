"""Checking a whole file of messages: CSV or JSON Lines in, the same out, plus results.

:func:`check_file` streams the input in chunks through :func:`pitchcheck.check_many`
(in worker processes when ``workers > 1``), keeps every input column and row in
order, adds ``pitchcheck_label``, ``pitchcheck_score``, ``pitchcheck_signals`` (JSON),
``pitchcheck_error`` and ``pitchcheck_warnings`` (JSON; e.g. a text over
``pitchcheck.features.MAX_CHARS`` = 1,000,000 characters is analysed only up to there),
and writes the output atomically (a temporary file renamed
into place). The input is never modified.
"""

from __future__ import annotations

import collections
import json
import os
import re
import tempfile
import time
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

from ._files import check_readable
from .errors import InputError
from .persistence import publish

__all__ = ["check_file", "BatchSummary", "RESULT_COLUMNS"]

RESULT_COLUMNS = ("pitchcheck_label", "pitchcheck_score", "pitchcheck_signals", "pitchcheck_error", "pitchcheck_warnings")
#: One row's results, in the order of RESULT_COLUMNS (as CSV cells: signals and warnings are JSON).
Scored = tuple[str, str, str, str, str]
_FORMATS = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}


@dataclass
class BatchSummary:
    """What :func:`check_file` did: rows, rows with errors, rows with warnings (e.g. a text
    truncated for analysis), counts per label, seconds."""

    output: str
    rows: int = 0
    errors: int = 0
    warnings: int = 0
    labels: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"output": self.output, "rows": self.rows, "errors": self.errors, "warnings": self.warnings, "labels": self.labels,
                "seconds": round(self.seconds, 3), "rows_per_second": round(self.rows_per_second, 1)}


def _format(path: Path, role: str) -> str:
    fmt = _FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(f"{role} file {path} must end in .csv, .jsonl or .ndjson")
    return fmt


def _csv_chunks(path: Path, text_column: str, chunk_size: int) -> Iterator[tuple[list[str], list[Any], Any]]:
    from ._csvread import read_csv_frames

    for chunk in read_csv_frames(path, chunksize=chunk_size, skip_blank_lines=False):
        if text_column not in chunk.columns:
            raise InputError(f"{path} has no column {text_column!r} (columns: {', '.join(map(str, chunk.columns))}); "
                             "use --text-column")
        yield list(chunk.columns), chunk[text_column].tolist(), chunk


def _jsonl_chunks(path: Path, text_column: str, chunk_size: int) -> Iterator[tuple[list[str], list[Any], Any]]:
    rows: list[dict[str, Any]] = []
    columns: dict[str, None] = {}
    try:
        with path.open(encoding="utf-8-sig") as fh:
            for number, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise InputError(f"{path} line {number} is not valid JSON: {exc.msg}") from None
                if not isinstance(row, dict):
                    raise InputError(f"{path} line {number} is not a JSON object")
                columns.update(dict.fromkeys(row))
                rows.append(row)
                if len(rows) >= chunk_size:
                    yield list(columns), [r.get(text_column) for r in rows], rows
                    rows = []
    except UnicodeDecodeError:
        raise InputError(f"{path} is not UTF-8 text") from None
    if rows:
        yield list(columns), [r.get(text_column) for r in rows], rows


def _signals_json(result: Any) -> str:
    return json.dumps(
        [{"text": s.text, "start": s.start, "end": s.end, "kind": s.kind, "weight": round(s.weight, 4)}
         for s in result.signals if s.family != "focus"],
        ensure_ascii=False,
    )


#: check_many names an item's position in its error (" (item 4)"); batch writes each error on
#: its own row, and a position within one chunk or one worker's share would be misleading.
_ITEM_POSITION = re.compile(r" \(item \d+\)")


def _score(texts: list[Any], model: Any, threshold: float) -> list[Scored]:
    """Score one chunk through the public :func:`pitchcheck.check_many`, errors in place."""
    from .api import check_many

    out = []
    for r in check_many(texts, model=model, threshold=threshold, on_error="return"):
        if r.error is not None:
            out.append(("", "", "[]", _ITEM_POSITION.sub("", r.error), "[]"))
        else:
            warnings = json.dumps(list(r.warnings), ensure_ascii=False)
            out.append((r.label or "", f"{r.score:.6f}", _signals_json(r), "", warnings))
    return out


_WORKER_MODEL: Any = None


def _init_worker(model_path: str | None, model: Any) -> None:
    global _WORKER_MODEL
    from .persistence import load_model

    _WORKER_MODEL = model if model is not None else load_model(model_path)


def _score_in_worker(texts: list[Any], threshold: float) -> list[Scored]:
    return _score(texts, _WORKER_MODEL, threshold)


def check_file(
    input: str | Path,
    output: str | Path,
    *,
    text_column: str = "text",
    model: Any = None,
    threshold: float | None = None,
    workers: int = 1,
    overwrite: bool = False,
    chunk_size: int = 1000,
    progress: Callable[[int], None] | None = None,
) -> BatchSummary:
    """Check every row of a CSV or JSON Lines file and write the results beside its columns.

    Parameters
    ----------
    input, output : str or Path
        ``.csv``, ``.jsonl`` or ``.ndjson``; the format follows the extension. CSV is read
        as text (a BOM is accepted; ``NA`` or ``null`` stay messages). A text longer than
        1,000,000 characters (spaCy's ``max_length``) is analysed only up to there; its row
        says so in ``pitchcheck_warnings``.
    text_column : str, default="text"
        The column (CSV) or key (JSON Lines) holding the message.
    model : PitchClassifier or path, optional
        The shipped model by default.
    threshold : float, optional
        Overrides the model's threshold.
    workers : int, default=1
        Processes to score in; each loads the model once.
    overwrite : bool, default=False
        Replace an existing output file. The input is never overwritten.
    chunk_size : int, default=1000
        Rows read, scored and written at a time; memory stays flat.
    progress : callable, optional
        Called with the number of rows done after each chunk.

    Returns
    -------
    BatchSummary
        Rows, rows with errors, rows with warnings (a text truncated for analysis...),
        counts per label, seconds.

    Raises
    ------
    InputError
        Missing, binary, non-UTF-8 or malformed input (including a CSV row with more fields
        than the header, named by its line); no text column; output exists.

    Examples
    --------
    >>> summary = check_file("messages.csv", "checked.csv")  # doctest: +SKIP
    >>> summary.rows, summary.errors  # doctest: +SKIP
    (1200, 3)
    """
    from .api import _check_threshold, _resolve_model

    src, dst = Path(input), Path(output)
    in_fmt, out_fmt = _format(src, "input"), _format(dst, "output")
    check_readable(src)
    if dst.exists() and dst.resolve() == src.resolve():
        raise InputError("the output would overwrite the input; choose another output file")
    if dst.is_dir():
        raise InputError(f"{dst} is a directory; give an output file name")
    if dst.exists() and not overwrite:
        raise InputError(f"{dst} exists; pass --overwrite (overwrite=True) to replace it")
    if not isinstance(workers, int) or workers < 1:
        raise InputError(f"workers must be a positive integer, got {workers!r}")
    if not isinstance(chunk_size, int) or chunk_size < 1:
        raise InputError(f"chunk_size must be a positive integer, got {chunk_size!r}")
    clf = _resolve_model(model)
    th = _check_threshold(threshold, clf)
    model_path = str(model) if isinstance(model, (str, Path)) else None
    model_obj = None if (model is None or model_path) else clf

    chunks = (_csv_chunks if in_fmt == "csv" else _jsonl_chunks)(src, text_column, chunk_size)
    summary = BatchSummary(output=str(dst))
    started = time.perf_counter()
    dst.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{dst.name}.", suffix=".tmp", dir=dst.parent)
    tmp = Path(tmp_name)
    pool = ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(model_path, model_obj)) if workers > 1 else None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            writer = _Writer(fh, out_fmt, text_column)
            pending: collections.deque[tuple[Any, list[str], Future[Any] | list[Any]]] = collections.deque()

            def flush(item: tuple[Any, list[str], Future[Any] | list[Any]]) -> None:
                data, columns, scored = item
                results = scored.result() if isinstance(scored, Future) else scored
                writer.write(columns, data, results)
                summary.rows += len(results)
                for label, _, _, error, warnings in results:
                    if error:
                        summary.errors += 1
                    else:
                        summary.labels[label] = summary.labels.get(label, 0) + 1
                    if warnings != "[]":
                        summary.warnings += 1
                if progress is not None:
                    progress(summary.rows)

            for columns, texts, data in chunks:
                if pool is None:
                    flush((data, columns, _score(texts, clf, th)))
                    continue
                pending.append((data, columns, pool.submit(_score_in_worker, texts, th)))
                if len(pending) >= 2 * workers:
                    flush(pending.popleft())
            while pending:
                flush(pending.popleft())
            if summary.rows == 0 and not writer.started:
                raise InputError(f"{src} has no rows to check")
        publish(tmp, dst)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    summary.seconds = time.perf_counter() - started
    return summary


class _Writer:
    """Writes chunks of rows plus the result columns as CSV or JSON Lines."""

    def __init__(self, fh: Any, fmt: str, text_column: str) -> None:
        self.fh, self.fmt, self.text_column = fh, fmt, text_column
        self.columns: list[str] | None = None
        self.started = False

    def write(self, columns: list[str], data: Any, results: list[Scored]) -> None:
        import pandas as pd

        if isinstance(data, pd.DataFrame):
            rows = data.to_dict(orient="records")
        else:
            rows = data
        if self.columns is None:
            self.columns = [c for c in columns if c not in RESULT_COLUMNS] + list(RESULT_COLUMNS)
        elif self.fmt == "csv":
            new = [c for c in columns if c not in self.columns]
            if new:
                raise InputError(f"keys {new} appear only after the first {len(rows)} rows; a CSV output needs every "
                                 "column from the start (write JSON Lines instead)")
        merged = []
        for row, scored in zip(rows, results):
            out = dict(row)
            out.update(zip(RESULT_COLUMNS, scored))
            merged.append(out)
        if self.fmt == "csv":
            frame = pd.DataFrame(merged, columns=self.columns)
            frame.to_csv(self.fh, index=False, header=not self.started, lineterminator="\n")
        else:
            for out in merged:
                if out["pitchcheck_score"] != "":
                    out["pitchcheck_score"] = float(out["pitchcheck_score"])
                for key in ("pitchcheck_signals", "pitchcheck_warnings"):
                    out[key] = json.loads(out[key]) if out[key] else []
                for key in ("pitchcheck_label", "pitchcheck_error"):
                    out[key] = out[key] or None
                if out["pitchcheck_score"] == "":
                    out["pitchcheck_score"] = None
                self.fh.write(json.dumps(out, ensure_ascii=False) + "\n")
        self.started = True

