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
from app.analysis.roles import (
    is_delivering,
    is_learner_group,
    is_management,
    is_providing,
    is_taking_part,
)
from app.domain import Category, MapData, Node
from app.graph import undirected

PEOPLE = "people"
LEARNING = ("content", "process")


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
        groups = frozenset(i for i in self.people if is_learner_group(self.nodes[i]))
        return groups or self.people

    @cached_property
    def helpers(self) -> frozenset[str]:
        """People who are not learner groups: mentors, SMEs, trainers, managers, IT teams."""
        return self.people - self.learners

    @cached_property
    def providers_of(self) -> dict[str, frozenset[str]]:
        """For each piece of content and process, the people who provide it: deliver, author,
        support or mentor through it (not those who only use it, nor their managers)."""
        found: dict[str, set[str]] = {i: set() for i in self.learning}
        for edge in self.data.edges:
            for person, piece in ((edge.source, edge.target), (edge.target, edge.source)):
                if person in self.helpers and piece in found and is_providing(edge.kind):
                    found[piece].add(person)
        return {piece: frozenset(people) for piece, people in found.items()}

    @cached_property
    def fed_learners(self) -> frozenset[str]:
        """Learner groups that learning reaches directly: a connection to content, a process,
        a tool or data, or to a person who helps them learn. Being line-managed is not
        learning, however much lies beyond the manager."""
        fed = set()
        for edge in self.data.edges:
            if is_management(edge.kind):
                continue
            for group, other in ((edge.source, edge.target), (edge.target, edge.source)):
                if group in self.learners and other != group and (
                        other not in self.people or other in self.helpers):
                    fed.add(group)
        return frozenset(fed)

    @cached_property
    def learning(self) -> frozenset[str]:
        """Content and processes: what learners learn from."""
        return frozenset(i for i, n in self.nodes.items() if n.category in LEARNING)

    @cached_property
    def in_use(self) -> frozenset[str]:
        """Pieces (not people) someone takes part in: learner groups' connections, anyone's
        "uses" or "attends", what a trainer delivers alongside sessions learners attend, and
        what those pieces lead on to (a tool behind a course, the data a tool keeps). A toolkit
        drawn only to the team that wrote it is not in use."""
        start = set()
        for person, piece, kind in self._people_to_pieces():
            if (person in self.learners and not is_management(kind)) or is_taking_part(kind):
                start.add(piece)
        used = self._spread(start)
        teaching = {person for person, piece, _ in self._people_to_pieces()
                    if piece in used or any(g in self.learners for g in self.graph[person])}
        return self._spread(used | {piece for person, piece, kind in self._people_to_pieces()
                                    if person in teaching and is_delivering(kind)})

    def _people_to_pieces(self) -> list[tuple[str, str, str]]:
        """(person, piece, connection kind) for every connection between the two."""
        found = []
        for edge in self.data.edges:
            for person, piece in ((edge.source, edge.target), (edge.target, edge.source)):
                if person in self.people and piece in self.nodes and piece not in self.people:
                    found.append((person, piece, edge.kind))
        return found

    def _spread(self, start: set[str]) -> frozenset[str]:
        """``start`` and every piece (not person) connected to it through other pieces."""
        reached, todo = set(start), list(start)
        while todo:
            for other in self.graph[todo.pop()]:
                if other not in reached and other not in self.people:
                    reached.add(other)
                    todo.append(other)
        return frozenset(reached)

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
