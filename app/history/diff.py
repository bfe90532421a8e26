"""What changed between two states of a map (a snapshot and now, or two snapshots).

``compare(before, after)`` lists every piece and connection added, removed or changed, field by
field; it is quick enough for the 10,000-node map, so the window can draw it at once.
``compare_health(before, after)`` runs the checks on both states (seconds on a large map, so
the window runs it in a worker): the score, the findings that came and went, and the shares of
the building blocks and of the kinds inside them, before and after.

Pieces are matched by their id. Connections are matched by id, and a connection whose id
changed but which joins the same two pieces is the same connection (maps that travelled through
files without connection ids get new ones). Moving a piece on the canvas is not a change.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from app.analysis import Analysis, Finding, analyze
from app.domain import Edge, MapData, Node

ADDED, REMOVED, CHANGED = "added", "removed", "changed"

# The fields compared, in the order a change lists them, with the words a user knows them by.
NODE_FIELDS = {"label": "label", "category": "building block", "kind": "kind",
               "informal": "informal", "reach": "reach", "tags": "tags",
               "description": "description", "attributes": "attributes"}
EDGE_FIELDS = {"source": "from", "target": "to", "kind": "kind", "strength": "strength",
               "directed": "direction", "note": "note"}


@dataclass(frozen=True)
class FieldChange:
    """One field of a piece or connection, before and after."""

    field: str
    before: Any
    after: Any


@dataclass(frozen=True)
class Change:
    """A piece or connection added, removed or changed (``what``), with the changed fields.
    ``label`` names it as the user knows it: a piece's label, a connection's two ends."""

    id: str
    what: str
    label: str
    fields: tuple[FieldChange, ...] = ()


@dataclass(frozen=True)
class Diff:
    """Every difference between two states of a map."""

    before: MapData
    after: MapData
    nodes: tuple[Change, ...]
    edges: tuple[Change, ...]

    def of(self, what: str, part: str = "nodes") -> tuple[Change, ...]:
        return tuple(c for c in getattr(self, part) if c.what == what)

    @property
    def unchanged(self) -> bool:
        return not self.nodes and not self.edges


@dataclass(frozen=True)
class ShareChange:
    """How much of the map (or of a block) a block or kind held before and after."""

    name: str
    count_before: int
    count_after: int
    share_before: float
    share_after: float


@dataclass(frozen=True)
class HealthDiff:
    """The checks on both states: score, findings that came and went, shares."""

    before: Analysis
    after: Analysis
    came: tuple[Finding, ...]
    went: tuple[Finding, ...]
    blocks: tuple[ShareChange, ...]
    kinds: Mapping[str, tuple[ShareChange, ...]] = field(default_factory=dict)


def compare(before: MapData, after: MapData) -> Diff:
    """Every piece and connection added, removed or changed from ``before`` to ``after``."""
    return Diff(before, after, _node_changes(before, after), _edge_changes(before, after))


def _node_changes(before: MapData, after: MapData) -> tuple[Change, ...]:
    old = {n.id: n for n in before.nodes}
    new = {n.id: n for n in after.nodes}
    changes = [Change(n.id, REMOVED, n.label) for n in before.nodes if n.id not in new]
    for node in after.nodes:
        was = old.get(node.id)
        if was is None:
            changes.append(Change(node.id, ADDED, node.label))
        elif fields := _fields(was, node, NODE_FIELDS):
            changes.append(Change(node.id, CHANGED, node.label, fields))
    return tuple(changes)


def _edge_changes(before: MapData, after: MapData) -> tuple[Change, ...]:
    labels = {n.id: n.label for n in before.nodes} | {n.id: n.label for n in after.nodes}
    old = {e.id: e for e in before.edges}
    new = {e.id: e for e in after.edges}
    gone = {_ends(e): e for e in before.edges if e.id not in new}
    pairs = [(old.get(e.id) or gone.pop(_ends(e), None), e) for e in after.edges]
    matched = {was.id for was, _e in pairs if was is not None}
    changes = [Change(e.id, REMOVED, _named(e, labels)) for e in before.edges
               if e.id not in matched]
    for was, edge in pairs:
        if was is None:
            changes.append(Change(edge.id, ADDED, _named(edge, labels)))
        elif fields := _fields(was, edge, EDGE_FIELDS):
            changes.append(Change(edge.id, CHANGED, _named(edge, labels), fields))
    return tuple(changes)


def _ends(edge: Edge) -> tuple[str, str]:
    return (edge.source, edge.target)


def _fields(was: Node | Edge, now: Node | Edge, names: Mapping[str, str]) -> tuple:
    return tuple(FieldChange(words, getattr(was, name), getattr(now, name))
                 for name, words in names.items() if getattr(was, name) != getattr(now, name))


def _named(edge: Edge, labels: Mapping[str, str]) -> str:
    arrow = "→" if edge.directed else "—"
    return f"{labels.get(edge.source, edge.source)} {arrow} {labels.get(edge.target, edge.target)}"


# --- health ----------------------------------------------------------------------------------


def compare_health(before: MapData, after: MapData, now: Analysis | None = None) -> HealthDiff:
    """The checks run on both states, and what they say differently (``now``: the checks of
    ``after`` already run)."""
    was, now = analyze(before), now or analyze(after)
    came = tuple(f for f in now.findings if not _found_in(f, was.findings))
    went = tuple(f for f in was.findings if not _found_in(f, now.findings))
    names = {c.key: c.name for c in (*before.categories, *after.categories)}
    blocks = _shares(was.balance.categories.parts, now.balance.categories.parts, names)
    kinds = {}
    for key in dict.fromkeys((*was.balance.kinds, *now.balance.kinds)):
        old = was.balance.kinds.get(key)
        new = now.balance.kinds.get(key)
        kinds[names.get(key, key)] = _shares(old.parts if old else {}, new.parts if new else {})
    return HealthDiff(was, now, came, went, blocks, kinds)


def _found_in(finding: Finding, others: tuple[Finding, ...]) -> bool:
    """Whether ``others`` hold the same finding, perhaps with other numbers: the same check
    about the same block, kind or piece; for a finding about a group of pieces (an island, the
    pieces connected to nothing), one that shares some of them."""
    nodes = set(finding.node_ids)
    return any(o.check == finding.check and o.subject == finding.subject and (
        ":" in finding.subject or nodes & set(o.node_ids) or not (nodes or o.node_ids))
        for o in others)


def _shares(old: Mapping, new: Mapping, names: Mapping[str, str] | None = None) -> tuple:
    result = []
    for key in dict.fromkeys((*old, *new)):
        a, b = old.get(key), new.get(key)
        result.append(ShareChange((names or {}).get(key, key or "(no kind)"),
                                  a.count if a else 0, b.count if b else 0,
                                  a.share if a else 0.0, b.share if b else 0.0))
    return tuple(result)
