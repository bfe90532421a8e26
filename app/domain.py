"""What a learning-ecosystem map is made of: immutable records and the rules every reader shares.

A ``MapData`` is a complete, frozen picture of one map. Readers (JSON, the .ecomap file) build
one, analysis reads one, writers write one. Editing happens in ``app.document``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from app.errors import BadInput

MAX_CATEGORY_NAME = 60  # a building block's name: it sits in legends and menus
MAX_LABEL = 200
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

_COLOR = re.compile(r"^#[0-9A-Fa-f]{6}$")
_KEY = re.compile(r"^[A-Za-z0-9_-]{1,40}$")


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
    """An earlier state of the map, kept by name (the nodes and edges in the JSON format)."""

    name: str
    taken_at: str
    nodes: tuple[Mapping[str, Any], ...] = ()
    edges: tuple[Mapping[str, Any], ...] = ()


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
    if not isinstance(key, str) or not _KEY.match(key):
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
        raise BadInput(f"should be text, not {_describe(value)}", where)
    if required and not value.strip():
        raise BadInput("must not be empty", where)
    if limit is not None and len(value) > limit:
        raise BadInput(f"is {len(value)} characters long; the most is {limit}", where)
    return value


def check_color(value: Any, where: str) -> str:
    if not isinstance(value, str) or not _COLOR.match(value):
        raise BadInput(f"{shown(value)} is not a colour like \"#E69F00\"", where)
    return value.upper()


def check_shape(value: Any, where: str) -> str:
    if value not in SHAPES:
        raise BadInput(f"{shown(value)} is not a shape; choose one of {', '.join(SHAPES)}", where)
    return value


def check_bool(value: Any, where: str) -> bool:
    if not isinstance(value, bool):
        raise BadInput(f"should be true or false, not {_describe(value)}", where)
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
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise BadInput(f"should be a number, not {_describe(value)}", where)
    if abs(value) > 1e7:
        raise BadInput(f"{value} is too far from the middle of the map", where)
    return float(value)


def check_tags(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list | tuple):
        raise BadInput(f"should be a list of words, not {_describe(value)}", where)
    return tuple(check_text(t, f"{where}[{i}]", required=True) for i, t in enumerate(value))


def check_attributes(value: Any, where: str) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise BadInput(f"should be an object of names and values, not {_describe(value)}", where)
    for name, item in value.items():
        if item is not None and not isinstance(item, str | int | float | bool):
            raise BadInput("should be text, a number or true/false", f"{where}.{name}")
    return dict(value)


def check_category(category: Category, where: str) -> Category:
    """``category`` with its colour and shape written the usual way, or ``BadInput`` naming
    the first field that breaks the rules (the same for the editor and for imported files)."""
    check_key(category.key, f"{where}.key")
    check_text(category.name, f"{where}.name", required=True, limit=MAX_CATEGORY_NAME)
    return replace(category, color=check_color(category.color, f"{where}.color"),
                   shape=check_shape(category.shape, f"{where}.shape"))


def check_node(node: Node, category_keys: Iterable[str], where: str) -> Node:
    """Raise ``BadInput`` naming the first field of ``node`` that breaks the rules."""
    check_text(node.id, f"{where}.id", required=True)
    check_text(node.label, f"{where}.label", required=True, limit=MAX_LABEL)
    if node.category not in set(category_keys):
        raise BadInput(f"{shown(node.category)} is not a category of this map",
                       f"{where}.category")
    check_text(node.kind, f"{where}.kind")
    check_bool(node.informal, f"{where}.informal")
    check_reach(node.reach, f"{where}.reach")
    check_coordinate(node.x, f"{where}.x")
    check_coordinate(node.y, f"{where}.y")
    check_tags(list(node.tags), f"{where}.tags")
    check_text(node.description, f"{where}.description")
    check_attributes(node.attributes, f"{where}.attributes")
    return node


def check_edge(edge: Edge, node_ids: Mapping[str, Any] | set[str], where: str) -> Edge:
    """Raise ``BadInput`` naming the first field of ``edge`` that breaks the rules."""
    check_text(edge.id, f"{where}.id", required=True)
    for end in ("source", "target"):
        value = getattr(edge, end)
        check_text(value, f"{where}.{end}", required=True)
        if value not in node_ids:
            raise BadInput(f"{shown(value)} is not a node of this map", f"{where}.{end}")
    check_text(edge.kind, f"{where}.kind")
    check_strength(edge.strength, f"{where}.strength")
    check_bool(edge.directed, f"{where}.directed")
    check_text(edge.note, f"{where}.note")
    return edge


def check_map(data: MapData) -> MapData:
    """Check a whole map: unique ids, known categories, edges between existing nodes."""
    keys: set[str] = set()
    for i, cat in enumerate(data.categories):
        where = f"categories[{i}]"
        check_key(cat.key, f"{where}.key")
        if cat.key in keys:
            raise BadInput(f"{shown(cat.key)} appears twice", f"{where}.key")
        keys.add(cat.key)
        check_text(cat.name, f"{where}.name", required=True)
        check_color(cat.color, f"{where}.color")
        check_shape(cat.shape, f"{where}.shape")
    ids: set[str] = set()
    for i, node in enumerate(data.nodes):
        check_node(node, keys, f"nodes[{i}]")
        if node.id in ids:
            raise BadInput(f"the id {shown(node.id)} is used by an earlier node",
                           f"nodes[{i}].id")
        ids.add(node.id)
    edge_ids: set[str] = set()
    for i, edge in enumerate(data.edges):
        check_edge(edge, ids, f"edges[{i}]")
        if edge.id in edge_ids:
            raise BadInput(f"the id {shown(edge.id)} is used by an earlier edge",
                           f"edges[{i}].id")
        edge_ids.add(edge.id)
    return data


def shown(value: Any) -> str:
    """A value as the user wrote it in JSON: "procces", 12, true."""
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, bool):
        return "true" if value else "false"
    return "nothing (null)" if value is None else str(value)


def _describe(value: Any) -> str:
    names = {dict: "an object", list: "a list", str: "text", bool: "true/false",
             int: "a number", float: "a number", type(None): "nothing (null)"}
    return names.get(type(value), type(value).__name__)


def new_id(prefix: str, taken: Mapping[str, Any] | set[str], start: int = 1) -> str:
    """The first id ``prefix<n>`` not yet taken (``n12``, ``e40``)."""
    n = max(start, len(taken) + 1)
    while f"{prefix}{n}" in taken:
        n += 1
    return f"{prefix}{n}"
