"""Edits to an open map, one small dataclass each.

An operation checks itself against the map, then changes it through the ``MapModel`` (which
writes the file and the in-memory map together) and returns its exact inverse, so the window can
undo it, and a ``Changed`` naming what it touched, so views update only those pieces.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from typing import TYPE_CHECKING, Any

from app.domain import (
    Category,
    Edge,
    Node,
    check_category,
    check_coordinate,
    check_edge,
    check_node,
    check_settings,
    check_tags,
    check_text,
    shown,
)
from app.errors import BadInput, NotFound

if TYPE_CHECKING:
    from app.document import MapModel

NODE_FIELDS = frozenset(f.name for f in fields(Node)) - {"id"}
EDGE_FIELDS = frozenset(f.name for f in fields(Edge)) - {"id", "source", "target"}
CATEGORY_FIELDS = frozenset({"name", "color", "shape"})
MAP_FIELDS = frozenset({"name", "description", "goals", "settings"})


@dataclass(frozen=True)
class Changed:
    """What an operation touched: ids of nodes and edges added or changed, or removed."""

    nodes: frozenset[str] = frozenset()
    removed_nodes: frozenset[str] = frozenset()
    edges: frozenset[str] = frozenset()
    removed_edges: frozenset[str] = frozenset()
    categories: bool = False
    map: bool = False
    snapshots: bool = False

    def __or__(self, other: Changed) -> Changed:
        return Changed(
            nodes=(self.nodes - other.removed_nodes) | other.nodes,
            removed_nodes=(self.removed_nodes - other.nodes) | other.removed_nodes,
            edges=(self.edges - other.removed_edges) | other.edges,
            removed_edges=(self.removed_edges - other.edges) | other.removed_edges,
            categories=self.categories or other.categories,
            map=self.map or other.map,
            snapshots=self.snapshots or other.snapshots,
        )


class Operation:
    """Base of all operations: ``apply(model) -> (inverse, changed)``."""

    label = "Edit"

    def apply(self, model: MapModel) -> tuple[Operation, Changed]:
        raise NotImplementedError


# --- nodes -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class AddNodes(Operation):
    """Add nodes, and optionally edges among them or to existing nodes (paste, undo of delete)."""

    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...] = ()
    label = "Add"

    def apply(self, model):
        ids: set[str] = set()
        names = _block_names(model)
        for i, node in enumerate(self.nodes):
            if model.has_node(node.id) or node.id in ids:
                raise BadInput(f"the id {shown(node.id)} is already used by another node",
                               f"nodes[{i}].id")
            check_node(node, names, f"nodes[{i}]", names)
            ids.add(node.id)
        for i, edge in enumerate(self.edges):
            _check_new_edge(model, edge, ids, f"edges[{i}]")
        model.add_nodes(self.nodes, self.edges)
        inverse = RemoveNodes(tuple(n.id for n in self.nodes))
        return inverse, Changed(nodes=frozenset(ids), edges=frozenset(e.id for e in self.edges))


@dataclass(frozen=True)
class RemoveNodes(Operation):
    """Remove nodes and every connection they have."""

    ids: tuple[str, ...]
    label = "Delete"

    def apply(self, model):
        nodes = tuple(model.node(i) for i in self.ids)
        edge_ids = sorted({e for i in self.ids for e in model.edge_ids_of(i)},
                          key=model.edge_order)
        edges = tuple(model.edge(e) for e in edge_ids)
        model.remove_nodes(self.ids, edge_ids)
        changed = Changed(removed_nodes=frozenset(self.ids), removed_edges=frozenset(edge_ids))
        return AddNodes(nodes, edges), changed


@dataclass(frozen=True)
class UpdateNode(Operation):
    """Change some fields of one node: ``UpdateNode("reps", {"label": "New reps"})``."""

    id: str
    changes: Mapping[str, Any]
    label = "Edit node"

    def apply(self, model):
        old = model.node(self.id)
        _check_fields(self.changes, NODE_FIELDS, "node")
        new = replace(old, **_normalise_node_changes(self.changes))
        names = _block_names(model)
        check_node(new, names, f"node {shown(self.id)}", names)
        model.update_nodes([new])
        before = {k: getattr(old, k) for k in self.changes}
        return UpdateNode(self.id, before), Changed(nodes=frozenset({self.id}))


@dataclass(frozen=True)
class MoveNodes(Operation):
    """Put nodes at new positions (a drag, a layout, align and distribute)."""

    positions: Mapping[str, tuple[float, float]]
    label = "Move"

    def apply(self, model):
        before = {}
        for node_id, (x, y) in self.positions.items():
            node = model.node(node_id)
            before[node_id] = (node.x, node.y)
            if x is None and y is None:  # undoing a move of a node never placed
                continue
            _check_position(node_id, x, y)
        model.move_nodes(self.positions)
        return MoveNodes(before), Changed(nodes=frozenset(self.positions))


def _check_position(node_id: str, x: Any, y: Any) -> None:
    """A layout moves 10,000 nodes at once: where a problem is gets written out only if there
    is one."""
    try:
        for axis, value in (("x", x), ("y", y)):
            if value is None:
                raise BadInput("a position must be two numbers")
            check_coordinate(value, axis)
    except BadInput as problem:
        where = f"node {shown(node_id)}"
        raise BadInput(problem.message,
                       f"{where}.{problem.where}" if problem.where else where) from None


# --- edges -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class AddEdges(Operation):
    edges: tuple[Edge, ...]
    label = "Connect"

    def apply(self, model):
        seen: set[str] = set()
        for i, edge in enumerate(self.edges):
            if edge.id in seen:
                raise BadInput(f"the id {shown(edge.id)} is used twice", f"edges[{i}].id")
            _check_new_edge(model, edge, set(), f"edges[{i}]")
            seen.add(edge.id)
        model.add_edges(self.edges)
        ids = tuple(e.id for e in self.edges)
        return RemoveEdges(ids), Changed(edges=frozenset(ids))


@dataclass(frozen=True)
class RemoveEdges(Operation):
    ids: tuple[str, ...]
    label = "Delete connection"

    def apply(self, model):
        edges = tuple(model.edge(i) for i in sorted(self.ids, key=model.edge_order))
        model.remove_edges(self.ids)
        return AddEdges(edges), Changed(removed_edges=frozenset(self.ids))


@dataclass(frozen=True)
class UpdateEdge(Operation):
    """Change a connection's kind, strength, direction, note, or which nodes it joins."""

    id: str
    changes: Mapping[str, Any]
    label = "Edit connection"

    def apply(self, model):
        old = model.edge(self.id)
        _check_fields(self.changes, EDGE_FIELDS | {"source", "target"}, "connection")
        new = replace(old, **self.changes)
        check_edge(new, model.node_ids(), f"connection {shown(self.id)}")
        model.update_edges([new])
        before = {k: getattr(old, k) for k in self.changes}
        return UpdateEdge(self.id, before), Changed(edges=frozenset({self.id}))


