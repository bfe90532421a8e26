"""Read and write the Ecomap JSON interchange format (docs: map-format.md, version 1).

Reading parses the whole file into plain records and checks every rule before anything is
returned, so a bad file is refused whole with the first problem and where it is.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from app import safe_files
from app.domain import (
    DEFAULT_CATEGORIES,
    DEFAULT_STRENGTH,
    Category,
    Edge,
    MapData,
    Node,
    Snapshot,
    UnreadableNumber,
    categories_from_keys,
    check_attributes,
    check_category,
    check_coordinate,
    check_key,
    check_map,
    check_plain,
    check_settings,
    check_tags,
    check_text,
    shown,
)
from app.errors import BadInput, NewerVersion
from app.pieces import about, node_piece
from app.quoting import cut, key_part
from app.source_files import read_plain_file

FORMAT = "ecomap"
VERSION = 1

NODE_FIELDS = ("id", "label", "category", "kind", "informal", "reach", "x", "y", "tags",
               "description", "attributes")
EDGE_FIELDS = ("id", "source", "target", "kind", "strength", "directed", "note")
MAX_DIGITS = 4300  # Python's own limit on reading a whole number from text
NEWEST_PLAUSIBLE_VERSION = 1000  # a version beyond this is damage, not a newer Ecomap


def read_json(path: str | os.PathLike) -> MapData:
    """Read a map file in the JSON format, or raise ``BadInput`` naming the first problem."""
    path = Path(path)
    return loads(read_plain_file(path, "JSON map"), source=str(path))


def loads(raw: bytes | str, source: str = "the map") -> MapData:
    """Parse JSON text into a checked ``MapData``."""
    return parse_map(parse_json(raw, source))


def parse_json(raw: bytes | str, source: str = "the map") -> Any:
    """The JSON document in ``raw``, or ``BadInput`` saying where it breaks.

    Numbers Python cannot hold become ``UnreadableNumber`` instead of stopping the reader, so
    the check of the field they sit in refuses them and says where they are."""
    try:
        text = raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw
        doc = json.loads(text, parse_constant=_not_json, parse_int=_whole_number,
                         parse_float=_decimal_number)
    except RecursionError:
        raise BadInput("is nested too deeply to be a map", source) from None
    except UnicodeDecodeError:
        raise BadInput("is not a text file (it is not UTF-8 JSON)", source) from None
    except json.JSONDecodeError as exc:
        raise BadInput(
            f"is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}", source
        ) from None
    return doc


def _not_json(name: str):
    """NaN and Infinity are not JSON, though Python's reader would accept them."""
    raise json.JSONDecodeError(f"{name} is not a number JSON allows", name, 0)


def _whole_number(text: str) -> int | UnreadableNumber:
    digits = len(text.lstrip("-"))
    if digits <= MAX_DIGITS:
        try:
            return int(text)
        except ValueError:  # a lower limit set for this Python (sys.set_int_max_str_digits)
            pass
    return UnreadableNumber(f"a number {digits:,} digits long")


def _decimal_number(text: str) -> float | UnreadableNumber:
    value = float(text)
    if math.isfinite(value):
        return value
    return UnreadableNumber(f"a number too large to use ({cut(text, 24)})")


