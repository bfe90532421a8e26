"""Which piece of a map a refusal is about, and what a typo most likely meant.

The command line says where in the file a problem is (``nodes[3].category``); the window says
which piece it is ("Classroom workshops") and what was probably meant ("Processes"). The checks
record both on the error as they go, so each reader can word it its own way.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from app.errors import EcomapError
from app.quoting import printable

PIECE_LIMIT = 40  # characters of a label used to name its piece
NO_LABEL = "A piece without a label"
TYPO_CUTOFF = 0.6  # how alike a typo and a name must be (difflib's ratio) to suggest it


@contextmanager
def about(piece: str | Callable[[], str] | None) -> Iterator[None]:
    """Any ``EcomapError`` raised inside names ``piece`` (unless a closer piece was named);
    ``piece`` may be a function that names it, called only when something is wrong (a map of
    30,000 connections is checked without naming each one)."""
    try:
        yield
    except EcomapError as error:
        named = piece() if callable(piece) else piece
        if named:
            error.about(named)
        raise


def node_piece(label: Any) -> str:
    """How a message names a node: its label, cut short when long."""
    if not isinstance(label, str) or not label.strip():
        return NO_LABEL
    text = printable(" ".join(label.split()))
    return f"“{text[:PIECE_LIMIT].rstrip()}…”" if len(text) > PIECE_LIMIT else text


def closest(typed: str, names: Mapping[str, str]) -> str | None:
    """The key whose key or name (``names``: key → name) is nearest to ``typed``, if any is
    near enough to be what was meant: "procces" → "process" (Processes)."""
    if not isinstance(typed, str) or not typed.strip():
        return None
    spelled = {}
    for key, name in names.items():
        spelled.setdefault(key.casefold(), key)
        spelled.setdefault(name.casefold(), key)
    found = difflib.get_close_matches(typed.strip().casefold(), list(spelled), n=1,
                                      cutoff=TYPO_CUTOFF)
    return spelled[found[0]] if found else None
