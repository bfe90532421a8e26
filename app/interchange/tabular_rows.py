"""Rows of a spreadsheet turned into elements and connections, as Kumu and Gephi read them.

A block of rows is recognised by its header: ``From`` and ``To`` (or Gephi's ``Source`` and
``Target``) make connections; ``Label`` or ``ID`` make elements. Known columns fill the record's
fields; any other column is kept, by its header, as an attribute. Each cell that cannot be read
becomes a ``Problem`` naming its row and column, and its row is left out.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from typing import Any

from app.domain import MAX_STRENGTH, MIN_STRENGTH
from app.interchange.records import Connection, Element, Problem
from app.quoting import cut

ELEMENT_FIELDS = {
    "id": "id", "label": "label", "type": "type", "element type": "type",
    "building block": "category", "kind": "kind", "description": "description",
    "tags": "tags", "informal": "informal", "reach": "reach", "x": "x", "y": "y",
    "color": "color", "colour": "color",
}
CONNECTION_FIELDS = {
    "id": "id", "from": "source", "source": "source", "to": "target", "target": "target",
    "type": "type", "connection type": "type", "strength": "strength", "weight": "weight",
    "direction": "direction", "description": "note", "note": "note",
}
DIRECTIONS = {"directed": True, "undirected": False, "mutual": False}
YES = {"yes", "y", "true", "1", "x", "informal"}
NO = {"no", "n", "false", "0", "formal"}
SEVERAL = "|"  # Kumu's separator of several values in one cell (tags, To)

_WHOLE = re.compile(r"[-+]?(?:0|[1-9]\d{0,14})")
_DECIMAL = re.compile(r"[-+]?\d{1,15}\.\d+(?:[eE][-+]?\d+)?|[-+]?\d+[eE][-+]?\d+")
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+")
_MARKED = "'=+-@"  # after a leading ', text that would otherwise be read as a number or formula


def mutual_note(count: int) -> str:
    """What became of Kumu's "mutual" connections, for the preview."""
    if count == 1:
        return "1 mutual connection became a two-way connection (drawn without arrows)"
    return f"{count:,} mutual connections became two-way connections (drawn without arrows)"


def header_names(cells: Iterable[Any]) -> list[str]:
    return [" ".join(_plain(c).split()) for c in cells]


def kind_of(header: list[str]) -> str | None:
    """"connections", "elements", or None for a header Ecomap does not recognise."""
    names = {h.casefold() for h in header}
    if {"from", "to"} <= names or {"source", "target"} <= names:
        return "connections"
    if "label" in names or "id" in names:
        return "elements"
    return None


@dataclass
class Columns:
    """Where each field is in a block's rows, and the other columns kept as attributes."""

    index: dict[str, int] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)  # field → header as the file writes it
    extra: list[tuple[int, str]] = field(default_factory=list)

    @classmethod
    def of(cls, header: list[str], known: dict[str, str]) -> Columns:
        cols = cls()
        for i, name in enumerate(header):
            fld = known.get(name.casefold())
            if fld and fld not in cols.index:
                cols.index[fld], cols.names[fld] = i, name
            else:
                cols.extra.append((i, name or f"Column {_letter(i)}"))
        return cols

    def get(self, cells: tuple, fld: str) -> Any:
        i = self.index.get(fld)
        return cells[i] if i is not None and i < len(cells) else None