def parse_map(doc: Any) -> MapData:
    """Turn a decoded JSON document into a checked ``MapData``."""
    if not isinstance(doc, dict):
        raise BadInput("an Ecomap map file must hold one JSON object { … }")
    if doc.get("format") != FORMAT:
        found = "is missing" if "format" not in doc else f"is {shown(doc['format'])}, not \"ecomap\""
        raise BadInput(f"{found}: this is not an Ecomap map file", "format")
    version = doc.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or not (
        1 <= version <= NEWEST_PLAUSIBLE_VERSION
    ):
        raise BadInput(f"should be 1, not {shown(version)}", "version")
    if version > VERSION:
        raise NewerVersion(
            f"this map was made by a newer Ecomap (format version {version}); "
            f"this Ecomap reads version {VERSION}. Update Ecomap to open it."
        )
    categories = _parse_categories(doc.get("categories"))
    nodes = tuple(_parse_node(n, f"nodes[{i}]") for i, n in enumerate(_list(doc, "nodes")))
    edges = _parse_edges(_list(doc, "edges"))
    settings = check_settings(doc.get("settings"))
    data = MapData(
        name=check_text(doc.get("name"), "name", required=True, limit=200),
        description=check_text(doc.get("description"), "description"),
        goals=check_tags(doc.get("goals"), "goals"),
        categories=categories,
        settings=settings,
        nodes=nodes,
        edges=edges,
        snapshots=tuple(
            _parse_snapshot(s, f"snapshots[{i}]") for i, s in enumerate(_list(doc, "snapshots"))
        ),
    )
    return check_map(data)


def _list(doc: Mapping[str, Any], key: str, where: str = "") -> list:
    value = doc.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise BadInput("should be a list [ … ]", f"{where}{key}")
    return value


def _object(value: Any, where: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise BadInput("should be an object { … }", where)
    return value


def _parse_categories(value: Any) -> tuple[Category, ...]:
    if value is None:
        return DEFAULT_CATEGORIES
    if not isinstance(value, list):
        raise BadInput("should be a list [ … ]", "categories")
    items = [_object(item, f"categories[{i}]") for i, item in enumerate(value)]
    keys = [check_key(item.get("key"), f"categories[{i}].key") for i, item in enumerate(items)]
    looks = categories_from_keys(keys)  # defaults first, then colours and shapes not yet taken
    result = []
    for i, (item, look) in enumerate(zip(items, looks, strict=True)):
        where = f"categories[{i}]"
        result.append(check_category(Category(
            look.key,
            check_text(item.get("name"), f"{where}.name") or look.name,
            item.get("color", look.color),
            item.get("shape", look.shape),
        ), where))
    return tuple(result)


def _parse_node(item: Any, where: str) -> Node:
    """A node as the file has it. Only what must be checked to be read is checked here (the
    numbers and lists it turns into Ecomap's types); ``check_map`` checks every field."""
    item = _object(item, where)
    with about(lambda: node_piece(item.get("label"))):
        return _node_fields(item, where)


def _node_fields(item: Mapping[str, Any], where: str) -> Node:
    for required in ("id", "label", "category"):
        if required not in item:
            raise BadInput("is missing (every node needs an id, a label and a category)",
                           f"{where}.{required}")
    attributes = check_attributes(item.get("attributes"), f"{where}.attributes")
    attributes.update(_extra_fields(item, attributes, where))
    return Node(
        id=item["id"],
        label=item["label"],
        category=item["category"],
        kind=_text(item.get("kind")),
        informal=item.get("informal", False),
        reach=item.get("reach"),
        x=check_coordinate(item.get("x"), f"{where}.x"),
        y=check_coordinate(item.get("y"), f"{where}.y"),
        tags=check_tags(item.get("tags"), f"{where}.tags"),
        description=_text(item.get("description")),
        attributes=attributes,
    )


def _text(value: Any) -> Any:
    """An optional text as a record holds it: "" when the file leaves it out."""
    return "" if value is None else value


def _extra_fields(item: Mapping[str, Any], attributes: Mapping[str, Any], where: str) -> dict:
    """Unknown scalar fields of a node: they travel in attributes, so nothing the author wrote
    is lost. Each is checked where the author wrote it (``nodes[3].cost_centre``)."""
    extras = {}
    for name, value in item.items():
        if name not in NODE_FIELDS and name not in attributes and isinstance(
            value, str | int | float | bool
        ):
            place = f"{where}.{key_part(name)}"
            check_text(name, place)
            extras[name] = check_plain(value, place)
    return extras


def _parse_edges(items: list) -> tuple[Edge, ...]:
    given = {item.get("id") for item in items
             if isinstance(item, dict) and isinstance(item.get("id"), str)}
    counter = 0
    edges = []
    for i, item in enumerate(items):
        where = f"edges[{i}]"
        item = _object(item, where)
        for required in ("source", "target"):
            if required not in item:
                raise BadInput("is missing (every edge joins a source node to a target node)",
                               f"{where}.{required}")
        edge_id = item.get("id")
        if edge_id is None:  # ids are optional in files; give one no other edge uses
            counter += 1
            while f"e{counter}" in given:
                counter += 1
            edge_id = f"e{counter}"
        edges.append(Edge(  # as the file has it: check_map checks every field
            id=edge_id,
            source=item["source"],
            target=item["target"],
            kind=_text(item.get("kind")),
            strength=item.get("strength", DEFAULT_STRENGTH),
            directed=item.get("directed", True),
            note=_text(item.get("note")),
        ))
    return tuple(edges)


def _parse_snapshot(item: Any, where: str) -> Snapshot:
    item = _object(item, where)
    return Snapshot(  # the date and the records are checked with the whole map
        name=check_text(item.get("name"), f"{where}.name", required=True),
        taken_at=check_text(item.get("taken_at"), f"{where}.taken_at", required=True),
        nodes=tuple(_object(n, f"{where}.nodes[{i}]")
                    for i, n in enumerate(_list(item, "nodes", f"{where}."))),
        edges=tuple(_object(e, f"{where}.edges[{i}]")
                    for i, e in enumerate(_list(item, "edges", f"{where}."))),
        note=_text(item.get("note")),
        categories=tuple(_object(c, f"{where}.categories[{i}]")
                         for i, c in enumerate(_list(item, "categories", f"{where}."))),
        settings=_object({} if item.get("settings") is None else item["settings"],
                         f"{where}.settings"),
    )


# --- writing ---------------------------------------------------------------------------------


def node_record(node: Node) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": node.id, "label": node.label, "category": node.category, "kind": node.kind,
        "informal": node.informal,
    }
    if node.reach is not None:
        record["reach"] = node.reach
    for axis in ("x", "y"):
        if getattr(node, axis) is not None:
            record[axis] = _number(getattr(node, axis))
    record.update(tags=list(node.tags), description=node.description,
                  attributes=dict(node.attributes))
    return record


