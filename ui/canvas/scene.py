"""The map as a Qt scene: one item per node and per connection, kept in step with the document.

The scene listens to the document's change notifications and updates only the items concerned
(see orange-canvas-core's ``item_for_node``). It never writes to the document.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QGraphicsScene

from app import collector
from app.domain import Category, Edge, Node, default_category
from ui.background import Breather
from ui.canvas.items import EdgeItem, NodeItem
from ui.canvas.overview import Overview
from ui.theme import DEFAULT_THEME, Theme

MARGIN = 400.0  # room around the map to pan into
BSP_DEPTH = 10
MANY_CHANGES = 2000  # nodes and connections: following a change this big lets the window breathe


def _go_on() -> None:
    """Breathe without a pause: for small maps and for scenes no window shows."""


def categories_of(document) -> tuple[Category, ...]:
    """The document's building blocks (a method on ``MapDocument``, a field on ``MapData``)."""
    categories = document.categories
    return tuple(categories() if callable(categories) else categories)


class MapScene(QGraphicsScene):
    """Draws one document; ``item_for_node`` / ``item_for_edge`` map ids to items."""

    node_type: type = NodeItem  # what each node and connection is drawn as (see PaperScene)
    edge_type: type = EdgeItem

    contents_changed = Signal()  # items added, removed or restyled: legends and counts follow
    overview_redrawn = Signal()  # the whole-map picture is to be drawn afresh: ask for it again

    def __init__(self, theme: Theme = DEFAULT_THEME, parent=None):
        super().__init__(parent)
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        self.theme = theme
        self.document = None
        self.item_for_node: dict[str, NodeItem] = {}
        self.item_for_edge: dict[str, EdgeItem] = {}
        self.categories: dict[str, Category] = {}
        self.overview = Overview(self)
        self._counts: Counter | None = None
        self.emphasised: frozenset[str] | None = None  # None: every node at full strength
        self._map_rect: QRectF | None = None
        self._centres: tuple[float, float, float, float] | None = None

    # --- the document ----------------------------------------------------------------------

    def set_document(self, document, breathe: Callable[[], None] = _go_on) -> None:
        """Show ``document`` (or nothing, for ``None``) and follow its changes. ``breathe`` is
        called after each item made or removed (a ``ui.background.Breather`` keeps the window
        alive through the 40,000 items of a large map)."""
        self._forget_document(breathe)
        self.document = document
        if document is not None:
            self._build(document, breathe)
            document.add_listener(self.on_document_changed)
        self.overview.invalidate(at_once=True)
        self._contents_changed()

    def _forget_document(self, breathe: Callable[[], None] = _go_on) -> None:
        if self.document is not None and hasattr(self.document, "remove_listener"):
            self.document.remove_listener(self.on_document_changed)
        # Qt takes an item out of its index one at a time, long connections slowly (16 s for
        # a laid-out 10,000-node map): for thousands, the index goes first and comes back empty.
        many = len(self.item_for_node) + len(self.item_for_edge) >= MANY_CHANGES
        if many:
            self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        for edge_id in list(self.item_for_edge):
            self._remove_edge(edge_id)
            breathe()
        for node_id in list(self.item_for_node):
            self._remove_node(node_id)
            breathe()
        if many:
            self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        self.document = None

    def _build(self, document, breathe: Callable[[], None]) -> None:
        self.categories = {c.key: c for c in categories_of(document)}
        # Qt's automatic depth (16 for 40,000 items) takes over a second to build; 10 is as
        # quick to search and builds in a tenth of a second.
        nodes = document.nodes()
        self.setBspTreeDepth(BSP_DEPTH if len(nodes) > 1000 else 0)
        # The map's size, set before its items come: else Qt grows the scene, and rebuilds its
        # index, again and again while thousands arrive.
        self.setSceneRect(self._measure_map(nodes).adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN))
        with collector.held():
            for node in nodes:
                self._add_node(node)
                breathe()
            for edge in document.edges():
                self._add_edge(edge)
                breathe()

    def on_document_changed(self, changed) -> None:
        """Follow one applied operation: touch only the items it concerns.

        Counting nodes per block and measuring the map walk every node (10 ms on a 10,000-node
        map), so they are redone only when the change can alter them: a node added, removed or
        recategorised, or one moved from the map's edge or beyond it. Following thousands of
        items (a layout of a large map, or its undo) takes a second: the window breathes.
        """
        size = (len(changed.nodes) + len(changed.edges) + len(changed.removed_nodes)
                + len(changed.removed_edges))
        if size < MANY_CHANGES:
            self._follow(changed, _go_on)
            return
        # A layout of a large map: the window stays alive, its canvas unpainted until done.
        with Breather(quiet=self.views(), before_each=self.index_now) as breathe:
            breathe.now()  # (applying the change to the file took a while already)
            self._take_new_size()
            breathe.now()  # (a new size has Qt index every item again)
            self._follow_in_bulk(changed, breathe)

    def index_now(self) -> None:
        """Have Qt index the items changed since last asked. Left alone it waits until they
        are next looked for (the canvas's next paint), then indexes every one at once: after a
        layout of a large map, 40,000 connections, seconds for long ones."""
        corner = self.sceneRect().topLeft()
        self.items(QRectF(corner.x(), corner.y(), 1.0, 1.0),
                   Qt.ItemSelectionMode.IntersectsItemBoundingRect)

    def _take_new_size(self) -> None:
        """Take the map's size after the change before its items follow it. Qt re-indexes an
        item as it moves, a few at each breath; a size taken afterwards would make it index
        all 40,000 again at once (three seconds, for a layout that spreads the map out)."""
        self._take_in(self._measure_map(self.document.nodes()))
        self._map_rect = None  # (measured again from the items once they have followed)

    def _follow_in_bulk(self, changed, breathe: Callable[[], None]) -> None:
        """Follow a change of thousands of nodes: the nodes first, then each of their
        connections once, a breath between any two. Moving a hub with its connections in tow
        re-indexes them all in one go, a tenth of a second when they are long."""
        self.node_type.edges_follow = False
        try:
            self._follow(changed, breathe)
        finally:
            self.node_type.edges_follow = True
        moved = (self.item_for_node.get(node_id) for node_id in changed.nodes)
        for edge in {edge for item in moved if item is not None for edge in item.edges}:
            edge.adjust()
            breathe()

    def _follow(self, changed, breathe: Callable[[], None]) -> None:
        reshaped = bool(changed.removed_nodes or changed.categories)
        for edge_id in changed.removed_edges:
            self._remove_edge(edge_id)
            breathe()
        for node_id in changed.removed_nodes:
            self._remove_node(node_id)
            breathe()
        if changed.categories:
            self._restyle_categories()
        for node_id in changed.nodes:
            node = self.document.node(node_id)
            item = self.item_for_node.get(node_id)
            if item is None or item.node.category != node.category:
                self._counts = None
            # the record the item shows is still the one before this change (a dragged item
            # has already moved, so its position is not where the node was)
            if item is None or self._at_rim(item.node) or not self._inside(node):
                self._map_rect = None
            self._show_node(node)
            breathe()
        for edge_id in changed.edges:
            self._show_edge(self.document.edge(edge_id))
            breathe()
        self._contents_changed(remeasure=reshaped)

    # --- items -----------------------------------------------------------------------------

    def category_of(self, node: Node) -> Category:
        return self.categories.get(node.category) or default_category(node.category)

    def _add_node(self, node: Node) -> NodeItem:
        item = self.node_type(node, self.category_of(node), self.theme)
        self._place(item)
        self.item_for_node[node.id] = item
        if self.emphasised is not None:
            item.setOpacity(_strength(node.id in self.emphasised))
        return item

    def _add_edge(self, edge: Edge) -> EdgeItem | None:
        source = self.item_for_node.get(edge.source)
        target = self.item_for_node.get(edge.target)
        if source is None or target is None:
            return None
        item = self.edge_type(edge, source, target, self.theme)
        self._place(item)
        self.item_for_edge[edge.id] = item
        if self.emphasised is not None:
            item.setOpacity(_strength(self._edge_emphasised(item)))
        return item

    def _place(self, item) -> None:
        self.addItem(item)

    def _unplace(self, item) -> None:
        self.removeItem(item)

    # --- emphasis: a finding's nodes, a focus, a filter ------------------------------------

    def emphasise(self, node_ids: Collection[str] | None) -> None:
        """Show ``node_ids`` (and the connections among them) strongly and dim the rest;
        ``None`` shows everything normally again. Changes nothing in the map."""
        if node_ids is None and self.emphasised is None:
            return  # already normal: on a 10,000-node map the loop below is not free
        self.emphasised = None if node_ids is None else frozenset(node_ids)
        for node_id, item in self.item_for_node.items():
            item.setOpacity(_strength(self.emphasised is None or node_id in self.emphasised))
        for item in self.item_for_edge.values():
            item.setOpacity(_strength(self._edge_emphasised(item)))

    def _edge_emphasised(self, item: EdgeItem) -> bool:
        shown = self.emphasised
        return shown is None or (item.source.node_id in shown and item.target.node_id in shown)

    def _show_node(self, node: Node) -> None:
        item = self.item_for_node.get(node.id)
        if item is None:
            self._add_node(node)
        else:
            item.set_node(node, self.category_of(node), self.theme)

    def _show_edge(self, edge: Edge) -> None:
        item = self.item_for_edge.get(edge.id)
        if item is not None and (item.source.node_id, item.target.node_id) != (
                edge.source, edge.target):
            self._remove_edge(edge.id)
            item = None
        if item is None:
            self._add_edge(edge)
        else:
            item.set_edge(edge, self.theme)

    def _remove_edge(self, edge_id: str) -> None:
        item = self.item_for_edge.pop(edge_id, None)
        if item is not None:
            item.detach()
            self._unplace(item)

    def _remove_node(self, node_id: str) -> None:
        item = self.item_for_node.pop(node_id, None)
        if item is None:
            return
        for edge in list(item.edges):
            self._remove_edge(edge.edge_id)
        self._unplace(item)

    def _restyle_categories(self) -> None:
        self.categories = {c.key: c for c in categories_of(self.document)}
        for item in self.item_for_node.values():
            item.set_node(item.node, self.category_of(item.node), self.theme)

    # --- look ------------------------------------------------------------------------------

    def set_theme(self, theme: Theme) -> None:
        """Redraw everything in ``theme`` (items change size, so edges are re-measured)."""
        self.theme = theme
        for node in self.item_for_node.values():
            node.set_theme(theme)
        for edge in self.item_for_edge.values():
            edge.set_theme(theme)
        self.overview.invalidate(at_once=True)
        self._contents_changed()

    def _contents_changed(self, remeasure: bool = True) -> None:
        if remeasure:
            self._counts = None
            self._map_rect = None
        self.overview.invalidate()
        if self._map_rect is None:
            self._take_in(self.map_rect())
        self.contents_changed.emit()

    def _take_in(self, rect: QRectF) -> None:
        """Grow the scene to hold ``rect`` (the map) and room around it. The scene's area is
        what Qt's index of the items covers: every change of it has Qt index all 40,000 items
        of a large map again at once, so it only grows while a map is open."""
        wanted = rect.adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)
        if not self.sceneRect().contains(wanted):
            self.setSceneRect(self.sceneRect().united(wanted))

    # --- what views, legends and the status bar ask ----------------------------------------

    @property
    def is_empty(self) -> bool:
        return not self.item_for_node

    def ordered_categories(self) -> list[Category]:
        """The map's building blocks in the map's order, then any only nodes mention."""
        extra = [key for key in self.counts_by_category() if key not in self.categories]
        return list(self.categories.values()) + [default_category(k) for k in extra]

    def counts_by_category(self) -> Counter:
        """How many nodes each building block has (kept until the next change)."""
        if self._counts is None:
            self._counts = Counter(item.node.category for item in self.item_for_node.values())
        return self._counts

    def map_rect(self) -> QRectF:
        """The area the map's nodes and labels cover (kept until the next change)."""
        if self._map_rect is None:
            # Where the map has the nodes, not where items are mid-drag or mid-glide.
            self._map_rect = self._measure_map([item.node for item in self.item_for_node.values()])
        return self._map_rect

    def _measure_map(self, nodes: list[Node]) -> QRectF:
        if not nodes:
            self._centres = None
            return QRectF(-400, -300, 800, 600)
        xs = [node.x or 0.0 for node in nodes]
        ys = [node.y or 0.0 for node in nodes]
        self._centres = (min(xs), min(ys), max(xs), max(ys))  # the outermost centres
        left, top, right, bottom = self._centres
        pad = self.theme.node_size
        label = self.theme.label_width / 2 + pad
        return QRectF(left - label, top - pad, right - left + 2 * label,
                      bottom - top + 3 * pad + self.theme.label_px * 2)

    def _at_rim(self, node: Node) -> bool:
        """Whether ``node`` is one of those the map's measure rests on."""
        x, y = node.x or 0.0, node.y or 0.0
        return self._centres is None or x in (self._centres[0], self._centres[2]) or \
            y in (self._centres[1], self._centres[3])

    def _inside(self, node: Node) -> bool:
        """Whether ``node`` sits strictly within the outermost centres measured."""
        if self._centres is None:
            return False
        left, top, right, bottom = self._centres
        x, y = node.x or 0.0, node.y or 0.0
        return left < x < right and top < y < bottom

    def render_map(self, painter: QPainter, target: QRectF, source: QRectF) -> None:
        """Draw the map (items only) from ``source`` into ``target`` on any painter."""
        self.render(painter, target, source)

    def overview_image(self, on_screen_width: float = 0.0) -> tuple[QImage, QRectF]:
        return self.overview.image(on_screen_width)


DIMMED = 0.18  # what is not emphasised stays visible, so the context is not lost


def _strength(emphasised: bool) -> float:
    return 1.0 if emphasised else DIMMED
