"""What a learning-ecosystem map is made of: immutable records and the rules every reader shares.

A ``MapData`` is a complete, frozen picture of one map. Readers (JSON, the .ecomap file) build
one, analysis reads one, writers write one. Editing happens in ``app.document``.
"""

from __future__ import annotations

import math
import re
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from app.errors import BadInput
from app.pieces import about, closest, node_piece
from app.quoting import UnreadableNumber, describe, key_part, shown
from app.thresholds import check_thresholds

MAX_MAP_NAME = 200
MAX_CATEGORY_NAME = 60  # a building block's name: it sits in legends and menus
MAX_LABEL = 200
MAX_NAME = 200  # ids, kinds, tags, names of attributes and snapshots: a few words each
MAX_TEXT = 10_000  # a description, a note, a goal: several paragraphs, never a whole book
MAX_ITEMS = 200  # tags on a node, goals of a map, attributes of a node
MAX_CATEGORIES = 40  # building blocks: more would not fit a legend, nor any map's story
MAX_COORDINATE = 1e7  # map units from the middle: far beyond any drawing, safe to draw
MAX_DEPTH = 20  # settings and snapshots nested deeper than this are not something a map holds
MAX_REACH = 10**9  # more learners than any organisation has; SQLite stores it safely
MIN_STRENGTH, MAX_STRENGTH, DEFAULT_STRENGTH = 1, 5, 3

# Okabe–Ito: distinguishable with every common colour-vision deficiency.
OKABE_ITO = (
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#009E73",  # bluish green
    "#0072B2",  # blue
    "#CC79A7",  # reddish purple
    "#D55E00",  # vermilion
    "#F0E442",  # yellow
    "#000000",  # black
)
SHAPES = ("circle", "square", "triangle", "hexagon", "diamond", "octagon", "pentagon", "star")

_COLOR = re.compile(r"#[0-9A-Fa-f]{6}")
_KEY = re.compile(r"[A-Za-z0-9_-]{1,40}")
_BROKEN = re.compile("[\ud800-\udfff]")  # a lone half of a surrogate pair: not a character
_FLOAT_MAX = sys.float_info.max


@dataclass(frozen=True)
class Category:
    """A building block of the ecosystem: People, Content, Processes…"""

    key: str
    name: str
    color: str
    shape: str


@dataclass(frozen=True)
class Node:
    """One piece of the ecosystem: a learner group, a course, a coaching process…"""

    id: str
    label: str
    category: str
    kind: str = ""
    informal: bool = False
    reach: int | None = None
    x: float | None = None
    y: float | None = None
    tags: tuple[str, ...] = ()
    description: str = ""
    attributes: Mapping[str, Any] = field(default_factory=dict)

    @property
    def has_position(self) -> bool:
        return self.x is not None and self.y is not None

    def at(self, x: float | None, y: float | None) -> Node:
        """The same node placed at (x, y): ``replace(node, x=x, y=y)`` in a tenth of the time
        (a layout moves 10,000 nodes at once). Every other field is this node's own."""
        moved = object.__new__(Node)
        moved.__dict__.update(self.__dict__, x=x, y=y)
        return moved


@dataclass(frozen=True)
class Edge:
    """A connection: who uses, delivers, mentors, supports, measures, governs or informs whom."""

    id: str
    source: str
    target: str
    kind: str = ""
    strength: int = DEFAULT_STRENGTH
    directed: bool = True
    note: str = ""


@dataclass(frozen=True)
class Snapshot:
    """An earlier state of the map, kept by name (the nodes and edges in the JSON format), with
    a note of what was going on, and the building blocks and settings of the time (records in
    the JSON format; none in snapshots from before Ecomap kept them: the map's own serve)."""

    name: str
    taken_at: str
    nodes: tuple[Mapping[str, Any], ...] = ()
    edges: tuple[Mapping[str, Any], ...] = ()
    note: str = ""
    categories: tuple[Mapping[str, Any], ...] = ()
    settings: Mapping[str, Any] = field(default_factory=dict)

    # A snapshot read from a file decodes and checks its records when first used
    # (``app.storage.stored_snapshot``): the map's own check leaves them to it.
    checks_own_records = False

    @property
    def node_count(self) -> int:
        return len(self.nodes)

    @property
    def edge_count(self) -> int:
        return len(self.edges)

    def renamed(self, name: str, note: str) -> Snapshot:
        """The same snapshot under another name and note."""
        return replace(self, name=name, note=note)