def edge_record(edge: Edge) -> dict[str, Any]:
    return {"id": edge.id, "source": edge.source, "target": edge.target, "kind": edge.kind,
            "strength": edge.strength, "directed": edge.directed, "note": edge.note}


def snapshot_record(s: Snapshot) -> dict[str, Any]:
    record: dict[str, Any] = {"name": s.name, "taken_at": s.taken_at}
    if s.note:
        record["note"] = s.note
    if s.categories:
        record["categories"] = list(s.categories)
    if s.settings:
        record["settings"] = dict(s.settings)
    record.update(nodes=list(s.nodes), edges=list(s.edges))
    return record


def to_document(data: MapData) -> dict[str, Any]:
    """The JSON document (as Python objects) for a map."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "name": data.name,
        "description": data.description,
        "goals": list(data.goals),
        "categories": [
            {"key": c.key, "name": c.name, "color": c.color, "shape": c.shape}
            for c in data.categories
        ],
        "settings": dict(data.settings),
        "nodes": [node_record(n) for n in data.nodes],
        "edges": [edge_record(e) for e in data.edges],
        "snapshots": [snapshot_record(s) for s in data.snapshots],
    }


def dumps(data: MapData) -> str:
    return json.dumps(to_document(data), indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def write_json(data: MapData, path: str | os.PathLike) -> None:
    """Write a map as JSON; the file appears whole or not at all."""
    safe_files.write_bytes(path, dumps(data).encode("utf-8"))


def _number(value: float | None) -> float | int | None:
    if value is not None and float(value).is_integer():
        return int(value)
    return value
