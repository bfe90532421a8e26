"""Names on paper that stay readable: never smaller than 7.5 pt, or left out.

A map fitted to a sheet shrinks with it: a 36-node map's names come out at about 5 pt on A4.
On paper the names are instead drawn at a readable size over the map, most important first, each
only where it covers no other name and no node; a node whose name does not fit shows its number
in the report's list of pieces instead (where there is one), or nothing, and the page says how
many names were left out.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter

from ui.canvas.labels import LabelLayout, draw_label, layout_label
from ui.canvas.shapes import shape_bottom, shape_path
from ui.theme import Theme

NAME_PX = 10  # page pixels (1/96 inch): 7.5 pt, the smallest print a manager reads comfortably
NODE_GAP_PX = 2.0  # between a node and its name, on paper
SHAPES_IN_THE_WAY_PX = 3.0  # nodes at least this big on paper must not be covered by a name
CELL_PX = 40.0
TRIES_PER_ROOM = 6  # names tried per name the area could hold, before the rest are left out


@dataclass(frozen=True)
class PlacedName:
    """A name (or a number) placed on the page: centred on ``x``, its plate's top at ``top``."""

    node_id: str
    layout: LabelLayout
    x: float
    top: float


@dataclass
class NamePlan:
    """Which nodes are named on a page and where; the rest are numbered or left out."""

    look: Theme  # the theme with its labels at the paper size
    placed: list[PlacedName] = field(default_factory=list)
    named: int = 0
    numbered: int = 0
    nodes: int = 0  # nodes in the picture

    @property
    def left_out(self) -> int:
        """Nodes shown without their name."""
        return self.nodes - self.named


def readable(theme: Theme, scale: float) -> bool:
    """Whether the canvas's labels stay readable drawn ``scale`` page pixels per map unit."""
    return theme.label_px * scale >= NAME_PX


@cache
def paper_look(theme: Theme, px: int = NAME_PX) -> Theme:
    """``theme`` with labels ``px`` page pixels high, wrapped at the same width in letters."""
    return replace(theme, label_px=px, label_width=theme.label_width * px / theme.label_px)


def plan_names(scene, source: QRectF, target: QRectF, bounds: QRectF,
               first: Sequence[str] = (), numbers: Mapping[str, int] | None = None,
               nodes: Iterable | None = None) -> NamePlan:
    """Place the names of the ``nodes`` drawn from ``source`` into ``target`` (page pixels),
    inside ``bounds``: ``first`` first, then the most connected. A name that would cover another
    name or a node is left out, and the node gets its number from ``numbers`` if it has one."""
    scale = target.width() / source.width()
    look = paper_look(scene.theme)
    shown = list(nodes if nodes is not None else scene.item_for_node.values())
    plan = NamePlan(look, nodes=len(shown))
    taken = _Taken()
    places = {n.node_id: _place(n, source, target, scale) for n in shown}
    if scene.theme.node_size * scale >= SHAPES_IN_THE_WAY_PX:
        _mark_shapes(taken, shown, places, scale)
    order = _ranked(shown, first)
    room = bounds.width() * bounds.height() / (look.label_width * look.label_px * 2.4)
    tries = max(200, int(room * TRIES_PER_ROOM))
    unnamed = []
    for index, node in enumerate(order):  # every name before any number takes its room
        if index < tries and _try(plan, taken, node, scene, places, bounds, named=True):
            plan.named += 1
        else:
            unnamed.append(node)
    for node in unnamed if numbers else ():
        number = numbers.get(node.node_id)
        if number is not None and _try(plan, taken, node, scene, places, bounds,
                                       number=number):
            plan.numbered += 1
    return plan


def _place(node, source: QRectF, target: QRectF, scale: float) -> tuple[float, float, float]:
    """Where ``node`` is on the page: its centre, and where the name under it starts."""
    x = target.left() + (node.cx - source.left()) * scale
    y = target.top() + (node.cy - source.top()) * scale
    return x, y, y + shape_bottom(node.category.shape) * node.half * scale + NODE_GAP_PX


def _mark_shapes(taken: _Taken, nodes: list, places, scale: float) -> None:
    """The nodes' shapes, which no name may cover (but a faded one, in a finding's picture,
    may be: the name of what the finding is about matters more)."""
    for node in nodes:
        if node.opacity() < 1.0:
            continue
        x, y, _top = places[node.node_id]
        left, top, right, bottom = _outline(node.category.shape)
        half = node.half * scale
        taken.add((x + left * half, y + top * half, x + right * half, y + bottom * half))


