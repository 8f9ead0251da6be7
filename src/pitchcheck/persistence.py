"""Saving and loading models: a joblib file plus a metadata file that vouches for it.

A model file is treated like code. joblib files are pickles, and unpickling runs
code, so pitchcheck only unpickles a file whose SHA-256 matches the one recorded in
the metadata file beside it (``<name>.json``), and only load models from sources
you trust: the hash guards against corruption and accidental swaps, not against
someone who can write both files.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import threading
import warnings
from pathlib import Path
from typing import Any

from ._gc import paused_gc
from ._resources import corpus_path, data_dir, default_model_path, models_dir
from ._version import __version__
from .errors import InputTypeError, ModelError, ModelVersionWarning

__all__ = ["save_model", "load_model", "metadata_path", "read_metadata", "info", "atomic_write", "publish"]

METADATA_SCHEMA = 1


def metadata_path(path: str | Path) -> Path:
    """The metadata file that goes with a model file (``model.joblib`` -> ``model.json``)."""
    return Path(path).with_suffix(".json")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _versions() -> dict[str, str]:
    import sklearn
    import spacy

    return {"pitchcheck": __version__, "scikit-learn": sklearn.__version__, "spacy": spacy.__version__}


def publish(tmp: Path, path: Path) -> None:
    """Give a finished temporary file the usual permissions (0666 less the umask) and
    rename it to ``path`` (``mkstemp`` creates files readable by their owner only)."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)
    os.replace(tmp, path)


def atomic_write(path: Path, write: Any, *, mode: str = "wb") -> None:
    """Call ``write(fh)`` on a temporary file beside ``path``, then rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, mode, **({} if "b" in mode else {"encoding": "utf-8", "newline": ""})) as fh:
            write(fh)
        publish(Path(tmp), path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def save_model(model: Any, path: str | Path) -> Path:
    """Save a fitted :class:`~pitchcheck.PitchClassifier` and its metadata, atomically.

    Writes ``path`` (joblib) and ``path`` with a ``.json`` suffix: library versions,
    hyper-parameters, threshold, the training report when the model came from
    :func:`pitchcheck.train` (corpus SHA-256, split sizes, cross-validation and test
    metrics), and the model file's SHA-256, which :func:`load_model` checks.

    Parameters
    ----------
    model : PitchClassifier
        A fitted model.
    path : str or Path
        Where to write the ``.joblib`` file.

    Returns
    -------
    Path
        The model file written.

    Examples
    --------
    >>> import pitchcheck
    >>> save_model(pitchcheck.load_model(), "my-model.joblib")  # doctest: +SKIP
    PosixPath('my-model.joblib')
    """
    import joblib
    from sklearn.utils.validation import check_is_fitted

    from .model import PitchClassifier

    if not isinstance(model, PitchClassifier):
        raise InputTypeError(f"save_model expects a PitchClassifier, got {type(model).__name__}")
    check_is_fitted(model, ["linear_", "calibration_"])
    path = Path(path)
    atomic_write(path, lambda fh: joblib.dump(model, fh, compress=3))
    params = {k: (list(v) if isinstance(v, tuple) else v) for k, v in model.get_params().items()}
    meta = {
        "schema": METADATA_SCHEMA,
        "file": path.name,
        "sha256": _sha256(path),
        "versions": _versions(),
        "params": params,
        "threshold": float(model.threshold),
        "training": getattr(model, "training_report_", None),
    }
    text = json.dumps(meta, indent=2, sort_keys=True, default=float) + "\n"
    atomic_write(metadata_path(path), lambda fh: fh.write(text), mode="w")
    return path


def read_metadata(path: str | Path | None = None) -> dict[str, Any]:
    """The metadata recorded beside a model file (the shipped model by default)."""
    path = Path(path) if path is not None else default_model_path()
    meta_file = metadata_path(path)
    if not meta_file.exists():
        raise ModelError(f"{path} has no metadata file ({meta_file.name}) beside it; refusing an unlisted model file")
    try:
        meta = json.loads(meta_file.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ModelError(f"{meta_file} is not valid metadata: {exc}") from None
    if not isinstance(meta, dict) or "sha256" not in meta:
        raise ModelError(f"{meta_file} is not pitchcheck model metadata (no sha256)")
    return meta


_CACHE: dict[tuple[str, float, int], Any] = {}
_LOCK = threading.Lock()


def load_model(path: str | Path | None = None) -> Any:
    """Load a model saved by :func:`save_model` (the shipped model by default).

    The file's SHA-256 is checked against its metadata *before* unpickling; a missing,
    corrupted, swapped or unlisted file raises :class:`~pitchcheck.ModelError`. A model
    saved with other versions of pitchcheck, scikit-learn or spaCy loads with a
    :class:`~pitchcheck.ModelVersionWarning` that says to retrain. Loaded models are
    cached per process (keyed by path, modification time and size).

    joblib files are pickles: load only files from sources you trust.

    Parameters
    ----------
    path : str or Path, optional
        A ``.joblib`` file with its ``.json`` metadata beside it.

    Returns
    -------
    PitchClassifier

    Examples
    --------
    >>> model = load_model()
    >>> model.classes_.tolist()
    ['direct_selling', 'relationship_building']
    """
    if path is not None and not str(path).strip():
        raise ModelError("the model path is empty; leave it out (None) for the shipped model")
    path = Path(path) if path is not None else default_model_path()
    if not path.exists():
        raise ModelError(f"model file not found: {path}")
    if path.is_dir():
        raise ModelError(f"{path} is a directory, not a model file")
    stat = path.stat()
    key = (str(path.resolve()), stat.st_mtime, stat.st_size)
    with _LOCK:
        if key in _CACHE:
            return _CACHE[key]
        with paused_gc():
            model = _load_verified(path)
        _CACHE[key] = model
        return model


def _load_verified(path: Path) -> Any:
    import joblib

    from .model import PitchClassifier

    meta = read_metadata(path)
    actual = _sha256(path)
    if actual != meta["sha256"]:
        raise ModelError(
            f"{path} does not match the SHA-256 in {metadata_path(path).name} "
            f"(expected {meta['sha256'][:12]}..., got {actual[:12]}...); the file is corrupted or was swapped"
        )
    saved = meta.get("versions", {})
    current = _versions()
    different = {k: (saved.get(k), v) for k, v in current.items() if saved.get(k) != v}
    if different:
        detail = ", ".join(f"{k} {old} -> {new}" for k, (old, new) in different.items())
        warnings.warn(
            f"{path.name} was saved with other library versions ({detail}); "
            "retrain it with `pitchcheck train` to be sure it behaves as measured",
            ModelVersionWarning,
            stacklevel=3,
        )
    try:
        model = joblib.load(path)
    except Exception as exc:  # a pickle that does not load is a bad model file
        raise ModelError(f"{path} could not be loaded: {exc}") from None
    if not isinstance(model, PitchClassifier) or not hasattr(model, "linear_"):
        raise ModelError(f"{path} is not a fitted pitchcheck model")
    return model


def info(model_path: str | Path | None = None) -> dict[str, Any]:
    """Versions, where pitchcheck's files are, and the model's metadata."""
    path = Path(model_path) if model_path is not None else default_model_path()
    try:
        meta: dict[str, Any] | None = read_metadata(path)
    except ModelError:
        meta = None
    return {
        "versions": _versions(),
        "paths": {"model": str(path), "models_dir": str(models_dir()), "data_dir": str(data_dir()), "corpus": str(corpus_path())},
        "model": meta,
    }
