"""What a phone sends: a new piece, a connection between two pieces, dots on what to fix first.

Each field is checked against the map's own limits (``app.domain``) before anything is kept; a
refusal says in plain words what is wrong and names the field, so the phone can show it beside
the box it came from. Pieces are referred to as ``node:<id>`` (on the map) or ``room:<n>``
(the room's n-th contribution, not yet decided).
"""

from __future__ import annotations

import re
from collections.abc import Container, Mapping
from dataclasses import dataclass
from typing import Any

from app.domain import MAX_LABEL, MAX_NAME, check_text
from app.errors import BadInput

MAX_CONNECTS = 12  # pieces a new piece can be said to connect to, in one go
MAX_KEY = 40  # the phone's own name for a contribution, so a resend is recognised
_KEY = re.compile(r"[A-Za-z0-9_-]{1,40}")
_UNSEEN = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")  # controls, bidi
FIELD_WORDS = {
    "label": "The piece's name",
    "block": "The building block",
    "name": "Your name",
    "connects": "What it connects to",
    "from": "The first piece",
    "to": "The second piece",
    "target": "What you voted on",
    "dots": "The number of dots",
    "key": "The contribution's number",
    "participant": "Your place in the room",
}


class Refused(Exception):
    """A request the room server will not take: ``message`` is for the person at the phone,
    ``field`` names the part of the form it is about; ``status`` is the HTTP status."""

    def __init__(self, message: str, field: str = "", status: int = 400):
        super().__init__(message)
        self.message, self.field, self.status = message, field, status

    def answer(self) -> dict[str, str]:
        return {"error": self.message, "field": self.field}


@dataclass(frozen=True)
class Contribution:
    """One piece or connection from the room, in the order it arrived (``number`` from 1)."""

    number: int
    kind: str  # "piece" or "connection"
    label: str = ""  # a piece's label
    block: str = ""  # a piece's building block (its key)
    ends: tuple[str, ...] = ()  # a piece: what it connects to; a connection: (from, to)
    name: str = ""  # who sent it, if they said
    received: float = 0.0  # time.perf_counter() when it arrived (how soon the inbox showed it)

    @property
    def ref(self) -> str:
        return f"room:{self.number}"


def text_field(body: Mapping[str, Any], field: str, limit: int, required: bool = False) -> str:
    """``body[field]`` as text of at most ``limit`` characters, or ``Refused`` saying why.
    One line, as a label on the map is, without control characters or the marks that turn
    the reading direction round (a phone has no use for them; a prankster has)."""
    value = body.get(field)
    if isinstance(value, str):
        value = " ".join(_UNSEEN.sub("", " ".join(value.split())).split())
    try:
        return check_text(value, field, required=required, limit=limit)
    except BadInput as problem:
        raise Refused(f"{FIELD_WORDS.get(field, field)} {problem.message}.", field) from None


def key_field(body: Mapping[str, Any]) -> str:
    key = body.get("key")
    if not isinstance(key, str) or not _KEY.fullmatch(key):
        raise Refused("The contribution's number is missing or not one this page made; "
                      "reload the page and try again.", "key")
    return key


def ref_field(value: Any, field: str, known: Container[str]) -> str:
    """A piece on the map or one the room added, by its ``node:``/``room:`` reference."""
    if not isinstance(value, str) or value not in known:
        raise Refused(f"{FIELD_WORDS[field]} is not on the map any more; reload the list "
                      "and choose again.", field)
    return value


def piece_fields(body: Mapping[str, Any], blocks: set[str], known: Container[str],
                 ) -> tuple[str, str, tuple[str, ...]]:
    """The label, building block and connections of a new piece."""
    label = text_field(body, "label", MAX_LABEL, required=True)
    block = body.get("block")
    if not isinstance(block, str) or block not in blocks:
        raise Refused("Choose one of the building blocks for the piece.", "block")
    connects = body.get("connects", [])
    if not isinstance(connects, list) or len(connects) > MAX_CONNECTS:
        raise Refused(f"Choose at most {MAX_CONNECTS} pieces it connects to.", "connects")
    ends = tuple(dict.fromkeys(ref_field(ref, "connects", known) for ref in connects))
    return label, block, ends


def connection_fields(body: Mapping[str, Any], known: Container[str]) -> tuple[str, str]:
    """The two ends of a connection, which must be two different pieces."""
    ends = (ref_field(body.get("from"), "from", known), ref_field(body.get("to"), "to", known))
    if ends[0] == ends[1]:
        raise Refused("Choose two different pieces to connect.", "to")
    return ends


def name_field(body: Mapping[str, Any]) -> str:
    return text_field(body, "name", MAX_NAME)
