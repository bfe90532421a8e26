"""The one renderer: a map drawn onto any ``QPainter`` target — a PNG, an SVG, a PDF page.

It builds the same ``MapScene`` and items the window shows, so an export looks like the canvas,
and adds what a reader without the window needs: the map's name and date, and the legend.
Page layout works in "page pixels" (1/96 inch on paper) and scales to the device.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter, QTransform
from PySide6.QtWidgets import QStyleOptionGraphicsItem

from app.domain import MapData
from app.errors import BadInput
from app.files import laid_out
from ui.canvas.items import EdgeFigure, NodeFigure
from ui.canvas.overlays import draw_legend, legend_size
from ui.canvas.scene import MapScene
from ui.theme import THEMES, Theme, font

PAPER_MM = {"A4": (297.0, 210.0), "A3": (420.0, 297.0)}  # landscape; portrait swaps them
PAGE_DPI = 96.0  # page pixels per inch: what layout sizes are measured in on paper
MAX_SIDE_PX, MAX_PIXELS = 20_000, 300_000_000


class MapDataDocument:
    """A frozen ``MapData`` presented the way ``MapScene`` reads a document (read-only)."""

    def __init__(self, data: MapData):
        self.data = data
        self._nodes = {n.id: n for n in data.nodes}
        self._edges = {e.id: e for e in data.edges}

    def nodes(self):
        return self.data.nodes

    def edges(self):
        return self.data.edges

    def categories(self):
        return self.data.categories

    def node(self, node_id: str):
        return self._nodes[node_id]

    def edge(self, edge_id: str):
        return self._edges[edge_id]

    def add_listener(self, _listener) -> None:
        """A snapshot never changes: there is nothing to listen to."""

    def remove_listener(self, _listener) -> None:
        """See ``add_listener``."""


@dataclass(frozen=True)
class ExportOptions:
    """What the user asked of an export (the command line's options, the dialog's fields)."""

    size: str | None = None  # "A4", "A3" or "1920x1080"; None: A4 for pages, 1920x1080 for PNG
    dpi: int = 300
    theme: str = "light"
    title: bool = True
    legend: bool = True
    selection: tuple[str, ...] = ()
    transparent: bool = False

    @property
    def paper(self) -> str | None:
        size = (self.size or "").upper()
        return size if size in PAPER_MM else None


def check_options(options: ExportOptions) -> ExportOptions:
    """``options`` if they make sense, otherwise ``BadInput`` saying what would."""
    if options.theme not in THEMES:
        raise BadInput(f"should be one of {', '.join(THEMES)}, not {options.theme!r}", "--theme")
    if not 30 <= options.dpi <= 2400:
        raise BadInput(f"should be between 30 and 2400, not {options.dpi}", "--dpi")
    if options.size is not None and options.paper is None:
        pixel_size(options.size)
    return options


def pixel_size(text: str) -> tuple[int, int]:
    """'1920x1080' as (1920, 1080), or ``BadInput`` explaining what is wanted."""
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise BadInput(f"should be A4, A3 or pixels like 1920x1080, not {text!r}",
                       "--size") from None
    if width < 16 or height < 16:
        raise BadInput(f"{text} is too small to show a map (at least 16x16)", "--size")
    return width, height


def check_renderable(width: int, height: int, what: str,
                     advice: str = "Choose a smaller --size or a lower --dpi, e.g. --dpi 300.",
                     ) -> None:
    """Refuse a picture too large to hold in memory, with ``advice`` on what would work."""
    if max(width, height) <= MAX_SIDE_PX and width * height <= MAX_PIXELS:
        return
    raise BadInput(f"{what} would be {width:,} × {height:,} pixels, too large to make "
                   f"(at most {MAX_SIDE_PX:,} pixels a side and {MAX_PIXELS // 1_000_000} "
                   f"million pixels in all). {advice}", "--size")


# --- the scene ---------------------------------------------------------------------------------


def prepared_map(data: MapData, selection: tuple[str, ...] = ()) -> MapData:
    """The map to draw: only the selected nodes (if any), every node given a position."""
    if selection:
        data = _selected(data, selection)
    if any(not n.has_position for n in data.nodes):
        data = laid_out(data)
    return data


def _selected(data: MapData, selection: tuple[str, ...]) -> MapData:
    known = {n.id for n in data.nodes}
    unknown = [node_id for node_id in selection if node_id not in known]
    if unknown:
        raise BadInput(f"the map has no node with the id {', '.join(unknown[:5])}", "--selection")
    chosen = set(selection)
    edges = tuple(e for e in data.edges if e.source in chosen and e.target in chosen)
    return replace(data, nodes=tuple(n for n in data.nodes if n.id in chosen), edges=edges)


def build_scene(data: MapData, theme: Theme, paper: bool = False) -> MapScene:
    """A scene showing ``data`` exactly as the window's canvas would. On ``paper`` it holds
    figures instead of Qt items: drawn the same by ``draw_page``, five times quicker to build,
    but not for ``QGraphicsScene.render`` (which only knows items)."""
    scene = PaperScene(theme) if paper else MapScene(theme)
    scene.set_document(MapDataDocument(data))
    return scene


class PaperScene(MapScene):
    """A map for exports: ``NodeFigure`` and ``EdgeFigure`` share the items' drawing code."""

    node_type, edge_type = NodeFigure, EdgeFigure

    def _place(self, item) -> None:
        """Figures are drawn by ``draw_items``, not by the scene."""

    def _unplace(self, item) -> None:
        """See ``_place``."""


