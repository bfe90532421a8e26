"""What an import will do, worked out before anything changes: the plan a person reads and
accepts, then applied whole — as a new map, or as one undoable step on the open map.

    imported = read_source(path, progress)                       # app.interchange.sources
    plan = make_plan(imported, types={"Course": ("content", "Course")}, into=doc.snapshot())
    print("\\n".join(preview_lines(plan)))                         # app.interchange.preview
    if plan.ready:
        doc.apply(plan.operation())    # or: create_map(path, plan.new_map()) for a new map

Rows are matched as Kumu matches them: by ``ID`` where a row has one, else by label and type
when the file has a Type column, else by label (labels compared ignoring case and spacing).
A connection updates one of the map's only when it has an ID. Of repeated rows the last is used.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from app.domain import Category, Edge, MapData, Node, check_map
from app.interchange.progress import Progress, quiet
from app.interchange.records import Imported, Problem
from app.interchange.type_mapping import TypeChoice
from app.ops import AddCategory, AddEdges, AddNodes, Batch, Operation, UpdateEdge, UpdateNode


@dataclass(frozen=True)
class FieldChange:
    """One field of a piece the import changes: ``description``, "" → "Two days"."""

    field: str  # the node's or edge's field; "attributes" holds the whole new set
    old: Any
    new: Any


@dataclass(frozen=True)
class Update:
    """A piece of the open map the import changes, and the row that changes it."""

    where: str
    id: str
    label: str  # the piece as the map names it now (a connection: "Reps → Coaching")
    changes: tuple[FieldChange, ...]

    def values(self) -> dict[str, Any]:
        return {c.field: c.new for c in self.changes}


@dataclass(frozen=True)
class Plan:
    """Everything an import will do. ``ready`` when no row is wrong or ambiguous; otherwise
    ``operation()`` and ``new_map()`` leave those rows out (the preview says which)."""

    source: str
    name: str  # the new map's name (the file's title, or its name)
    merge: bool
    types: tuple[TypeChoice, ...]
    categories: tuple[Category, ...]  # a new map's building blocks; on a merge, those to add
    nodes_to_add: tuple[Node, ...] = ()
    node_updates: tuple[Update, ...] = ()
    edges_to_add: tuple[Edge, ...] = ()
    edge_updates: tuple[Update, ...] = ()
    unchanged: int = 0  # rows that match a piece of the map and change nothing
    repeated: tuple[str, ...] = ()  # "…, row 40 repeats row 12 (“Onboarding”): the later row is used"
    ambiguous: tuple[Problem, ...] = ()
    problems: tuple[Problem, ...] = ()
    notes: tuple[str, ...] = ()  # from reading: encoding, separator, sheets skipped …
    added_from: Mapping[str, str] = field(default_factory=dict)  # new node id → its row
    into: MapData | None = field(default=None, repr=False, compare=False)
    # A new map's own fields where the file has them (a GraphML, GEXF or Ecomap map)
    description: str = ""
    goals: tuple[str, ...] = ()
    settings: Mapping[str, Any] | None = None

    @property
    def ready(self) -> bool:
        """Whether every row can be imported as it is."""
        return not self.ambiguous and not self.problems

    @property
    def changes_nothing(self) -> bool:
        return not (self.nodes_to_add or self.node_updates or self.edges_to_add
                    or self.edge_updates or (self.merge and self.categories))

    def new_map(self) -> MapData:
        """The map an import into a new map makes, checked by the rules every map obeys.
        Pieces without a position are laid out when the map is written (``create_map``)."""
        return check_map(MapData(name=self.name, description=self.description,
                                 goals=self.goals, categories=self.categories,
                                 settings=dict(self.settings or {}),
                                 nodes=self.nodes_to_add, edges=self.edges_to_add))

    def operation(self) -> Operation:
        """The whole merge as one operation for ``MapDocument.apply`` (one undo step in the
        window); its inverse, which ``apply`` returns, takes every part back out. New pieces
        without a position are placed beside the pieces they connect to."""
        nodes = _placed(self.nodes_to_add, self.edges_to_add, self.into)
        steps: list[Operation] = [AddCategory(c) for c in self.categories]
        steps += [UpdateNode(u.id, u.values()) for u in self.node_updates]
        if nodes:
            steps.append(AddNodes(nodes))
        if self.edges_to_add:
            steps.append(AddEdges(self.edges_to_add))
        steps += [UpdateEdge(u.id, u.values()) for u in self.edge_updates]
        return Batch(tuple(steps), f"Import {self.source}")


def make_plan(imported: Imported, *, types: Mapping[str, tuple[str, str | None]] | None = None,
              into: MapData | None = None, progress: Progress = quiet) -> Plan:
    """The plan for ``imported``: into a new map, or merged into the map ``into`` (the open
    map's ``snapshot()``). ``types``: the block and kind chosen for a type (by the type as the
    file writes it, in any case; "(no type)" for rows without one; kind None keeps the type)."""
    from app.interchange.planner import Planner  # the rules; this module is the contract

    return Planner(imported, types or {}, into, progress).plan()


def _placed(nodes: tuple[Node, ...], edges: tuple[Edge, ...], into: MapData | None,
            ) -> tuple[Node, ...]:
    """New pieces placed beside the pieces they connect to and clear of every other piece.
    Only the new pieces and their neighbours are laid out: a force layout of a whole large
    map would take minutes for a handful of new pieces."""
    if into is None or all(n.has_position for n in nodes):
        return nodes
    from app.layout import auto_layout, snap_apart

    placed = {n.id: n for n in into.nodes if n.has_position}
    new_ids = {n.id for n in nodes}
    near = {end for e in edges for end in (e.source, e.target) if end in placed}
    local = MapData(name=into.name, categories=into.categories,
                    nodes=tuple(placed[i] for i in sorted(near)) + nodes,
                    edges=tuple(e for e in edges if {e.source, e.target} <= new_ids | near))
    positions = snap_apart(auto_layout(local), [(n.x, n.y) for n in placed.values()])
    return tuple(replace(n, x=positions[n.id][0], y=positions[n.id][1])
                 if n.id in positions else n for n in nodes)