@cache
def _outline(shape: str) -> tuple[float, float, float, float]:
    """The box around ``shape`` in half-sizes: left, top, right, bottom."""
    box = shape_path(shape, 1.0).boundingRect()
    return box.left(), box.top(), box.right(), box.bottom()


def _ranked(nodes: list, first: Sequence[str]) -> list:
    """``first`` (in its order), then the most connected, then alphabetically."""
    rank = {node_id: i for i, node_id in enumerate(first)}
    return sorted(nodes, key=lambda n: (rank.get(n.node_id, len(rank)), -len(n.edges),
                                        n.node.label.lower(), n.node_id))


def _try(plan: NamePlan, taken: _Taken, node, scene, places, bounds: QRectF,
         named: bool = False, number: int | None = None) -> bool:
    """Place ``node``'s name (or its ``number``) where there is room: under the node as on the
    canvas, else above it, to its right or to its left."""
    text = node.node.label if named else str(number)
    layout = _layout(scene, node.node_id if named else f"#{number}", text, plan.look)
    for box in _spots(layout.box, places[node.node_id]):
        box = _inside(box, bounds)
        if box is not None and taken.free(_edges(box)):
            taken.add(_edges(box))
            plan.placed.append(PlacedName(node.node_id, layout, box.center().x(), box.top()))
            return True
    return False


def _spots(box: QRectF, place: tuple[float, float, float]) -> Iterable[QRectF]:
    """Where a name of size ``box`` may go around a node: below, above, right, left, then
    below and above but leaning to one side."""
    x, y, below = place
    reach = below - y  # the shape's half-height and the gap, on the page
    above = y - reach - box.height()
    yield box.translated(x, below)
    yield box.translated(x, above)
    yield box.translated(x + reach + box.width() / 2, y - box.height() / 2)
    yield box.translated(x - reach - box.width() / 2, y - box.height() / 2)
    for top in (below, above):
        for lean in (1, -1):
            yield box.translated(x + lean * (box.width() / 2 - reach), top)


def _layout(scene, key: str, text: str, look: Theme) -> LabelLayout:
    """The laid-out name (kept on the scene: every picture of the report reuses it)."""
    cache_ = scene.paper_names
    found = cache_.get((key, look))
    if found is None:
        found = cache_[(key, look)] = layout_label(text, look)
    return found


def _inside(box: QRectF, bounds: QRectF) -> QRectF | None:
    """``box`` moved sideways into ``bounds``; None if it does not fit there."""
    if box.top() < bounds.top() or box.bottom() > bounds.bottom() or \
            box.width() > bounds.width():
        return None
    if box.left() < bounds.left():
        box = box.translated(bounds.left() - box.left(), 0)
    elif box.right() > bounds.right():
        box = box.translated(bounds.right() - box.right(), 0)
    return box


def _edges(box: QRectF) -> tuple[float, float, float, float]:
    return box.left(), box.top(), box.right(), box.bottom()


class _Taken:
    """The parts of the page already covered, in a grid of cells for quick look-ups."""

    def __init__(self):
        self.cells: dict[tuple[int, int], list] = defaultdict(list)

    @staticmethod
    def _cells(box) -> Iterable[tuple[int, int]]:
        left, top, right, bottom = box
        for i in range(int(left // CELL_PX), int(right // CELL_PX) + 1):
            for j in range(int(top // CELL_PX), int(bottom // CELL_PX) + 1):
                yield i, j

    def free(self, box) -> bool:
        left, top, right, bottom = box
        for cell in self._cells(box):
            for other in self.cells.get(cell, ()):
                if left < other[2] and other[0] < right and top < other[3] and \
                        other[1] < bottom:
                    return False
        return True

    def add(self, box) -> None:
        for cell in self._cells(box):
            self.cells[cell].append(box)


def draw_names(painter: QPainter, scene, plan: NamePlan) -> None:
    """Draw the plan's names and numbers over the map (in page pixels), each as strong as its
    node (a finding's picture dims what it is not about)."""
    for name in plan.placed:
        painter.setOpacity(scene.item_for_node[name.node_id].opacity())
        painter.translate(name.x, 0)
        draw_label(painter, name.layout, name.top, plan.look)
        painter.translate(-name.x, 0)
    painter.setOpacity(1.0)