# --- categories ------------------------------------------------------------------------------


@dataclass(frozen=True)
class AddCategory(Operation):
    """Add a building block, at ``index`` in the order (the end by default)."""

    category: Category
    index: int | None = None
    label = "Add building block"

    def apply(self, model):
        cat = check_category(self.category, "category")
        if cat.key in model.category_keys():
            raise BadInput(f"this map already has a building block {shown(cat.key)}", "category.key")
        cats = list(model.categories())
        cats.insert(len(cats) if self.index is None else self.index, cat)
        model.set_categories(cats)
        return RemoveCategory(cat.key), Changed(categories=True)


@dataclass(frozen=True)
class UpdateCategory(Operation):
    """Rename, recolour or reshape a building block."""

    key: str
    changes: Mapping[str, Any]
    label = "Edit building block"

    def apply(self, model):
        _check_fields(self.changes, CATEGORY_FIELDS, "building block")
        cats = list(model.categories())
        index = _category_index(cats, self.key)
        old = cats[index]
        cats[index] = check_category(replace(old, **self.changes), "category")
        model.set_categories(cats)
        before = {k: getattr(old, k) for k in self.changes}
        affected = frozenset(n.id for n in model.nodes_in(self.key))
        return UpdateCategory(self.key, before), Changed(nodes=affected, categories=True)


@dataclass(frozen=True)
class ReorderCategories(Operation):
    keys: tuple[str, ...]
    label = "Reorder building blocks"

    def apply(self, model):
        cats = {c.key: c for c in model.categories()}
        if sorted(self.keys) != sorted(cats):
            raise BadInput("the new order must name every building block once", "categories")
        before = tuple(cats)
        model.set_categories([cats[k] for k in self.keys])
        return ReorderCategories(before), Changed(categories=True)


