"""The map's own data inside a GraphML or GEXF file Ecomap wrote: its building blocks, settings
and the rest, the positions only the export gave, and what the columns could not carry exactly.

It travels as JSON with every character outside ASCII escaped, so XML can always hold it: a
graph column in GraphML, an ``ecomap:map`` element in GEXF. Read back, every part of it is
checked before it is trusted, like any other part of a file.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from app.domain import (
    MAX_MAP_NAME,
    MAX_TEXT,
    Category,
    MapData,
    check_category,
    check_settings,
    check_tags,
    check_text,
)
from app.errors import BadInput, NewerVersion
from app.quoting import describe

FORMAT, VERSION = "ecomap", 1


@dataclass(frozen=True)
class OwnData:
    """The map's own data from a file Ecomap wrote."""

    name: str
    description: str
    goals: tuple[str, ...]
    categories: tuple[Category, ...]
    settings: dict[str, Any]
    placed: dict[str, tuple[float, float]]
    kept_nodes: dict[str, dict]
    kept_edges: dict[str, dict]


def map_document(data: MapData, placed: Mapping, kept_nodes: Mapping,
                 kept_edges: Mapping) -> str:
    """The map's own fields, the positions only the export gave, and what was kept aside: JSON
    with every character outside ASCII escaped, so XML can always hold it."""
    return json.dumps({
        "format": FORMAT, "version": VERSION, "name": data.name,
        "description": data.description, "goals": list(data.goals),
        "categories": [{"key": c.key, "name": c.name, "color": c.color, "shape": c.shape}
                       for c in data.categories],
        "settings": dict(data.settings),
        "placed": {key: list(xy) for key, xy in placed.items()},
        "kept": {"nodes": kept_nodes, "edges": kept_edges},
    }, ensure_ascii=True, allow_nan=False, separators=(",", ":"))


def own_data(text: str, where: str) -> OwnData | None:
    """The map's own data from the JSON an export holds, or ``None`` if it is not Ecomap's;
    ``BadInput`` naming the first problem if it is damaged."""
    try:
        doc = json.loads(text, parse_constant=_not_json)
    except (ValueError, RecursionError):
        raise BadInput("holds Ecomap's data for this map, but it is damaged (not readable "
                       "JSON)", where) from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        return None
    version = doc.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise BadInput(f"should be 1, not {describe(version)}", f"{where}.version")
    if version > VERSION:
        raise NewerVersion(f"{where}: this file was written by a newer Ecomap (format version "
                           f"{version}); update Ecomap to read it.")
    return OwnData(
        name=check_text(doc.get("name"), f"{where}.name", limit=MAX_MAP_NAME),
        description=check_text(doc.get("description"), f"{where}.description", limit=MAX_TEXT),
        goals=check_tags(doc.get("goals"), f"{where}.goals", limit=MAX_TEXT),
        categories=_categories(doc.get("categories"), f"{where}.categories"),
        settings=check_settings(doc.get("settings"), f"{where}.settings"),
        placed=_placed(doc.get("placed"), f"{where}.placed"),
        kept_nodes=_kept(doc.get("kept"), "nodes", f"{where}.kept"),
        kept_edges=_kept(doc.get("kept"), "edges", f"{where}.kept"),
    )


def _not_json(name: str):
    raise ValueError(f"{name} is not a number JSON allows")


def _categories(value: Any, where: str) -> tuple[Category, ...]:
    if not isinstance(value, list) or not all(isinstance(c, dict) for c in value):
        raise BadInput(f"should be a list of building blocks, not {describe(value)}", where)
    return tuple(check_category(Category(c.get("key"), c.get("name"), c.get("color"),
                                         c.get("shape")), f"{where}[{i}]")
                 for i, c in enumerate(value))


def _placed(value: Any, where: str) -> dict[str, tuple[float, float]]:
    value = _object(value, where)
    for key, xy in value.items():
        if not (isinstance(xy, list) and len(xy) == 2 and all(_is_number(v) for v in xy)):
            raise BadInput(f"should be a position [x, y], not {describe(xy)}", f"{where}.{key}")
    return {key: (float(x), float(y)) for key, (x, y) in value.items()}


def _kept(value: Any, part: str, where: str) -> dict[str, dict]:
    records = _object(_object(value, where).get(part), f"{where}.{part}")
    for key, kept in records.items():
        place = f"{where}.{part}.{key}"
        for name, pair in _object(kept, place).items():
            if name == "attributes":
                for attribute, inner in _object(pair, f"{place}.attributes").items():
                    _pair(inner, f"{place}.attributes.{attribute}")
            else:
                _pair(pair, f"{place}.{name}")
    return records


def _pair(value: Any, where: str) -> None:
    if not (isinstance(value, list) and len(value) == 2):
        raise BadInput(f"should be [as written, as it is], not {describe(value)}", where)


def _object(value: Any, where: str) -> dict:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise BadInput(f"should be an object {{ … }}, not {describe(value)}", where)
    return value


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)
