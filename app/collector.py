"""When Python's cycle collector may run.

Building a large map makes 100,000s of objects at once. Python's collector runs after every few
hundred allocations and, once the map is loaded, each full pass walks all of them (0.15 s on
the 10,000-node map): a third of the time of opening it, and a stall in the middle of a drag.
So bulk work is done with the collector ``held``, and the objects of a freshly opened map, which
live as long as it is open, are ``settled`` out of its sight until the map is closed.

Holds are counted, because the GUI thread and a worker thread may both hold it at once: the
collector runs again only when the last hold is released.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_holds = 0


def hold() -> None:
    """Keep the collector from running until the matching ``release()``."""
    global _holds
    with _lock:
        _holds += 1
        gc.disable()


def release() -> None:
    global _holds
    with _lock:
        _holds = max(0, _holds - 1)
        if _holds == 0:
            gc.enable()


@contextmanager
def held() -> Iterator[None]:
    """No collection during the ``with`` block (nor while anyone else holds it)."""
    hold()
    try:
        yield
    finally:
        release()


def settle() -> None:
    """Take everything alive now out of future collections: call once a map is open."""
    gc.freeze()


def unsettle() -> None:
    """Give the objects of a closed map back to the collector, so their memory is reclaimed."""
    gc.unfreeze()