@dataclass
class RowReader:
    """Reads the rows of one block; ``csv`` when cells are text to be read as numbers."""

    columns: Columns
    csv: bool
    problems: list[Problem] = field(default_factory=list)
    labelled_by_id: int = 0
    mutual: int = 0

    def problem(self, where: str, fld: str, message: str) -> None:
        self.problems.append(Problem(where, message, self.columns.names.get(fld, fld.title())))

    # --- elements ----------------------------------------------------------------------------

    def element(self, cells: tuple, where: str) -> Element | None:
        before = len(self.problems)
        get = self._text_of(cells)
        element_id, label = get("id"), get("label")
        if label is None and element_id is not None:
            label = element_id
            self.labelled_by_id += 1
        if label is None:
            self.problems.append(Problem(where, "is empty, but every element needs a label",
                                         self.columns.names.get("label", "Label")))
            return None
        informal = self._yes_no(cells, where)
        reach = self._whole(cells, "reach", where, 0, None, "a whole number of learners")
        x, y = (self._number(cells, axis, where) for axis in ("x", "y"))
        tags = _several(get("tags"))
        if len(self.problems) > before:
            return None
        return Element(
            where, label, id=element_id, type=get("type"), category=get("category"),
            kind=get("kind"), description=get("description") or "", tags=tags,
            informal=informal, reach=reach, x=x, y=y, color=get("color"),
            attributes=self._extras(cells), columns=self.columns.names)

    # --- connections -------------------------------------------------------------------------

    def connections(self, cells: tuple, where: str) -> list[Connection]:
        before = len(self.problems)
        get = self._text_of(cells)
        sources, targets = _several(get("source")), _several(get("target"))
        for fld, ends in (("source", sources), ("target", targets)):
            if not ends:
                self.problem(where, fld, "is empty, but a connection needs an element at each end")
        strength = self._whole(cells, "strength", where, MIN_STRENGTH, MAX_STRENGTH,
                               f"a whole number from {MIN_STRENGTH} to {MAX_STRENGTH}")
        directed = self._direction(get("direction"), where)
        if len(self.problems) > before:
            return []
        weight = self._number(cells, "weight", where)
        attributes = self._extras(cells)
        if weight is not None:
            attributes["Weight"] = weight  # scaled to strengths when the block is read
        pairs = [(s, t) for s in sources for t in targets]
        ids = _ids(get("id"), len(pairs))
        return [Connection(where, s, t, id=i, type=get("type"), strength=strength,
                           directed=directed, note=get("note") or "", attributes=attributes,
                           columns=self.columns.names)
                for (s, t), i in zip(pairs, ids, strict=True)]

    def _direction(self, text: str | None, where: str) -> bool | None:
        if text is None:
            return None
        found = DIRECTIONS.get(text.casefold())
        if found is None:
            self.problem(where, "direction", f"{_quoted(text)} is not a direction; write "
                         "directed, undirected or mutual")
        elif text.casefold() == "mutual":
            self.mutual += 1
        return found

    # --- cells -------------------------------------------------------------------------------

    def _text_of(self, cells: tuple):
        return lambda fld: self._text(self.columns.get(cells, fld))

    def _text(self, value: Any) -> str | None:
        if self.csv and isinstance(value, str):
            value = unmark(value.strip())
        text = _plain(value).strip()
        return text or None

    def _yes_no(self, cells: tuple, where: str) -> bool | None:
        value = self.columns.get(cells, "informal")
        if isinstance(value, bool):
            return value
        text = self._text(value)
        if text is None:
            return None
        if text.casefold() in YES | NO:
            return text.casefold() in YES
        self.problem(where, "informal", f"{_quoted(text)} should be yes or no")
        return None

    def _number(self, cells: tuple, fld: str, where: str) -> float | None:
        value = self.columns.get(cells, fld)
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
        text = self._text(value)
        if text is None:
            return None
        number = read_number(text)
        if number is None:
            self.problem(where, fld, f"{_quoted(text)} is not a number")
        return None if number is None else float(number)

    def _whole(self, cells: tuple, fld: str, where: str, low: int, high: int | None,
               wanted: str) -> int | None:
        value = self.columns.get(cells, fld)
        text = self._text(value)
        if text is None:
            return None
        number = value if isinstance(value, int | float) and not isinstance(value, bool) \
            else read_number(text.replace(" ", ""), thousands=True)
        if number is None or float(number) != int(number) or number < low or (
                high is not None and number > high):
            self.problem(where, fld, f"{_quoted(text)} is not {wanted}")
            return None
        return int(number)

    def _extras(self, cells: tuple) -> dict[str, Any]:
        found = {}
        for i, name in self.columns.extra:
            value = cells[i] if i < len(cells) else None
            value = read_value(value) if self.csv else _typed(value)
            if value is not None:
                found[name] = value
        return found


