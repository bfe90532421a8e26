"""Read Kumu's JSON: the "blueprint" people write to import into Kumu, and a whole project as
Kumu exports it (elements with ``_id`` and ``attributes``, and each map's positions).

    {"elements": [{"label": "Sales onboarding", "type": "Course", "tags": ["sales"]}],
     "connections": [{"from": "New reps", "to": "Sales onboarding", "direction": "directed"}]}
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from typing import Any

from app.domain import MAX_STRENGTH, MIN_STRENGTH
from app.errors import BadInput
from app.interchange.records import Connection, Element, Imported, Problem
from app.interchange.tabular_rows import DIRECTIONS, SEVERAL, YES, mutual_note
from app.quoting import cut

ELEMENT_KEYS = {"_id": "id", "id": "id", "label": "label", "type": "type",
                "element type": "type", "description": "description", "tags": "tags"}
CONNECTION_KEYS = {"_id": "id", "id": "id", "from": "source", "to": "target", "type": "type",
                   "connection type": "type", "description": "note", "direction": "direction",
                   "strength": "strength"}
SKIPPED = {"attributes", "position"}


def is_kumu(doc: Any) -> bool:
    """Whether a decoded JSON document is Kumu's rather than Ecomap's own map format."""
    return isinstance(doc, dict) and "format" not in doc and (
        isinstance(doc.get("elements"), list) or isinstance(doc.get("connections"), list))


def read_kumu(doc: Mapping[str, Any], source: str, stem: str) -> Imported:
    """The elements and connections of a Kumu document, with positions where a map has them."""
    reader = _Reader(source)
    positions, notes = _positions(doc.get("maps"))
    elements = tuple(e for i, item in enumerate(_list(doc, "elements", source))
                     if (e := reader.element(item, i, positions)) is not None)
    connections = tuple(c for i, item in enumerate(_list(doc, "connections", source))
                        for c in reader.connections(item, i))
    mutual = sum(1 for c in reader.directions if c == "mutual")
    if mutual:
        notes.append(mutual_note(mutual))
    name = _text(doc.get("name")) or _first_map_name(doc.get("maps")) or stem
    typed = any(e.type for e in elements)
    return Imported(source, elements, connections, name=name, notes=(
        f"{source} was read as a Kumu {'project export' if positions else 'blueprint'}",
        *notes), problems=tuple(reader.problems), typed=typed)


class _Reader:
    def __init__(self, source: str):
        self.source = source
        self.problems: list[Problem] = []
        self.directions: list[str] = []

    def element(self, item: Any, index: int, positions: Mapping[str, tuple]) -> Element | None:
        where = f"{self.source}, element {index + 1}"
        fields, extra = self._fields(item, where, ELEMENT_KEYS)
        if fields is None:
            return None
        label = _text(fields.get("label")) or _text(fields.get("id"))
        if label is None:
            self.problems.append(Problem(where, "has no label: every element needs one"))
            return None
        element_id = _text(fields.get("id"))
        x, y = positions.get(element_id, (None, None)) if element_id else (None, None)
        x, y = _own_position(item, x, y)
        informal = extra.pop("informal", None)
        return Element(
            f"{where} (“{cut(label, 40)}”)", label, id=element_id, type=_text(fields.get("type")),
            description=_text(fields.get("description")) or "", tags=_tags(fields.get("tags")),
            informal=(str(informal).casefold() in YES) if informal is not None else None,
            x=x, y=y, attributes=extra)

    def connections(self, item: Any, index: int) -> list[Connection]:
        where = f"{self.source}, connection {index + 1}"
        fields, extra = self._fields(item, where, CONNECTION_KEYS)
        if fields is None:
            return []
        ends = {end: [p.strip() for p in (_text(fields.get(end)) or "").split(SEVERAL)
                      if p.strip()] for end in ("source", "target")}
        wrong = [Problem(where, f"has no “{'from' if end == 'source' else 'to'}”: a "
                         "connection needs an element at each end")
                 for end, found in ends.items() if not found]
        strength = self._strength(fields.get("strength"), where, wrong)
        directed = self._direction(fields.get("direction"), where, wrong)
        if wrong:
            self.problems.extend(wrong)
            return []
        given = _text(fields.get("id"))
        pairs = [(s, t) for s in ends["source"] for t in ends["target"]]
        return [Connection(where, s, t, id=(given if k == 0 or given is None else
                                             f"{given}-{k + 1}"),
                           type=_text(fields.get("type")), strength=strength,
                           directed=directed, note=_text(fields.get("note")) or "",
                           attributes=extra)
                for k, (s, t) in enumerate(pairs)]

    def _fields(self, item: Any, where: str, known: Mapping[str, str]):
        """The known fields of an element or connection, and the rest as attributes; Kumu's
        export keeps most of them under ``attributes``."""
        if not isinstance(item, dict):
            self.problems.append(Problem(where, "should be an object { … }"))
            return None, None
        merged = {**item, **(item.get("attributes") if isinstance(item.get("attributes"),
                                                                   dict) else {})}
        fields, extra = {}, {}
        for key, value in merged.items():
            name = str(key)
            target = known.get(name.casefold())
            if target:
                fields.setdefault(target, value)
            elif name not in SKIPPED and value not in (None, "", []):
                extra[name] = _attribute(value)
        return fields, extra

    def _strength(self, value: Any, where: str, wrong: list[Problem]) -> int | None:
        if value in (None, ""):
            return None
        number = value if isinstance(value, int | float) and not isinstance(value, bool) \
            else _number(value)
        if number is None or not math.isfinite(number) or number != int(number) or not (
                MIN_STRENGTH <= number <= MAX_STRENGTH):
            wrong.append(Problem(where, f"its strength {_quoted(value)} is not a whole number "
                                 f"from {MIN_STRENGTH} to {MAX_STRENGTH}"))
            return None
        return int(number)

    def _direction(self, value: Any, where: str, wrong: list[Problem]) -> bool | None:
        text = _text(value)
        if text is None:
            return None
        if text.casefold() not in DIRECTIONS:
            wrong.append(Problem(where, f"its direction {_quoted(text)} is not one Kumu "
                                 "writes: directed, undirected or mutual"))
            return None
        self.directions.append(text.casefold())
        return DIRECTIONS[text.casefold()]


def _positions(maps: Any) -> tuple[dict[str, tuple[float, float]], list[str]]:
    """Where the first map that places elements puts each one (by element ``_id``)."""
    if not isinstance(maps, list):
        return {}, []
    for found in maps:
        if not isinstance(found, dict):
            continue
        placed = {}
        for entry in found.get("elements") or []:
            position = entry.get("position") if isinstance(entry, dict) else None
            xy = _xy(position)
            if xy and isinstance(entry.get("element"), str):
                placed[entry["element"]] = xy
        if placed:
            notes = []
            if len(maps) > 1:
                notes.append(f"The project has {len(maps)} maps; positions come from the "
                             f"first that has them, “{cut(_text(found.get('name')) or '', 40)}”")
            return placed, notes
    return {}, []


def _own_position(item: Mapping[str, Any], x, y):
    xy = _xy(item.get("position")) if isinstance(item, dict) else None
    return xy if xy and x is None else (x, y)


def _xy(position: Any) -> tuple[float, float] | None:
    if not isinstance(position, dict):
        return None
    x, y = position.get("x"), position.get("y")
    if all(isinstance(v, int | float) and not isinstance(v, bool) for v in (x, y)):
        return float(x), float(y)
    return None


def _first_map_name(maps: Any) -> str | None:
    if isinstance(maps, list) and maps and isinstance(maps[0], dict):
        return _text(maps[0].get("name"))
    return None


def _list(doc: Mapping[str, Any], key: str, source: str) -> list:
    value = doc.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise BadInput(f"“{key}” should be a list [ … ]", source)
    return value


def _text(value: Any) -> str | None:
    if value is None or isinstance(value, dict | list):
        return None
    if isinstance(value, bool):
        value = "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text or None


def _tags(value: Any) -> tuple[str, ...]:
    parts = value if isinstance(value, list) else (_text(value) or "").split(SEVERAL)
    return tuple(t for p in parts if (t := _text(p)))


def _attribute(value: Any) -> Any:
    """Kumu's field values as attributes: several values joined with " | " as a spreadsheet
    writes them, anything nested kept as its JSON text."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool | int | float):
        return value
    if isinstance(value, list) and all(isinstance(v, str | int | float) for v in value):
        return f" {SEVERAL} ".join(str(v) for v in value)
    return json.dumps(value, ensure_ascii=False)


def _number(value: Any) -> float | None:
    try:
        return float(str(value).strip())
    except ValueError:
        return None


def _quoted(value: Any) -> str:
    return f"“{cut(str(value))}”"