# --- one page ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    """A drawing surface: its size in page pixels and how many device pixels each one is."""

    width: float
    height: float
    scale: float = 1.0


def draw_page(painter: QPainter, scene: MapScene, page: Page, options: ExportOptions,
              map_name: str) -> None:
    """Draw the whole export onto ``painter``: background, title, map, legend."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.scale(page.scale, page.scale)
    theme = scene.theme
    if not options.transparent:
        painter.fillRect(QRectF(0, 0, page.width, page.height), theme.color("canvas"))
    area = _inner(page)
    if options.title:
        area = _draw_title(painter, theme, area, map_name, scene)
    if options.legend and not scene.is_empty:
        area = _draw_legend(painter, scene, area, only_present=bool(options.selection))
    _draw_map(painter, scene, area)
    painter.restore()


def _inner(page: Page) -> QRectF:
    margin = max(12.0, min(page.width, page.height) * 0.04)
    return QRectF(margin, margin, page.width - 2 * margin, page.height - 2 * margin)


def text_px(area: QRectF, share: float, low: int, high: int) -> int:
    """A text size that grows with the page (a share of its shorter side), within limits."""
    return int(max(low, min(high, min(area.width(), area.height()) * share)))


def _draw_title(painter: QPainter, theme: Theme, area: QRectF, name: str,
                scene: MapScene) -> QRectF:
    big = font(text_px(area, 0.035, 14, 44), True)
    small = font(text_px(area, 0.02, 10, 24), theme.label_bold)
    big_h, small_h = QFontMetricsF(big).height(), QFontMetricsF(small).height()
    painter.setFont(big)
    painter.setPen(theme.color("text"))
    elided = QFontMetricsF(big).elidedText(name, Qt.TextElideMode.ElideRight, area.width())
    painter.drawText(QRectF(area.left(), area.top(), area.width(), big_h),
                     Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, elided)
    painter.setFont(small)
    painter.setPen(theme.color("muted_text"))
    painter.drawText(QRectF(area.left(), area.top() + big_h, area.width(), small_h),
                     Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                     subtitle(scene))
    used = big_h + small_h * 1.8
    return area.adjusted(0, used, 0, 0)


def subtitle(scene: MapScene) -> str:
    nodes, edges = len(scene.item_for_node), len(scene.item_for_edge)
    today = date.today()
    return (f"{today.day} {today:%B %Y} · {nodes:,} node{'' if nodes == 1 else 's'} · "
            f"{edges:,} connection{'' if edges == 1 else 's'}")


def _draw_legend(painter: QPainter, scene: MapScene, area: QRectF,
                 only_present: bool = False) -> QRectF:
    """The legend beside the map (landscape) or under it (portrait), scaled to the page; for
    a part of the map, ``only_present`` leaves out the blocks it has no node of."""
    categories, counts = scene.ordered_categories(), scene.counts_by_category()
    if only_present:
        categories = [c for c in categories if counts.get(c.key)]
    grow = max(1.0, min(area.width(), area.height()) / 700)
    box = legend_size(scene.theme, categories, counts)
    width, height = box.width() * grow, box.height() * grow
    gap = min(area.width(), area.height()) * 0.03
    beside = area.width() >= area.height()
    corner = QPointF(area.right() - width, area.bottom()) if beside else area.bottomLeft()
    painter.save()
    painter.translate(corner)
    painter.scale(grow, grow)
    draw_legend(painter, scene.theme, categories, counts, QPointF(0, 0))
    painter.restore()
    if beside:
        return area.adjusted(0, 0, -(width + gap), 0)
    return area.adjusted(0, 0, 0, -(height + gap))


def _draw_map(painter: QPainter, scene: MapScene, area: QRectF) -> None:
    if scene.is_empty:
        painter.setFont(font(text_px(area, 0.03, 12, 32)))
        painter.setPen(scene.theme.color("muted_text"))
        painter.drawText(area, Qt.AlignmentFlag.AlignCenter, "This map has no nodes yet.")
        return
    source = scene.map_rect()
    draw_items(painter, scene, fitted(source, area), source)


def draw_items(painter: QPainter, scene: MapScene, target: QRectF, source: QRectF) -> None:
    """Draw the scene's items from ``source`` into ``target``: connections, then nodes.

    The items paint themselves, exactly as on the canvas; calling them directly in that order
    is what ``QGraphicsScene.render`` does, without building a spatial index first (which on a
    10,000-node map takes longer than the drawing).
    """
    scale = target.width() / source.width()
    painter.save()
    base = QTransform(painter.worldTransform())
    base.translate(target.left(), target.top())
    base.scale(scale, scale)
    base.translate(-source.left(), -source.top())
    option = QStyleOptionGraphicsItem()
    painter.setTransform(base)
    dimmed = scene.emphasised is not None
    for edge in scene.item_for_edge.values():
        if dimmed:
            painter.setOpacity(edge.opacity())
        edge.paint(painter, option, None)
    for node in scene.item_for_node.values():
        if dimmed:
            painter.setOpacity(node.opacity())
        painter.translate(node.cx, node.cy)
        node.paint(painter, option, None)
        painter.translate(-node.cx, -node.cy)
    painter.restore()


def fitted(source: QRectF, area: QRectF) -> QRectF:
    """The largest rectangle of ``source``'s shape centred in ``area``."""
    scale = min(area.width() / source.width(), area.height() / source.height())
    target = QRectF(0, 0, source.width() * scale, source.height() * scale)
    target.moveCenter(area.center())
    return target


def is_landscape(scene: MapScene) -> bool:
    rect = scene.map_rect()
    return rect.width() >= rect.height()
