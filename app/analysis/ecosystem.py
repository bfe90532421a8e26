"""The map seen as a network, prepared once and shared by every check of one analysis.

Connections are read the way the checks need them: undirected (help can flow either way along
a connection), one link per pair of nodes with the strengths of parallel connections added up,
and connections from a node to itself left out — a node linked only to itself is still alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property

import networkx as nx

from app.analysis.records import NodeRef
from app.domain import Category, MapData, Node
from app.graph import undirected

PEOPLE = "people"
LEARNING = ("content", "process")
LEARNER_GROUP = "learner group"


class Ecosystem:
    """A map and its network, with the groupings the checks ask about again and again."""

    def __init__(self, data: MapData, thresholds: dict[str, float | int]):
        self.data = data
        self.thresholds = thresholds
        self.graph = undirected(data)
        self.nodes: dict[str, Node] = {node.id: node for node in data.nodes}

    @property
    def size(self) -> int:
        return len(self.nodes)

    def ref(self, node_id: str) -> NodeRef:
        return NodeRef(node_id, self.nodes[node_id].label)

    def refs(self, node_ids: Iterable[str]) -> tuple[NodeRef, ...]:
        """The nodes as the user knows them, in id order so output never wobbles."""
        return tuple(self.ref(i) for i in sorted(node_ids))

    def category(self, key: str) -> Category | None:
        return self.data.category(key)

    @cached_property
    def category_keys(self) -> tuple[str, ...]:
        """The declared categories in order, then any a node uses without declaring it."""
        declared = [c.key for c in self.data.categories]
        extra = sorted({n.category for n in self.data.nodes} - set(declared))
        return tuple(declared + extra)

    @cached_property
    def people(self) -> frozenset[str]:
        return frozenset(i for i, n in self.nodes.items() if n.category == PEOPLE)

    @cached_property
    def learners(self) -> frozenset[str]:
        """Learner groups; a map that names none treats all its people as learners."""
        groups = frozenset(
            i for i in self.people if self.nodes[i].kind.strip().lower() == LEARNER_GROUP
        )
        return groups or self.people

    @cached_property
    def learning(self) -> frozenset[str]:
        """Content and processes: what learners learn from."""
        return frozenset(i for i, n in self.nodes.items() if n.category in LEARNING)

    @cached_property
    def components(self) -> tuple[frozenset[str], ...]:
        """Groups of connected nodes, the largest (the main ecosystem) first."""
        found = [frozenset(c) for c in nx.connected_components(self.graph)]
        return tuple(sorted(found, key=lambda c: (-len(c), -len(c & self.people), min(c))))

    @cached_property
    def main_part(self) -> frozenset[str]:
        return self.components[0] if self.components else frozenset()

    @cached_property
    def component_of(self) -> dict[str, int]:
        return {node: i for i, comp in enumerate(self.components) for node in comp}

    @cached_property
    def strength(self) -> dict[str, float]:
        """Each node's total connection strength (connections to itself not counted)."""
        return dict(self.graph.degree(weight="strength"))

    def connected_to_any(self, targets: frozenset[str]) -> frozenset[str]:
        """Nodes with a path (either direction) to at least one of ``targets``."""
        reached = {self.component_of[t] for t in targets}
        return frozenset(n for n, c in self.component_of.items() if c in reached)
