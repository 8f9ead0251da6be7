"""pitchcheck's exceptions and warnings.

Every error pitchcheck raises on purpose derives from :class:`PitchcheckError`, so
callers can catch one type. Errors caused by the caller's input also derive from
the matching built-in (``ValueError`` or ``TypeError``), so code that already
catches those keeps working.

Hierarchy::

    PitchcheckError
    ├── InputError (ValueError)       empty text, not a string, bad file, missing column
    │   └── InputTypeError (TypeError) an argument of the wrong type
    ├── CorpusError (ValueError)      a labeled CSV that does not follow the schema
    └── ModelError                    a missing, corrupted, swapped or unfitted model file

    ModelVersionWarning (UserWarning) a model saved by other library versions
"""

from __future__ import annotations

__all__ = [
    "PitchcheckError",
    "InputError",
    "InputTypeError",
    "CorpusError",
    "ModelError",
    "ModelVersionWarning",
]


class PitchcheckError(Exception):
    """Base class of every error pitchcheck raises on purpose."""


class InputError(PitchcheckError, ValueError):
    """The text or file given to pitchcheck cannot be checked (empty, unreadable...)."""


class InputTypeError(InputError, TypeError):
    """An argument has the wrong type (e.g. ``check(42)``)."""


class CorpusError(PitchcheckError, ValueError):
    """A labeled corpus does not follow the schema; the message names the row."""


class ModelError(PitchcheckError):
    """A model file is missing, corrupted, unlisted, swapped, or not a pitchcheck model."""


class ModelVersionWarning(UserWarning):
    """The model was saved with other versions of pitchcheck, scikit-learn or spaCy."""
