"""What GraphML and GEXF share: a map's nodes and connections as named columns, and rows of a
file's columns turned into records.

Writing, each node becomes columns (one value type per column, tags joined with "|", text
without the characters XML cannot hold). Whatever a column cannot carry exactly is kept aside
in the map's own data beside the form it was written in; reading puts it back wherever the file
still holds that form, so an edit made in yEd or Gephi wins over what was kept. Reading, the
GraphML and GEXF readers hand over rows (the file's columns and what yEd or Gephi drew) and get
back ``Element`` and ``Connection`` records.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from app.domain import Edge, MapData, Node
from app.interchange.own_data import OwnData, map_document
from app.interchange.records import Connection, Element, Imported
from app.interchange.safe_xml import xml_text
from app.layout import auto_layout

NODE_SIZE = 46.0  # map units: a node as the window draws it
PREFIX = "attributes."  # before an attribute whose name a field or the format already uses
RESERVED = {"id", "label", "category", "kind", "informal", "reach", "x", "y", "tags",
            "description", "type", "weight", "strength", "directed", "note", "color", "key",
            "networkx_key", "pid", "start", "end", "viz", "parents", "spells", "slices"}
# Columns a foreign file may name the element's type with, the most telling first.
TYPE_COLUMNS = ("type", "kind", "category", "group", "modularity class", "modularity_class",
                "community", "cluster", "partition")
KEPT_NODE_FIELDS = {"id", "label", "kind", "description", "tags"}  # text XML may not hold
KEPT_EDGE_FIELDS = {"id", "type", "note"}
MOVED = 0.01  # map units: a drawn position further than this from the written one was moved


# --- writing -------------------------------------------------------------------------------


@dataclass
class Written:
    """A map made ready for a network file: XML ids, columns and drawn positions."""

    nodes: list[tuple[str, dict[str, Any], Node]] = field(default_factory=list)
    edges: list[tuple[str, str, str, dict[str, Any], Edge]] = field(default_factory=list)
    drawn: dict[str, tuple[float, float]] = field(default_factory=dict)  # by XML id, y down
    document: str = ""  # the map's own data, as JSON


def prepare(data: MapData) -> Written:
    """Everything a GraphML or GEXF writer needs from ``data``."""
    written, kept_nodes, kept_edges = Written(), {}, {}
    node_ids = _xml_ids((n.id for n in data.nodes), "n")
    by_node = {}
    types = column_types(data.nodes)
    laid_out = auto_layout(data)
    placed = {}
    for node, xml_id in zip(data.nodes, node_ids, strict=True):
        by_node.setdefault(node.id, xml_id)
        columns, kept = node_columns(node, types)
        _keep(kept, "id", xml_id, node.id)
        written.nodes.append((xml_id, columns, node))
        if node.has_position:
            written.drawn[xml_id] = (float(node.x), float(node.y))
        else:
            written.drawn[xml_id] = placed[xml_id] = laid_out[node.id]
        if kept:
            kept_nodes[xml_id] = kept
    for edge, xml_id in zip(data.edges, _xml_ids((e.id for e in data.edges), "e"), strict=True):
        columns, kept = edge_columns(edge)
        _keep(kept, "id", xml_id, edge.id)
        written.edges.append((xml_id, by_node[edge.source], by_node[edge.target], columns, edge))
        if kept:
            kept_edges[xml_id] = kept
    written.document = map_document(data, placed, kept_nodes, kept_edges)
    return written


def _xml_ids(ids: Iterable[str], prefix: str) -> list[str]:
    """Ids as an XML file can hold them, each used once (a map's own ids, where they can be)."""
    wanted = [xml_text(i) for i in ids]
    taken, result, anywhere = set(), [], set(wanted)
    for i, want in enumerate(wanted):
        if not want or want in taken:
            n = i + 1
            while f"{prefix}{n}" in taken or f"{prefix}{n}" in anywhere:
                n += 1
            want = f"{prefix}{n}"
        taken.add(want)
        result.append(want)
    return result


def column_types(nodes: Iterable[Node]) -> dict[str, type]:
    """One value type for each attribute: numbers of both kinds become decimals, and any mix
    with text becomes text (networkx would otherwise split the column in two)."""
    seen: dict[str, set[type]] = {}
    for node in nodes:
        for name, value in node.attributes.items():
            seen.setdefault(name, set())
            if value is not None:
                seen[name].add(type(value))
    return {name: _one_type(found) for name, found in seen.items()}


def _one_type(found: set[type]) -> type:
    if found == {bool}:
        return bool
    if found <= {int}:
        return int
    return float if found <= {int, float} else str


def node_columns(node: Node, types: Mapping[str, type]) -> tuple[dict[str, Any], dict]:
    """The columns of one node (its id and position are the writer's), and the values they
    cannot carry exactly, each as ``[as written, as it is]``."""
    columns: dict[str, Any] = {"label": xml_text(node.label), "category": node.category}
    if node.kind:
        columns["kind"] = xml_text(node.kind)
    columns["informal"] = node.informal
    if node.reach is not None:
        columns["reach"] = node.reach
    if node.tags:
        columns["tags"] = "|".join(xml_text(t) for t in node.tags)
    if node.description:
        columns["description"] = xml_text(node.description)
    kept: dict[str, Any] = {}
    for name in ("label", "kind", "description"):
        _keep(kept, name, columns.get(name, ""), getattr(node, name))
    _keep(kept, "tags", list(split_tags(columns.get("tags", ""))), list(node.tags))
    for name, value in node.attributes.items():
        safe = xml_text(name) == name  # else the attribute travels only in what is kept
        written = _column_value(value, types[name]) if value is not None and safe else None
        if written is not None:
            columns[column_name(name)] = written
        if written is None or written != value or type(written) is not type(value):
            kept.setdefault("attributes", {})[name] = [written, value]
    return columns, kept


def edge_columns(edge: Edge) -> tuple[dict[str, Any], dict]:
    columns: dict[str, Any] = {}
    if edge.kind:
        columns["kind"] = xml_text(edge.kind)
    columns.update(strength=edge.strength, directed=edge.directed)
    if edge.note:
        columns["note"] = xml_text(edge.note)
    kept: dict[str, Any] = {}
    _keep(kept, "type", columns.get("kind", ""), edge.kind)
    _keep(kept, "note", columns.get("note", ""), edge.note)
    return columns, kept


def _keep(kept: dict, name: str, written: Any, value: Any) -> None:
    if written != value:
        kept[name] = [written, value]


def _column_value(value: Any, kind: type) -> Any:
    if kind is float:
        return float(value)
    if kind is not str:
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    return xml_text(value) if isinstance(value, str) else repr(value)


def column_name(attribute: str) -> str:
    """The column an attribute is written in: its own name, unless a field has it."""
    lowered = attribute.lower()
    return PREFIX + attribute if lowered in RESERVED or lowered.startswith(PREFIX) else attribute


def split_tags(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split("|") if part.strip())


# --- reading -------------------------------------------------------------------------------


@dataclass
class NodeRow:
    """One node as a file holds it: its columns and what yEd or Gephi drew."""

    where: str
    xml_id: str
    columns: dict[str, Any]
    label: str | None = None  # the label shown (yEd's NodeLabel, Gephi's label)
    color: str | None = None  # "#RRGGBB"
    drawn: tuple[float, float] | None = None  # the centre, y growing downwards
    groups: tuple[str, ...] = ()  # the yEd groups it sits in, outermost first


@dataclass
class EdgeRow:
    where: str
    xml_id: str | None
    source: str  # XML ids
    target: str
    columns: dict[str, Any]
    directed: bool | None = None
    label: str | None = None
    weight: float | int | None = None  # Gephi's, or a GraphML weight column


def imported(source: str, nodes: list[NodeRow], edges: list[EdgeRow], own: OwnData | None,
             name: str | None = None, notes: Iterable[str] = (),
             description: str = "") -> Imported:
    """The records of one file: its elements, its connections and the map's own data (or, in
    another program's file, its title and description)."""
    elements, ids = [], {}
    for row in nodes:
        element = _element(row, own)
        ids.setdefault(row.xml_id, element.id)
        elements.append(element)
    connections, scaled = _connections(edges, ids, own)
    notes = [*notes, *scaled]
    if own is None:
        return Imported(source, tuple(elements), tuple(connections), name=name,
                        notes=tuple(notes), description=description)
    return Imported(source, tuple(elements), tuple(connections), name=own.name,
                    categories=own.categories, notes=tuple(notes), description=own.description,
                    goals=own.goals, settings=own.settings)


def _element(row: NodeRow, own: OwnData | None) -> Element:
    columns = dict(row.columns)
    take = _taker(columns)
    element_id, label = _text(take("id")) or row.xml_id, _text(take("label"))
    x, y = _position(take("x"), take("y"), row.drawn)
    informal, reach = take("informal"), take("reach")
    tags = split_tags(_text(take("tags")) or "") + row.groups
    if not (row.label or label):
        label = _text(take("name"))  # Cytoscape's label column
    fields = dict(where=row.where, id=element_id, label=row.label or label or "",
                  description=_text(take("description")) or "", tags=tags,
                  informal=informal if isinstance(informal, bool) else None,
                  reach=reach if isinstance(reach, int) and not isinstance(reach, bool) else None,
                  x=x, y=y, color=row.color)
    if own is not None and "category" in columns:
        fields.update(category=_text(take("category")), kind=_text(take("kind")) or "")
        block = next((c for c in own.categories or () if c.key == fields["category"]), None)
        if block is not None and (row.color or "").lower() == block.color.lower():
            fields.update(color=None)  # the block's own colour, as Ecomap drew it: not news
        attributes = {_attribute(name): value for name, value in columns.items()}
        element = Element(**fields, attributes=attributes)
        return _put_back(element, own.kept_nodes.get(element_id), own.placed.get(element_id))
    return Element(**fields, type=_type(columns), attributes=columns)


def _taker(columns: dict[str, Any]):
    """``take(name)``: the value of the column so named, any case, removed from ``columns``."""
    def take(name: str) -> Any:
        found = next((c for c in columns if c.lower() == name), None)
        return columns.pop(found) if found is not None else None
    return take


def _text(value: Any) -> str | None:
    return None if value is None else value if isinstance(value, str) else str(value)


def _position(x: Any, y: Any, drawn: tuple[float, float] | None):
    written = (x, y) if all(_is_number(v) for v in (x, y)) else None
    if drawn is None or (written is not None and _near(written, drawn)):
        return written or (None, None)
    return drawn


def _near(a: tuple[float, float], b: tuple[float, float]) -> bool:
    try:
        return abs(a[0] - b[0]) <= MOVED and abs(a[1] - b[1]) <= MOVED
    except OverflowError:  # a number too large to be a position: the map's checks say so
        return True


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _type(columns: dict[str, Any]) -> str | None:
    """The file's own word for what an element is, from its most telling column; a number (a
    Gephi modularity class) is named with its column: "Modularity Class 3"."""
    for wanted in TYPE_COLUMNS:
        found = next((c for c in columns if c.lower() == wanted), None)
        if found is not None and str(columns[found]).strip():
            value = columns.pop(found)
            return f"{found} {value}" if _is_number(value) else str(value).strip()
    return None


def _attribute(column: str) -> str:
    return column[len(PREFIX):] if column.startswith(PREFIX) else column


def _put_back(element: Element, kept: Mapping | None, placed: tuple | None) -> Element:
    """``element`` with what its export kept aside, where the file still holds what was written,
    and without the position only the export gave it."""
    if placed is not None and element.x is not None and _near((element.x, element.y), placed):
        element = replace(element, x=None, y=None)
    if not kept:
        return element
    changes = {}
    for name, pair in kept.items():
        if name not in KEPT_NODE_FIELDS:
            continue
        written, value = pair
        now = list(element.tags) if name == "tags" else getattr(element, name)
        if now == written:
            changes[name] = tuple(value) if isinstance(value, list) else value
    attributes = dict(element.attributes)
    for name, (written, value) in kept.get("attributes", {}).items():
        if attributes.get(name) == written and type(attributes.get(name)) is type(written):
            attributes.pop(name, None)
            attributes[name] = value
    return replace(element, **changes, attributes=attributes)


def _connections(rows: list[EdgeRow], ids: Mapping[str, str], own: OwnData | None):
    """The connections, and a note when Gephi's weights had to be turned into strengths."""
    strengths, notes = ([None] * len(rows), []) if own else _strengths([r.weight for r in rows])
    result = []
    for row, strength in zip(rows, strengths, strict=True):
        columns = dict(row.columns)
        take = _taker(columns)
        edge_id = _text(take("id")) or row.xml_id
        kind = _first(take, ("kind", "type", "label")) or row.label
        given = take("strength")
        directed = take("directed")
        note = take("note") or take("description")
        if _whole(given) is not None:
            strength = _whole(given)
        elif own and _whole(row.weight) is not None:
            strength = _whole(row.weight)
        if own is None and row.weight is not None:
            columns["weight"] = row.weight
        connection = Connection(
            where=row.where, source=ids.get(row.source, row.source),
            target=ids.get(row.target, row.target), id=edge_id,
            type=_text(kind) or ("" if own else None), strength=strength,
            directed=directed if isinstance(directed, bool) else row.directed,
            note=_text(note) or "", attributes=columns)
        result.append(_put_back_edge(connection, own.kept_edges.get(edge_id) if own else None))
    return result, notes


def _whole(value: Any) -> int | None:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _first(take, names: Iterable[str]) -> Any:
    """The first of these columns holding anything (the empty ones before it go)."""
    for name in names:
        value = take(name)
        if value is not None and value != "":
            return value
    return None


def _put_back_edge(connection: Connection, kept: Mapping | None) -> Connection:
    changes = {name: value for name, (written, value) in (kept or {}).items()
               if name in KEPT_EDGE_FIELDS and getattr(connection, name) == written}
    return replace(connection, **changes) if changes else connection


def _strengths(weights: list[Any]) -> tuple[list[int | None], list[str]]:
    """Strengths 1–5 from a file's weights: as they are when they are already 1–5; otherwise
    spread over 1–5 by rank, the lightest 1 and the heaviest 5; none when every weight is the
    same (nothing to tell apart)."""
    usable = [w if _is_number(w) and math.isfinite(w) else None for w in weights]
    distinct = sorted({w for w in usable if w is not None})
    if len(distinct) < 2:
        return [None] * len(weights), []
    if all(float(w).is_integer() and 1 <= w <= 5 for w in distinct):
        return [None if w is None else int(w) for w in usable], []
    rank = {w: 1 + round(4 * i / (len(distinct) - 1)) for i, w in enumerate(distinct)}
    return [None if w is None else rank[w] for w in usable], [
        f"connection weights from {distinct[0]:g} to {distinct[-1]:g} were read as strengths "
        "1 to 5, lightest to heaviest (the weight itself is kept with each connection)"]