@dataclass(frozen=True)
class MapData:
    """A whole map, frozen: safe to hand to a worker thread or a writer."""

    name: str
    description: str = ""
    goals: tuple[str, ...] = ()
    categories: tuple[Category, ...] = ()
    settings: Mapping[str, Any] = field(default_factory=dict)
    nodes: tuple[Node, ...] = ()
    edges: tuple[Edge, ...] = ()
    snapshots: tuple[Snapshot, ...] = ()
    # When this picture of the map was true (a snapshot's ``taken_at``); None: it is the map now.
    as_of: str | None = None

    def category(self, key: str) -> Category | None:
        return next((c for c in self.categories if c.key == key), None)

    def count_by_category(self) -> dict[str, int]:
        counts = {c.key: 0 for c in self.categories}
        for node in self.nodes:
            counts[node.category] = counts.get(node.category, 0) + 1
        return counts

    def with_positions(self, positions: Mapping[str, tuple[float, float]]) -> MapData:
        """The same map with some nodes moved (used to fill in automatic layouts)."""
        nodes = tuple(
            replace(n, x=positions[n.id][0], y=positions[n.id][1]) if n.id in positions else n
            for n in self.nodes
        )
        return replace(self, nodes=nodes)


def _category(key: str, name: str, index: int) -> Category:
    return Category(key, name, OKABE_ITO[index], SHAPES[index])


DEFAULT_CATEGORIES: tuple[Category, ...] = (
    _category("people", "People", 0),
    _category("content", "Content", 1),
    _category("process", "Processes", 2),
    _category("technology", "Technology", 3),
    _category("data", "Data", 4),
    _category("governance", "Governance", 5),
)

USUAL_KINDS: dict[str, tuple[str, ...]] = {
    "people": ("Learner group", "Manager", "Mentor", "Instructor", "SME", "IT team",
               "External partner"),
    "content": ("Course", "Video", "Article", "Podcast", "Job aid", "E-book", "Webcast",
                "Assessment"),
    "process": ("Microlearning", "Blended learning", "Mobile learning", "Social learning",
                "In-class training", "Coaching", "On-the-job"),
    "technology": ("LMS", "LXP", "Authoring tool", "Collaboration tool"),
    "data": ("Completion data", "Skills data", "Feedback survey", "Performance KPIs"),
    "governance": ("Learning strategy", "Policy", "Steering group", "Budget", "Compliance rule"),
}


def default_category(key: str, name: str | None = None, index: int | None = None) -> Category:
    """The standard look of a building block: its default colour and shape, or the next free ones."""
    for cat in DEFAULT_CATEGORIES:
        if cat.key == key:
            return cat if name is None else replace(cat, name=name)
    i = (index or 0) % len(OKABE_ITO)
    return Category(key, name or key.replace("_", " ").capitalize(), OKABE_ITO[i], SHAPES[i])


def categories_from_keys(keys: Iterable[str]) -> tuple[Category, ...]:
    """Categories for a list of keys, giving unknown keys colours and shapes not yet taken."""
    keys = list(keys)
    chosen = [default_category(k) if _is_default(k) else None for k in keys]
    used = {c.color for c in chosen if c}
    free = [i for i, colour in enumerate(OKABE_ITO) if colour not in used]
    result = []
    for key, cat in zip(keys, chosen, strict=True):
        if cat is None:
            cat = default_category(key, index=free.pop(0) if free else len(result))
        result.append(cat)
    return tuple(result)


def _is_default(key: str) -> bool:
    return any(c.key == key for c in DEFAULT_CATEGORIES)


# --- rules shared by every reader and every edit -------------------------------------------


def check_key(key: Any, where: str) -> str:
    if not isinstance(key, str) or not _KEY.fullmatch(key):
        raise BadInput(
            f"{shown(key)} is not a usable category key (letters, digits, - and _, up to 40)", where
        )
    return key


def check_text(value: Any, where: str, *, required: bool = False, limit: int | None = None) -> str:
    if value is None:
        if required:
            raise BadInput("is missing", where)
        return ""
    if not isinstance(value, str):
        raise BadInput(f"should be text, not {describe(value)}", where)
    if not value.isascii() and _BROKEN.search(value):  # (plain ASCII, most text, has none)
        raise BadInput("contains a broken character (half of a pair that makes one character; "
                       "the file was damaged or cut in the wrong place)", where)
    if required and not value.strip():
        raise BadInput("must not be empty", where)
    if limit is not None and len(value) > limit:
        raise BadInput(f"is {len(value):,} characters long; the most is {limit}", where)
    return value


def check_color(value: Any, where: str) -> str:
    if not isinstance(value, str) or not _COLOR.fullmatch(value):
        raise BadInput(f"{shown(value)} is not a colour like \"#E69F00\"", where)
    return value.upper()


