"""The open map: applies operations, keeps the file and the in-memory map in step, tells listeners.

    doc = MapDocument.open("acme.ecomap")
    undo = doc.apply(UpdateNode("reps", {"label": "New sales reps"}))
    doc.apply(undo)

Every ``apply`` is one committed transaction; there is never unsaved work.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from app import collector, failures
from app.domain import (
    Category,
    Edge,
    MapData,
    Node,
    Snapshot,
    shown,
)
from app.errors import NotFound, StorageFailed
from app.ops import Changed, Operation
from app.storage import MapStore

Listener = Callable[[Changed], None]

log = logging.getLogger(__name__)

__all__ = ["Changed", "MapDocument", "MapModel"]


class MapModel:
    """The map in memory, written through to the store. Operations change the map only here."""

    def __init__(self, store: MapStore):
        self._store = store
        with collector.held():  # 40,000 records at once: see app.collector
            self._load(store.first_read())

    def reload(self) -> None:
        with collector.held():
            self._load(self._store.load())

    def _load(self, data: MapData) -> None:
        self._props = {"name": data.name, "description": data.description,
                       "goals": tuple(data.goals), "settings": dict(data.settings)}
        self._categories = list(data.categories)
        self._snapshots = data.snapshots
        self._nodes: dict[str, Node] = {n.id: n for n in data.nodes}
        self._edges: dict[str, Edge] = {e.id: e for e in data.edges}
        self._edge_rank = {e.id: i for i, e in enumerate(data.edges)}
        self._next_rank = len(data.edges)
        self._edges_at: dict[str, set[str]] = {n: set() for n in self._nodes}
        for e in data.edges:
            self._link(e)

    # --- reading -----------------------------------------------------------------------------

    def node(self, node_id: str) -> Node:
        try:
            return self._nodes[node_id]
        except KeyError:
            raise NotFound(f"there is no node with the id {shown(node_id)} in this map") from None

    def edge(self, edge_id: str) -> Edge:
        try:
            return self._edges[edge_id]
        except KeyError:
            raise NotFound(f"there is no connection with the id {shown(edge_id)}") from None

    def has_node(self, node_id: str) -> bool:
        return node_id in self._nodes

    def has_edge(self, edge_id: str) -> bool:
        return edge_id in self._edges

    def node_ids(self) -> Mapping[str, Node]:
        return self._nodes

    def nodes(self) -> list[Node]:
        return list(self._nodes.values())

    def edges(self) -> list[Edge]:
        return list(self._edges.values())

    def edge_ids_of(self, node_id: str) -> set[str]:
        return set(self._edges_at.get(node_id, ()))

    def edge_order(self, edge_id: str) -> int:
        return self._edge_rank[edge_id]

    def nodes_in(self, key: str) -> list[Node]:
        return [n for n in self._nodes.values() if n.category == key]

    def categories(self) -> tuple[Category, ...]:
        return tuple(self._categories)

    def category_keys(self) -> set[str]:
        return {c.key for c in self._categories}

    def properties(self) -> Mapping[str, Any]:
        return self._props

    def snapshot(self) -> MapData:
        return MapData(self._props["name"], self._props["description"], self._props["goals"],
                       tuple(self._categories), dict(self._props["settings"]),
                       tuple(self._nodes.values()), tuple(self._edges.values()),
                       self._snapshots)

    # --- writing (file first, so a failed write leaves memory untouched) ---------------------

    def add_nodes(self, nodes: Iterable[Node], edges: Iterable[Edge] = ()) -> None:
        nodes, edges = list(nodes), list(edges)
        self._store.insert_nodes(nodes)
        for n in nodes:
            self._nodes[n.id] = n
            self._edges_at[n.id] = set()
        self.add_edges(edges)

    def update_nodes(self, nodes: Iterable[Node]) -> None:
        nodes = list(nodes)
        self._store.update_nodes(nodes)
        self._nodes.update((n.id, n) for n in nodes)

    def move_nodes(self, positions: Mapping[str, tuple[float, float]]) -> None:
        positions = {i: (None, None) if x is None else (float(x), float(y))
                     for i, (x, y) in positions.items()}
        self._store.move_nodes(positions)
        nodes = self._nodes
        for node_id, (x, y) in positions.items():
            nodes[node_id] = nodes[node_id].at(x, y)

    def remove_nodes(self, node_ids: Iterable[str], edge_ids: Iterable[str]) -> None:
        node_ids = list(node_ids)
        self.remove_edges(edge_ids)
        self._store.delete_nodes(node_ids)
        for node_id in node_ids:
            del self._nodes[node_id]
            del self._edges_at[node_id]

    def add_edges(self, edges: Iterable[Edge]) -> None:
        edges = list(edges)
        self._store.insert_edges(edges)
        for e in edges:
            self._edges[e.id] = e
            self._edge_rank[e.id] = self._next_rank
            self._next_rank += 1
            self._link(e)

    def update_edges(self, edges: Iterable[Edge]) -> None:
        edges = list(edges)
        self._store.update_edges(edges)
        for e in edges:
            self._unlink(self._edges[e.id])
            self._edges[e.id] = e
            self._link(e)

    def remove_edges(self, edge_ids: Iterable[str]) -> None:
        edge_ids = list(edge_ids)
        self._store.delete_edges(edge_ids)
        for edge_id in edge_ids:
            self._unlink(self._edges.pop(edge_id))
            del self._edge_rank[edge_id]

    def set_categories(self, categories: Iterable[Category]) -> None:
        categories = list(categories)
        self._store.set_categories(categories)
        self._categories = categories

    def set_properties(self, props: Mapping[str, Any]) -> None:
        self._store.update_map(props["name"], props["description"], props["goals"],
                               props["settings"])
        self._props = {**props, "goals": tuple(props["goals"]),
                       "settings": dict(props["settings"])}

    def snapshots(self) -> tuple[Snapshot, ...]:
        return self._snapshots

    def add_snapshot(self, snapshot: Snapshot, encoded: str = "") -> None:
        self._store.insert_snapshot(snapshot, encoded)
        self._snapshots = (*self._snapshots, snapshot)

    def replace_snapshot(self, old: Snapshot, new: Snapshot | None) -> None:
        """Put ``new`` in the place of ``old`` (``None``: remove it)."""
        self._store.replace_snapshot(old, new)
        index = self._snapshots.index(old)
        self._snapshots = (*self._snapshots[:index], *([new] if new else []),
                           *self._snapshots[index + 1:])

    def _link(self, e: Edge) -> None:
        self._edges_at[e.source].add(e.id)
        self._edges_at[e.target].add(e.id)

    def _unlink(self, e: Edge) -> None:
        self._edges_at[e.source].discard(e.id)
        self._edges_at[e.target].discard(e.id)


class MapDocument(MapModel):
    """An .ecomap file open for editing."""

    def __init__(self, store: MapStore):
        super().__init__(store)
        self.path: Path = store.path
        self._listeners: list[Listener] = []

    @classmethod
    def open(cls, path: str | os.PathLike) -> MapDocument:
        """Open a map for editing; refuses bad, newer or locked files with a clear message."""
        return cls(MapStore.open(path))

    @property
    def name(self) -> str:
        return self._props["name"]

    def apply(self, op: Operation) -> Operation:
        """Apply ``op`` in one committed transaction; return the operation that undoes it."""
        try:
            with self._store.transaction():
                inverse, changed = op.apply(self)
        except BaseException as exc:
            self._recover()  # the transaction rolled back: make memory match the file again
            problem = failures.explained(exc, self.path, "the map is as it was before this "
                                         "change")
            if problem is None or problem is exc:
                raise
            raise problem from exc
        for listener in list(self._listeners):
            try:
                listener(changed)
            except Exception:
                # The change is in the file: a view that failed to follow it must not cost the
                # user the way back (the inverse) nor keep the other views from following.
                log.exception("a view could not follow a change to %s", self.path.name)
        return inverse

    def _recover(self) -> None:
        try:
            self.reload()
        except Exception as exc:
            # Memory may now be ahead of the file: nothing more may be written from it.
            log.exception("could not re-read %s after a failed change", self.path.name)
            raise StorageFailed(
                f"“{self.path.name}” could not be read back after a change failed. Close the "
                "map and open it again: every change saved before this one is in the file."
            ) from exc

    def add_listener(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def remove_listener(self, listener: Listener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def save_copy(self, target: str | os.PathLike) -> None:
        """Write a complete copy of the map to ``target`` (the file stays open here)."""
        self._store.copy_to(target)

    def close(self) -> None:
        self._listeners.clear()
        self._store.close()