def scale_weights(connections: list[Connection]) -> tuple[list[Connection], str | None]:
    """Gephi's ``Weight`` as strengths 1–5: kept when each already is one, left at the usual
    strength when all are equal (Gephi writes 1.0 for a graph without weights), else spread
    evenly from the smallest (1) to the largest (5). Returns the connections and a note."""
    weights = [c.attributes["Weight"] for c in connections if "Weight" in c.attributes]
    if not weights:
        return connections, None
    low, high = min(weights), max(weights)
    if all(w == int(w) and MIN_STRENGTH <= w <= MAX_STRENGTH for w in weights) and low != high:
        strength, note = (lambda w: int(w)), None
    elif low == high:
        strength = lambda w: None  # noqa: E731
        note = f"Every connection has the Weight {_shown_number(low)}, so each has the usual strength"
    else:
        span = MAX_STRENGTH - MIN_STRENGTH
        strength = lambda w: MIN_STRENGTH + round((w - low) / (high - low) * span)  # noqa: E731
        note = (f"Weights from {_shown_number(low)} to {_shown_number(high)} became strengths "
                f"{MIN_STRENGTH} to {MAX_STRENGTH}")
    result = []
    for c in connections:
        if "Weight" not in c.attributes:
            result.append(c)
            continue
        rest = {k: v for k, v in c.attributes.items() if k != "Weight"}
        found = strength(c.attributes["Weight"])
        result.append(replace(c, strength=c.strength if found is None else found,
                              attributes=rest))
    return result, note


def gephi_directions(connections: list[Connection], has_direction: bool) -> list[Connection]:
    """In Gephi's edge table ``Type`` is Directed or Undirected, not a kind of connection."""
    if has_direction:
        return connections
    return [replace(c, directed=DIRECTIONS[c.type.casefold()], type=None)
            if c.type and c.type.casefold() in ("directed", "undirected") else c
            for c in connections]


# --- values ----------------------------------------------------------------------------------


def read_number(text: str, thousands: bool = False) -> int | float | None:
    """A number written as text ("12", "-3.5", "1,200" where ``thousands``), else None."""
    if thousands and _THOUSANDS.fullmatch(text):
        text = text.replace(",", "")
    if _WHOLE.fullmatch(text):
        return int(text)
    if _DECIMAL.fullmatch(text):
        return float(text)
    return None


def read_value(text: Any) -> Any:
    """A CSV cell as the value it stands for: a number, true/false, or text (text that would
    read as one of those was written with a ' in front; see ``mark``)."""
    if not isinstance(text, str):
        return _typed(text)
    text = text.strip()
    if not text:
        return None
    if text.startswith("'") and needs_mark(text[1:]):
        return text[1:]
    if text.casefold() in ("true", "false"):
        return text.casefold() == "true"
    number = read_number(text)
    return text if number is None else number


def needs_mark(text: str) -> bool:
    """Whether text must be written to CSV with a ' in front to read back as the same text:
    it would read as a number or true/false, or a spreadsheet would take it for a formula."""
    return bool(text) and (text[0] in _MARKED or text.casefold() in ("true", "false")
                           or read_number(text) is not None)


def mark(text: str) -> str:
    return "'" + text if needs_mark(text) else text


def unmark(text: str) -> str:
    return text[1:] if text.startswith("'") and needs_mark(text[1:]) else text


def _typed(value: Any) -> Any:
    """An XLSX cell as an attribute value: numbers and true/false as they are, dates as
    ISO text, text stripped; None for an empty cell."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, datetime | date | time):
        return _plain(value)
    return value


def _plain(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime) and value.time() == time():
        return value.date().isoformat()
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return str(value)


def _several(text: str | None) -> tuple[str, ...]:
    if text is None:
        return ()
    return tuple(part.strip() for part in text.split(SEVERAL) if part.strip())


def _ids(given: str | None, count: int) -> list[str | None]:
    if given is None:
        return [None] * count
    return [given] + [f"{given}-{n}" for n in range(2, count + 1)]


def _quoted(text: str) -> str:
    return f"“{cut(text)}”"


def _shown_number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = string.ascii_uppercase[rest] + letters
    return letters