def check_shape(value: Any, where: str) -> str:
    if value not in SHAPES:
        raise BadInput(f"{shown(value)} is not a shape; choose one of {', '.join(SHAPES)}", where)
    return value


def check_bool(value: Any, where: str) -> bool:
    if not isinstance(value, bool):
        raise BadInput(f"should be true or false, not {describe(value)}", where)
    return value


def check_reach(value: Any, where: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_REACH:
        raise BadInput(f"should be a whole number of learners, 0 to {MAX_REACH:,}, "
                       f"not {shown(value)}", where)
    return value


def check_strength(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not (
        MIN_STRENGTH <= value <= MAX_STRENGTH
    ):
        raise BadInput(
            f"should be a whole number from {MIN_STRENGTH} to {MAX_STRENGTH}, not {shown(value)}",
            where
        )
    return value


def check_coordinate(value: Any, where: str) -> float | None:
    if value is None:
        return None
    if not _is_number(value) and not isinstance(value, UnreadableNumber):
        raise BadInput(f"should be a number, not {describe(value)}", where)
    if not _is_usable_number(value) or abs(value) > MAX_COORDINATE:
        raise BadInput(f"should be at most {MAX_COORDINATE:,.0f} from the middle of the map, "
                       f"not {shown(value)}", where)
    return float(value)


def check_tags(value: Any, where: str, limit: int = MAX_NAME) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list | tuple):
        raise BadInput(f"should be a list of words, not {describe(value)}", where)
    if len(value) > MAX_ITEMS:
        raise BadInput(f"has {len(value):,} entries; the most is {MAX_ITEMS}", where)
    return tuple(check_text(t, f"{where}[{i}]", required=True, limit=limit)
                 for i, t in enumerate(value))


def check_attributes(value: Any, where: str) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise BadInput(f"should be an object of names and values, not {describe(value)}", where)
    if len(value) > MAX_ITEMS:
        raise BadInput(f"has {len(value):,} entries; the most is {MAX_ITEMS}", where)
    for name, item in value.items():
        place = f"{where}.{key_part(name)}"
        check_text(name, place, limit=MAX_NAME)
        if item is not None and not isinstance(item, str | int | float | bool):
            raise BadInput(f"should be text, a number or true/false, not {describe(item)}", place)
        check_plain(item, place)
    return dict(value)


def check_plain(value: Any, where: str, depth: int = 0) -> Any:
    """``value`` if it is plain JSON all the way down (objects with text names, lists, text,
    numbers Ecomap can use, true/false, null) nested at most ``MAX_DEPTH`` deep; else
    ``BadInput`` naming the first part that is not. What passes can be written back as JSON
    and read again unchanged."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str):
        return check_text(value, where, limit=MAX_TEXT)
    if isinstance(value, int | float | UnreadableNumber):
        if not _is_usable_number(value):
            raise BadInput(f"should be a number Ecomap can use, not {shown(value)}", where)
        return value
    if isinstance(value, list | Mapping) and depth >= MAX_DEPTH:
        raise BadInput(f"is nested more than {MAX_DEPTH} levels deep", where)
    if isinstance(value, list):
        for i, item in enumerate(value):
            check_plain(item, f"{where}[{i}]", depth + 1)
        return value
    if isinstance(value, Mapping):
        for name, item in value.items():
            place = f"{where}.{key_part(name)}"
            check_text(name, place)
            check_plain(item, place, depth + 1)
        return value
    raise BadInput(f"should be text, a number, true/false, a list or an object, not "
                   f"{describe(value)}", where)


def check_settings(value: Any, where: str = "settings") -> dict[str, Any]:
    """The map's settings (``None`` for none), if every value in them is plain JSON and the
    ones Ecomap uses are right: ``thresholds`` exactly as the checks read them, ``pinned`` a
    list of node ids, ``views`` saved views (``app.views``), ``label_scale`` a number. Unknown
    settings are kept. Else ``BadInput`` naming the first problem."""
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise BadInput(f"should be an object of settings, not {describe(value)}", where)
    check_thresholds(value.get("thresholds"), f"{where}.thresholds")
    if "pinned" in value:
        check_pinned(value["pinned"], f"{where}.pinned")
    if "views" in value:
        from app.views import check_views  # (views are built of this module's checks)

        check_views(value["views"], f"{where}.views")
    if "label_scale" in value:
        check_label_scale(value["label_scale"], f"{where}.label_scale")
    check_plain(value, where)
    return dict(value)


LABEL_SCALES = (0.5, 3.0)  # labels drawn this many times their theme's size, at most


def check_label_scale(value: Any, where: str) -> float:
    """How much larger than the theme's own the map's labels are drawn (for the back row)."""
    low, high = LABEL_SCALES
    if not _is_number(value) or not low <= value <= high:
        raise BadInput(f"should be a number from {low} to {high}, not {shown(value)}", where)
    return float(value)


def check_pinned(value: Any, where: str) -> list[str]:
    """The ids of the nodes that layouts leave where they are (the canvas shows them a pin)."""
    if not isinstance(value, list):
        raise BadInput(f"should be a list of node ids, not {describe(value)}", where)
    return [check_text(item, f"{where}[{i}]", required=True) for i, item in enumerate(value)]


def check_category(category: Category, where: str) -> Category:
    """``category`` with its colour and shape written the usual way, or ``BadInput`` naming
    the first field that breaks the rules (the same for the editor and for imported files)."""
    named = isinstance(category.name, str) and category.name.strip()
    with about(f"The building block {node_piece(category.name)}" if named else
               "A building block"):
        check_key(category.key, f"{where}.key")
        check_text(category.name, f"{where}.name", required=True, limit=MAX_CATEGORY_NAME)
        return replace(category, color=check_color(category.color, f"{where}.color"),
                       shape=check_shape(category.shape, f"{where}.shape"))


def check_node(node: Node, category_keys: Iterable[str], where: str,
               names: Mapping[str, str] | None = None) -> Node:
    """Raise ``BadInput`` naming the first field of ``node`` that breaks the rules, and the
    node by its label (``error.piece``). With ``names`` (key → name of each building block) a
    mistyped building block is answered with the nearest one."""
    with about(lambda: node_piece(node.label)):
        check_text(node.id, f"{where}.id", required=True, limit=MAX_NAME)
        check_text(node.label, f"{where}.label", required=True, limit=MAX_LABEL)
        check_text(node.category, f"{where}.category", required=True)
        keys = category_keys if isinstance(category_keys, set | Mapping) else set(category_keys)
        if node.category not in keys:
            raise not_a_category(node.category, names or {k: k for k in keys},
                                 f"{where}.category")
        check_text(node.kind, f"{where}.kind", limit=MAX_NAME)
        check_bool(node.informal, f"{where}.informal")
        check_reach(node.reach, f"{where}.reach")
        check_coordinate(node.x, f"{where}.x")
        check_coordinate(node.y, f"{where}.y")
        check_tags(node.tags, f"{where}.tags")
        check_text(node.description, f"{where}.description", limit=MAX_TEXT)
        check_attributes(node.attributes, f"{where}.attributes")
    return node


def not_a_category(typed: str, names: Mapping[str, str], where: str) -> BadInput:
    """The refusal of a building block the map does not have, with the nearest one it does
    have when that looks like a typo (``error.nearest`` holds that block's name)."""
    key = closest(typed, names)
    hint = f" — did you mean {shown(key)}?" if key is not None else ""
    error = BadInput(f"{shown(typed)} is not a category of this map{hint}", where)
    error.nearest = names.get(key) if key is not None else None
    return error


def check_edge(edge: Edge, node_ids: Mapping[str, Any] | set[str], where: str) -> Edge:
    """Raise ``BadInput`` naming the first field of ``edge`` that breaks the rules, and the
    connection by the labels of its ends where ``node_ids`` maps ids to nodes."""
    with about(lambda: connection_piece(edge.source, edge.target, node_ids)):
        check_text(edge.id, f"{where}.id", required=True, limit=MAX_NAME)
        for end in ("source", "target"):
            value = getattr(edge, end)
            check_text(value, f"{where}.{end}", required=True)
            if value not in node_ids:
                raise BadInput(f"{shown(value)} is not a node of this map", f"{where}.{end}")
        check_text(edge.kind, f"{where}.kind", limit=MAX_NAME)
        check_strength(edge.strength, f"{where}.strength")
        check_bool(edge.directed, f"{where}.directed")
        check_text(edge.note, f"{where}.note", limit=MAX_TEXT)
    return edge


def connection_piece(source_id: Any, target_id: Any, nodes: Any) -> str:
    """"The connection from Reps to Coaching", as far as ``nodes`` (id → node) knows the ends."""
    def label(node_id):
        node = nodes.get(node_id) if isinstance(nodes, Mapping) and isinstance(
            node_id, str) else None
        return node_piece(node.label) if isinstance(node, Node) else None

    source, target = label(source_id), label(target_id)
    if source and target:
        return f"The connection from {source} to {target}"
    if source or target:
        return f"A connection {'from ' + source if source else 'to ' + target}"
    return "A connection"


def check_snapshot(snapshot: Snapshot, where: str, records: bool = True) -> Snapshot:
    """Raise ``BadInput`` naming the first part of ``snapshot`` that breaks the rules; its
    nodes and edges are kept as written, so they need only be objects of plain JSON.
    ``records=False`` checks its name, note and date only (records and settings written by
    Ecomap from a checked map: a fifth of a second saved on a 10,000-node map)."""
    check_text(snapshot.name, f"{where}.name", required=True, limit=MAX_NAME)
    check_text(snapshot.note, f"{where}.note", limit=MAX_TEXT)
    taken_at = check_text(snapshot.taken_at, f"{where}.taken_at", required=True)
    try:
        datetime.fromisoformat(taken_at)
    except ValueError:
        raise BadInput(f"{shown(taken_at)} is not a date like 2026-09-30T17:00:00",
                       f"{where}.taken_at") from None
    if not records:
        return snapshot
    if not isinstance(snapshot.settings, Mapping):
        raise BadInput(f"should be an object of settings, not {describe(snapshot.settings)}",
                       f"{where}.settings")
    check_plain(snapshot.settings, f"{where}.settings", depth=1)
    for part in ("nodes", "edges", "categories"):
        records = getattr(snapshot, part)
        if not isinstance(records, list | tuple):
            raise BadInput(f"should be a list, not {describe(records)}", f"{where}.{part}")
        for i, record in enumerate(records):
            if not isinstance(record, Mapping):
                raise BadInput("should be an object { … }", f"{where}.{part}[{i}]")
            check_plain(record, f"{where}.{part}[{i}]", depth=2)
    return snapshot


def check_map(data: MapData) -> MapData:
    """Check a whole map as every reader must before trusting it (the JSON file, the .ecomap
    file): each field, unique ids, known categories, edges between existing nodes, settings
    and snapshots. Raise ``BadInput`` naming the first problem and where it is."""
    check_text(data.name, "name", required=True, limit=MAX_MAP_NAME)
    check_text(data.description, "description", limit=MAX_TEXT)
    check_tags(data.goals, "goals", limit=MAX_TEXT)
    names = _check_categories(data.categories)
    check_settings(data.settings)
    nodes = _check_nodes(data.nodes, names)
    _check_edges(data.edges, nodes)
    for i, snapshot in enumerate(data.snapshots):
        check_snapshot(snapshot, f"snapshots[{i}]", records=not snapshot.checks_own_records)
    return data


def _check_categories(categories: tuple[Category, ...]) -> dict[str, str]:
    """The name of each building block by its key."""
    if len(categories) > MAX_CATEGORIES:
        raise BadInput(f"has {len(categories):,} building blocks; the most is {MAX_CATEGORIES}",
                       "categories")
    names: dict[str, str] = {}
    for i, cat in enumerate(categories):
        check_category(cat, f"categories[{i}]")
        if cat.key in names:
            raise BadInput(f"{shown(cat.key)} appears twice", f"categories[{i}].key")
        names[cat.key] = cat.name
    return names


def _check_nodes(nodes: Iterable[Node], names: dict[str, str]) -> dict[str, Node]:
    """Each node by its id."""
    ids: dict[str, Node] = {}
    for i, node in enumerate(nodes):
        check_node(node, names, f"nodes[{i}]", names)
        if node.id in ids:
            raise BadInput(f"the id {shown(node.id)} is used by an earlier node",
                           f"nodes[{i}].id").about(node_piece(node.label))
        ids[node.id] = node
    return ids


def _check_edges(edges: Iterable[Edge], node_ids: Mapping[str, Node]) -> None:
    edge_ids: set[str] = set()
    for i, edge in enumerate(edges):
        check_edge(edge, node_ids, f"edges[{i}]")
        if edge.id in edge_ids:
            raise BadInput(f"the id {shown(edge.id)} is used by an earlier edge",
                           f"edges[{i}].id")
        edge_ids.add(edge.id)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _is_usable_number(value: Any) -> bool:
    """A number that JSON readers everywhere can hold: finite, within a float's range. Whole
    numbers are compared exactly, never turned into a float that would overflow."""
    if isinstance(value, float):
        return math.isfinite(value)
    return _is_number(value) and -_FLOAT_MAX <= value <= _FLOAT_MAX


def new_id(prefix: str, taken: Mapping[str, Any] | set[str], start: int = 1) -> str:
    """The first id ``prefix<n>`` not yet taken (``n12``, ``e40``)."""
    n = max(start, len(taken) + 1)
    while f"{prefix}{n}" in taken:
        n += 1
    return f"{prefix}{n}"
