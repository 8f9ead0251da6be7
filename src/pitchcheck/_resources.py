"""Where the shipped corpus and model live, in a checkout and in an installed wheel."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_REPO = _PACKAGE.parent.parent  # src/pitchcheck -> repository root (editable installs)


def _first_existing(*candidates: Path) -> Path:
    for path in candidates:
        if path.exists():
            return path
    return candidates[0]


def data_dir() -> Path:
    """The folder holding ``corpus.csv`` and ``test_ids.txt``."""
    return _first_existing(_PACKAGE / "_data", _REPO / "data").resolve()


def models_dir() -> Path:
    """The folder holding the shipped ``pitchcheck.joblib`` and its metadata."""
    return _first_existing(_PACKAGE / "_models", _REPO / "models").resolve()


def corpus_path() -> Path:
    return data_dir() / "corpus.csv"


def test_ids_path() -> Path:
    return data_dir() / "test_ids.txt"


def default_model_path() -> Path:
    return models_dir() / "pitchcheck.joblib"
