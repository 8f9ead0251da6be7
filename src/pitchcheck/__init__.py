"""pitchcheck: tell relationship-building messages from direct selling.

Public API (stable; other tools depend on these names)::

    check(text, *, model=None, threshold=None, kind=None, speaker=None) -> CheckResult
    check_many(texts, *, model=None, threshold=None, batch_size=64, on_error="raise") -> Iterator[CheckResult]
    check_file(input, output, ...) -> BatchSummary
    load_model(path=None) -> PitchClassifier        save_model(model, path) -> Path
    train(data=None, *, seed=0) -> PitchClassifier  evaluate(model=None, ...) -> Evaluation
    load_corpus(split=None) -> pandas.DataFrame     get_nlp() -> spacy.Language
    PitchClassifier, CheckResult, Signal, Segment, SpeakerScore, BatchSummary, Evaluation
    PitchcheckError, InputError, InputTypeError, CorpusError, ModelError, ModelVersionWarning
    SignalKind, Habit, Family, LABELS, info()
    KINDS: dict SignalKind -> KindInfo (family, habit, description, advice of each signal kind)

``import pitchcheck`` is cheap: spaCy, scikit-learn and pandas load on first use.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._version import __version__
from .errors import CorpusError, InputError, InputTypeError, ModelError, ModelVersionWarning, PitchcheckError

if TYPE_CHECKING:
    from .api import CheckResult, Segment, Signal, SpeakerScore, check, check_many
    from .batch import BatchSummary, check_file
    from .corpus import load_corpus
    from .evaluation import Evaluation, evaluate
    from .model import LABELS, PitchClassifier
    from .persistence import info, load_model, save_model
    from .preprocess import get_nlp
    from .signals import KINDS, Family, Habit, SignalKind
    from .training import train

_LAZY = {
    "check": "api", "check_many": "api", "CheckResult": "api", "Signal": "api",
    "Segment": "api", "SpeakerScore": "api", "check_file": "batch", "BatchSummary": "batch",
    "load_corpus": "corpus",
    "evaluate": "evaluation", "Evaluation": "evaluation",
    "PitchClassifier": "model", "LABELS": "model",
    "load_model": "persistence", "save_model": "persistence", "info": "persistence",
    "get_nlp": "preprocess",
    "SignalKind": "signals", "Habit": "signals", "Family": "signals", "KINDS": "signals",
    "train": "training",
}

__all__ = sorted([*_LAZY, "__version__", "PitchcheckError", "InputError", "InputTypeError", "CorpusError", "ModelError", "ModelVersionWarning"])


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'pitchcheck' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
