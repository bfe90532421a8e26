"""How a contribution from the room becomes one edit of the map, an operation of ``app.ops``.

A piece accepted becomes a node beside the pieces it connects to, clear of the others, tagged
``from the room`` (and, when the sender gave a name, with the attribute ``contributed by``).
A piece merged into a node the map has keeps that node and adds the connections; the node
notes the room's words in its attribute ``named by the room``. A connection becomes an
undirected connection (the room said "connects to", not which way) whose note says it came
from the room.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from app.domain import MAX_TEXT, Edge, MapData, Node, new_id
from app.errors import BadInput
from app.layout import SPACING, snap_apart
from app.ops import AddEdges, AddNodes, Batch, Operation, UpdateNode
from app.pieces import node_piece
from app.room.contributions import Contribution

ROOM_TAG = "from the room"
CONTRIBUTED_BY = "contributed by"
NAMED_BY_ROOM = "named by the room"


@dataclass(frozen=True)
class Decision:
    """What accepting a contribution does: the operation, and what it adds to the map."""

    op: Operation
    node: str | None = None  # the node the contribution is now (a piece accepted or merged)
    nodes: tuple[Node, ...] = ()
    edges: tuple[Edge, ...] = ()


def accept(item: Contribution, data: MapData, decided: Mapping[int, str]) -> Decision:
    """Add ``item`` to the map ``data``; ``decided`` gives the node each earlier contribution
    became. ``BadInput`` if it refers to a piece still waiting or no longer on the map."""
    if item.kind == "connection":
        return _connection(item, data, decided)
    ids = {n.id: n for n in data.nodes}
    ends = _resolve(item.ends, ids, decided, item.label)
    node = Node(new_id("n", ids), item.label, item.block, tags=(ROOM_TAG,),
                attributes={CONTRIBUTED_BY: item.name} if item.name else {})
    node = _placed(node, ends, data)
    edges = _edges(node.id, ends, data, note_of(item))
    return Decision(AddNodes((node,), edges), node.id, (node,), edges)


def merge(item: Contribution, into: str, data: MapData, decided: Mapping[int, str]) -> Decision:
    """Take piece ``item`` as the node ``into`` the map already has: its connections are added
    to that node, which notes the words the room used for it."""
    ids = {n.id: n for n in data.nodes}
    if into not in ids:
        raise BadInput("that piece is no longer on the map")
    target = ids[into]
    ends = [end for end in _resolve(item.ends, ids, decided, item.label) if end != into]
    edges = _edges(into, ends, data, note_of(item))
    changes = {"attributes": _noted(target.attributes, item)}
    steps: list[Operation] = [UpdateNode(into, changes)]
    if edges:
        steps.append(AddEdges(edges))
    return Decision(Batch(tuple(steps), "Merge"), into, (), edges)


def accept_all(items: Iterable[Contribution], data: MapData, decided: Mapping[int, str],
               ) -> tuple[Batch, dict[int, str], list[Contribution]]:
    """Accept every piece, then every connection, as one operation; also answers the node
    each piece became and the contributions that could not be taken (and why, in order)."""
    items = sorted(items, key=lambda c: (c.kind != "piece", c.number))
    decided, became, steps, left = dict(decided), {}, [], []
    for item in items:
        try:
            decision = accept(item, data, decided)
        except BadInput:
            left.append(item)
            continue
        steps.append(decision.op)
        data = replace(data, nodes=data.nodes + decision.nodes, edges=data.edges + decision.edges)
        if decision.node is not None:
            decided[item.number] = became[item.number] = decision.node
        else:
            became[item.number] = ""
    return Batch(tuple(steps), "Accept all from the room"), became, left


def note_of(item: Contribution) -> str:
    return f"From the room ({item.name})" if item.name else "From the room"


def _connection(item: Contribution, data: MapData, decided: Mapping[int, str]) -> Decision:
    ids = {n.id: n for n in data.nodes}
    source, target = _resolve(item.ends, ids, decided, "")
    if source == target:
        raise BadInput("both ends are now the same piece")
    edges = _edges(source, [target], data, note_of(item))
    if not edges:
        raise BadInput(f"{node_piece(ids[source].label)} and {node_piece(ids[target].label)} "
                       "are connected already")
    return Decision(AddEdges(edges), None, (), edges)


def _resolve(refs: Iterable[str], ids: Mapping[str, Node], decided: Mapping[int, str],
             label: str) -> list[str]:
    """The node ids the references stand for now."""
    found = []
    for ref in refs:
        kind, _, key = ref.partition(":")
        node_id = decided.get(int(key)) if kind == "room" and key.isdigit() else key
        if node_id is None:
            raise BadInput("it connects to a piece from the room still waiting in the inbox: "
                           "accept that one first")
        if node_id not in ids:
            raise BadInput("a piece it connects to is no longer on the map")
        found.append(node_id)
    return list(dict.fromkeys(found))


def _edges(node: str, ends: Iterable[str], data: MapData, note: str) -> tuple[Edge, ...]:
    """New undirected connections from ``node`` to each of ``ends`` not joined to it yet."""
    joined = {frozenset((e.source, e.target)) for e in data.edges if node in (e.source, e.target)}
    taken = {e.id for e in data.edges}
    edges = []
    for end in ends:
        if frozenset((node, end)) in joined:
            continue
        edges.append(Edge(new_id("e", taken), node, end, directed=False, note=note))
        taken.add(edges[-1].id)
    return tuple(edges)


def _placed(node: Node, ends: list[str], data: MapData) -> Node:
    """``node`` beside the pieces it connects to (under the map when it connects to none),
    in the nearest place no other piece takes."""
    placed = [n for n in data.nodes if n.has_position]
    if not placed:
        return node.at(0.0, 0.0)
    near = [n for n in placed if n.id in ends]
    if near:
        x = sum(n.x for n in near) / len(near)
        y = sum(n.y for n in near) / len(near) + SPACING * 0.7
    else:
        x = sum(n.x for n in placed) / len(placed)
        y = max(n.y for n in placed) + SPACING
    spot = snap_apart({node.id: (x, y)}, [(n.x, n.y) for n in placed])[node.id]
    return node.at(*spot)


def _noted(attributes: Mapping, item: Contribution) -> dict:
    """The node's attributes with the room's words for it (and who said them) added."""
    noted = dict(attributes)
    for name, value in ((NAMED_BY_ROOM, item.label), (CONTRIBUTED_BY, item.name)):
        if not value:
            continue
        before = str(noted.get(name, ""))
        words = [w for w in before.split("; ") if w]
        if value not in words:
            noted[name] = "; ".join([*words, value])[:MAX_TEXT]
    return noted
