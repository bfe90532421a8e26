"""How long work reports how far it has got, and how it is stopped: one callback for both.

Readers, the plan and the writers call ``progress(stage, done, total)`` every few hundred rows
(``total`` is 0 when not known yet). To stop the work — the window's Cancel button — the
callback raises ``Stopped``; since nothing is written before the end, nothing has changed.
"""

from __future__ import annotations

from collections.abc import Callable

from app.errors import EcomapError

Progress = Callable[[str, int, int], None]
EVERY = 500  # rows between two calls: often enough for a smooth bar, rare enough to cost nothing


def quiet(stage: str, done: int, total: int) -> None:
    """The progress callback of work nobody watches."""


class Stopped(EcomapError):
    """The person asked to stop; the map and every file are as they were."""

    exit_status = 1

    def __init__(self, message: str = "The import was stopped; nothing was changed."):
        super().__init__(message)
