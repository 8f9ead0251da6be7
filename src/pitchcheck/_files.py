"""Checks on input files, shared by the corpus loader, the batch runner and the CLI."""

from __future__ import annotations

from pathlib import Path

from .errors import InputError

__all__ = ["check_readable", "read_text"]


def check_readable(path: Path) -> Path:
    """Return ``path`` if it is an existing UTF-8 text file, else raise :class:`InputError`."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"no such file: {path}")
    if path.is_dir():
        raise InputError(f"{path} is a directory, not a file")
    with path.open("rb") as fh:
        head = fh.read(8192)
    if b"\x00" in head:
        raise InputError(f"{path} looks like a binary file, not UTF-8 text")
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # not just a character cut at the block's end
            raise InputError(f"{path} is not UTF-8 text") from None
    return path


def read_text(path: Path) -> str:
    """The whole file as text (a UTF-8 BOM is dropped), or :class:`InputError`."""
    data = check_readable(path).read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{path} is not UTF-8 text") from None
