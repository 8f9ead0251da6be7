"""Reading users' CSV files as text, shared by the corpus loader and the batch runner.

Every value is a string (a BOM is accepted; ``NA`` or ``null`` stay text). A data row
with more fields than the header is an :class:`InputError` naming its line: left to
pandas, such a row either shifts every column (the first one silently becomes the
index) or loses its extra fields. A row with fewer fields than the header keeps its
fields in place and leaves the missing ones empty (a missing text or label is then
reported by the caller, for that row).
"""

from __future__ import annotations

import contextlib
import csv
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from .errors import InputError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["read_csv_frames"]

_OPTIONS = {"dtype": str, "keep_default_na": False, "na_filter": False, "encoding": "utf-8-sig"}
#: What pandas says when a row is wider than the header and ``index_col=False``.
_WIDE_WARNING = "Length of header or names does not match length of data"


def read_csv_frames(path: Path, *, chunksize: int | None = None, skip_blank_lines: bool = True) -> Iterator["pd.DataFrame"]:
    """Yield the CSV at ``path`` as DataFrames of strings (one, or one per ``chunksize`` rows).

    Raises :class:`InputError` for an empty, non-UTF-8 or malformed file, and for a row
    with more fields than the header (naming its line, counted from 1 for the header).
    """
    import pandas as pd

    columns: list[str] = []
    try:
        # The header is read with the same blank-line rule as the rows, so both agree on which line it is.
        columns = list(pd.read_csv(path, nrows=0, skip_blank_lines=skip_blank_lines, **_OPTIONS).columns)  # duplicates: a, a.1
        # header=0 with names: the header row is skipped and every row must fit these columns;
        # index_col=False: a wider row never turns the first column into the index. pandas
        # reads at construction (chunksize=None) or per chunk; both under the strict filter.
        with _strict():
            reader = pd.read_csv(path, header=0, names=columns, index_col=False, skip_blank_lines=skip_blank_lines,
                                 chunksize=chunksize, **_OPTIONS)
        if chunksize is None:
            yield reader
            return
        while True:
            with _strict():
                try:
                    frame = next(reader)
                except StopIteration:
                    return
            yield frame
    except UnicodeDecodeError:
        raise InputError(f"{path} is not UTF-8 text") from None
    except pd.errors.EmptyDataError:
        raise InputError(f"{path} is empty") from None
    except pd.errors.ParserWarning:
        raise _too_wide(path, len(columns), None) from None
    except pd.errors.ParserError as exc:
        message = " ".join(str(exc).split())
        if "Expected" in message and "fields" in message:
            raise _too_wide(path, len(columns), message) from None
        raise InputError(f"{path} is not a readable CSV file: {message}") from None


@contextlib.contextmanager
def _strict() -> Iterator[None]:
    """Turn pandas' warning about a row wider than the header into an exception."""
    import pandas as pd

    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=_WIDE_WARNING, category=pd.errors.ParserWarning)
        yield


def _too_wide(path: Path, n_columns: int, fallback: str | None) -> InputError:
    """The error for the first row wider than the header, found again with the csv module
    (pandas counts records, not lines, and names no line when the first row is wide)."""
    limit = csv.field_size_limit()
    csv.field_size_limit(2**31 - 1)  # a message may be far longer than the default 128 KiB
    try:
        with Path(path).open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.reader(fh)
            next(reader, None)
            line = reader.line_num + 1
            for row in reader:
                if len(row) > n_columns:
                    hint = ("the extra ones are empty: a trailing comma?" if not any(row[n_columns:])
                            else "quote a value that contains commas")
                    return InputError(f"{path} line {line} has {len(row)} fields but the header has {n_columns} "
                                      f"columns; {hint}")
                line = reader.line_num + 1
    except (csv.Error, UnicodeDecodeError):
        pass
    finally:
        csv.field_size_limit(limit)
    return InputError(f"{path} is not a readable CSV file: {fallback or 'a row has more fields than the header'}")