@dataclass(frozen=True)
class RemoveCategory(Operation):
    """Remove a building block; its nodes move to ``move_nodes_to`` or, if None, are deleted."""

    key: str
    move_nodes_to: str | None = None
    label = "Remove building block"

    def apply(self, model):
        cats = list(model.categories())
        index = _category_index(cats, self.key)
        if self.move_nodes_to is not None and (
            self.move_nodes_to == self.key or self.move_nodes_to not in model.category_keys()
        ):
            raise BadInput(f"{shown(self.move_nodes_to)} is not another building block of this map",
                           "move_nodes_to")
        members = tuple(n.id for n in model.nodes_in(self.key))
        steps: list[Operation] = []
        if members and self.move_nodes_to:
            steps += [UpdateNode(i, {"category": self.move_nodes_to}) for i in members]
        elif members:
            steps.append(RemoveNodes(members))
        undo, changed = Batch(tuple(steps)).apply(model)
        model.set_categories(cats[:index] + cats[index + 1:])
        restore = Batch((AddCategory(cats[index], index), undo))
        return restore, changed | Changed(categories=True)


# --- the map itself and composites -----------------------------------------------------------


@dataclass(frozen=True)
class UpdateMap(Operation):
    """Change the map's name, description, goals or settings."""

    changes: Mapping[str, Any]
    label = "Edit map properties"

    def apply(self, model):
        _check_fields(self.changes, MAP_FIELDS, "map")
        props = dict(model.properties())
        before = {k: props[k] for k in self.changes}
        props.update(self.changes)
        check_text(props["name"], "name", required=True, limit=200)
        check_text(props["description"], "description")
        props["goals"] = check_tags(list(props["goals"]), "goals")
        if not isinstance(props["settings"], Mapping):
            raise BadInput("should be an object of settings", "settings")
        check_settings(props["settings"])  # as every reader of the saved map will
        model.set_properties(props)
        return UpdateMap(before), Changed(map=True)


@dataclass(frozen=True)
class UpdateSetting(Operation):
    """Change one of the map's settings (``None`` removes it), leaving the others as they are:
    its undo puts back only this one."""

    name: str
    value: Any
    label = "Change a setting"

    def apply(self, model):
        settings = dict(model.properties()["settings"])
        before = settings.get(self.name)
        if self.value is None:
            settings.pop(self.name, None)
        else:
            settings[self.name] = self.value
        _inverse, changed = UpdateMap({"settings": settings}).apply(model)
        return UpdateSetting(self.name, before), changed


@dataclass(frozen=True)
class Batch(Operation):
    """Several operations as one step (a layout, a multi-delete, removing a building block)."""

    ops: tuple[Operation, ...]
    label: str = field(default="Edit", compare=False)

    def apply(self, model):
        inverses: list[Operation] = []
        changed = Changed()
        for op in self.ops:
            inverse, step = op.apply(model)
            inverses.append(inverse)
            changed = changed | step
        return Batch(tuple(reversed(inverses)), self.label), changed


# --- shared checks ---------------------------------------------------------------------------


def _check_new_edge(model: MapModel, edge: Edge, new_node_ids: set[str], where: str) -> None:
    if model.has_edge(edge.id):
        raise BadInput(f"the id {shown(edge.id)} is already used by another connection", f"{where}.id")
    check_edge(edge, _Union(model.node_ids(), new_node_ids), where)


class _Union:
    """``x in _Union(a, b)`` without copying either set (maps can hold 10,000 nodes)."""

    def __init__(self, *parts):
        self._parts = parts

    def __contains__(self, item) -> bool:
        return any(item in part for part in self._parts)


def _block_names(model: MapModel) -> dict[str, str]:
    """The name of each building block by its key (a typo is answered with the nearest)."""
    return {c.key: c.name for c in model.categories()}


def _check_fields(changes: Mapping[str, Any], allowed: frozenset[str], what: str) -> None:
    for name in changes:
        if name not in allowed:
            raise BadInput(f"a {what} has no field {shown(name)}", name)


def _normalise_node_changes(changes: Mapping[str, Any]) -> dict[str, Any]:
    result = dict(changes)
    if "tags" in result and isinstance(result["tags"], list):
        result["tags"] = tuple(result["tags"])
    for axis in ("x", "y"):
        if isinstance(result.get(axis), int) and not isinstance(result[axis], bool):
            result[axis] = float(result[axis])
    return result


def _category_index(cats: list[Category], key: str) -> int:
    for i, cat in enumerate(cats):
        if cat.key == key:
            return i
    raise NotFound(f"this map has no building block {shown(key)}")
