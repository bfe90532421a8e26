"""A refusal in the window's words: the piece it is about, never a place in a file.

The command line says ``nodes[0].category: "procces" is not a category of this map``; the window
says ``Classroom workshops: "procces" is not a building block of this map — did you mean
Processes?``. The checks record the piece and the likely meaning on the error (``app.pieces``);
this turns the rest of the location into words.
"""

from __future__ import annotations

import re

from app.errors import EcomapError

FIELDS = {
    "label": "the label", "category": "the building block", "kind": "the kind",
    "informal": "“informal learning”", "reach": "the reach", "x": "the position",
    "y": "the position", "tags": "a tag", "description": "the description",
    "attributes": "an attribute", "id": "the id", "source": "where it starts",
    "target": "where it ends", "strength": "the strength", "directed": "the direction",
    "note": "the note", "name": "the name", "color": "the colour", "shape": "the shape",
    "key": "the key", "goals": "a goal", "taken_at": "the date", "nodes": "a piece",
    "edges": "a connection", "thresholds": "a check threshold", "pinned": "the pinned pieces",
}
THE_MAPS = {"name": "The map's name", "description": "The map's description",
            "goals": "One of the map's goals", "settings": "The map's settings",
            "format": "The file's format", "version": "The file's version",
            "categories": "The building blocks"}
PARTS = {"nodes": "Piece", "edges": "Connection", "categories": "Building block",
         "snapshots": "Snapshot"}
# Messages that read as the end of a sentence about the field ("is missing", "should be…").
_PREDICATE = re.compile(r"^(is|are|should|must|contains|appears|has)\b")
_TOKENS = re.compile(r"[A-Za-z_]+|\[\d+\]|\"[^\"]*\"")
_SUGGESTION = re.compile(r" — did you mean .*\?$")


def in_words(error: Exception) -> str:
    """What the window shows for ``error``: field paths turned into the piece and its field."""
    if not isinstance(error, EcomapError) or not _is_map_path(error.where):
        return str(error)
    piece, field = _piece_and_field(error)
    message = error.message.replace("a category of this map", "a building block of this map")
    message = message.replace("a node of this map", "a piece of this map")
    if error.nearest:
        message = _SUGGESTION.sub(f" — did you mean {error.nearest}?", message)
    if field and _PREDICATE.match(message):
        message = f"{field} {message}"
    if piece is None:
        return message[:1].upper() + message[1:]
    return f"{piece}: {message}"


def _is_map_path(where: str | None) -> bool:
    """Whether ``where`` is a place in a map (``nodes[3].label``), not a file or an option."""
    if not where or "/" in where or "\\" in where or where.startswith("-"):
        return False
    first = _TOKENS.match(where)
    return first is not None and (first.group() in FIELDS or first.group() in THE_MAPS
                                  or first.group() in ("node", "connection", "category",
                                                       "settings", "snapshots"))


def _piece_and_field(error: EcomapError) -> tuple[str | None, str | None]:
    """The piece (named by the checks, or by its place: "Piece 3") and the field's words."""
    tokens = _TOKENS.findall(error.where)
    head = tokens[0]
    rest = [t for t in tokens[1:] if t in FIELDS]
    if error.piece is not None:
        return error.piece, FIELDS.get(rest[0]) if rest else None
    if head in PARTS and len(tokens) > 1 and tokens[1].startswith("["):
        return f"{PARTS[head]} {int(tokens[1][1:-1]) + 1}", FIELDS.get(rest[0]) if rest else None
    if head == "settings" and "thresholds" in rest and len(tokens) > 2:
        return None, f"the check threshold “{tokens[-1]}”"
    if head in THE_MAPS and not rest:
        return None, THE_MAPS[head]
    return None, FIELDS.get(rest[-1] if rest else head)
