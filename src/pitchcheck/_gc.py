"""Pausing Python's cyclic garbage collector while long-lived objects are built."""

from __future__ import annotations

import contextlib
import gc
from typing import Iterator


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector inside the block, then restore its state.

    Building the spaCy pipeline and loading the model allocate tens of thousands of
    objects that live as long as the process. On the way, CPython ran a full collection
    over everything spaCy and scikit-learn had loaded (~200,000 objects): about 80 ms,
    a fifth of what a one-off ``pitchcheck check`` spends on its own work, to find no
    garbage. The block creates none worth collecting early. A collector that was switched
    off before stays off; one pause ending while another thread's is still open only
    re-enables collection early, which is harmless.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
