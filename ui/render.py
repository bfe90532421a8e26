"""The one renderer: a map drawn onto any ``QPainter`` target — a PNG, an SVG, a PDF page.

It draws the map with the looks of the window's items, so an export looks like the canvas, and
adds what a reader without the window needs: the map's name and date, and the legend. On paper,
names never shrink below a readable size: those that do not fit are left out, and the page says
so. Page layout works in "page pixels" (1/96 inch on paper) and scales to the device. Nothing
here needs the GUI thread: exports and reports are drawn in a worker.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QImage, QPainter

from app import collector
from app.domain import MapData
from app.errors import BadInput
from app.files import laid_out
from ui.canvas.items import EdgeFigure, NodeFigure
from ui.canvas.overlays import draw_legend, legend_size
from ui.canvas.scene import DIMMED, MapScene
from ui.paper_figures import draw_figures, visible_figures
from ui.paper_labels import NamePlan, draw_names, plan_names, readable
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
        data = selected_part(data, selection)
    if any(not n.has_position for n in data.nodes):
        data = laid_out(data)
    return data


def selected_part(data: MapData, selection: tuple[str, ...]) -> MapData:
    """Only the selected nodes and the connections among them."""
    known = {n.id for n in data.nodes}
    unknown = [node_id for node_id in selection if node_id not in known]
    if unknown:
        raise BadInput(f"the map has no node with the id {', '.join(unknown[:5])}", "--selection")
    chosen = set(selection)
    edges = tuple(e for e in data.edges if e.source in chosen and e.target in chosen)
    return replace(data, nodes=tuple(n for n in data.nodes if n.id in chosen), edges=edges)


def build_scene(data: MapData, theme: Theme, paper: bool = False):
    """A scene showing ``data`` exactly as the window's canvas would. On ``paper`` it is a
    ``PaperMap``: figures instead of Qt items, drawn the same, five times quicker to build, and
    safe to build and draw in a worker thread, but not for ``QGraphicsScene.render``."""
    if paper:
        return PaperMap(data, theme)
    scene = MapScene(theme)
    scene.set_document(MapDataDocument(data))
    return scene


class PaperMap:
    """A map for exports and reports: a ``NodeFigure`` per node and an ``EdgeFigure`` per
    connection, sharing the canvas items' looks. It is no ``QGraphicsScene`` (which registers
    with the application, so belongs to the GUI thread): a worker thread may build and draw it.
    """

    def __init__(self, data: MapData, theme: Theme):
        self.theme = theme
        self.categories = {c.key: c for c in data.categories}
        self.item_for_node: dict[str, NodeFigure] = {}
        self.item_for_edge: dict[str, EdgeFigure] = {}
        self.emphasised: frozenset[str] | None = None
        self.paper_names: dict = {}  # names laid out for paper, reused by every picture
        self._counts = self._map_rect = self._centres = None
        with collector.held():
            for node in data.nodes:
                self.item_for_node[node.id] = NodeFigure(node, self.category_of(node), theme)
            for edge in data.edges:
                source = self.item_for_node.get(edge.source)
                target = self.item_for_node.get(edge.target)
                if source is not None and target is not None:
                    self.item_for_edge[edge.id] = EdgeFigure(edge, source, target, theme)

    # Measured and counted by the canvas scene's own code, which reads only these attributes.
    category_of = MapScene.category_of
    is_empty = MapScene.is_empty
    ordered_categories = MapScene.ordered_categories
    counts_by_category = MapScene.counts_by_category
    map_rect = MapScene.map_rect
    _measure_map = MapScene._measure_map

    def take_apart(self) -> None:
        """Unlink the figures from one another, a few at a time, so they are freed here and
        now. Left linked (node ↔ connection), they wait for Python's cycle collector, which
        frees them all at once on whichever thread runs it next: the window's, for half a
        second on a 10,000-node map."""
        while self.item_for_edge:
            _key, edge = self.item_for_edge.popitem()
            edge.source = edge.target = None
        while self.item_for_node:
            _key, node = self.item_for_node.popitem()
            node.edges = []
        self.paper_names = {}

    def emphasise(self, node_ids: Collection[str] | None) -> None:
        """Show ``node_ids`` and the connections among them at full strength and dim the rest,
        as the canvas does for a finding; ``None`` shows everything normally again."""
        self.emphasised = None if node_ids is None else frozenset(node_ids)
        shown = self.emphasised
        for node_id, node in self.item_for_node.items():
            node.setOpacity(1.0 if shown is None or node_id in shown else DIMMED)
        for edge in self.item_for_edge.values():
            strong = shown is None or (edge.source.node_id in shown
                                       and edge.target.node_id in shown)
            edge.setOpacity(1.0 if strong else DIMMED)


# --- one page ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    """A drawing surface: its size in page pixels, how many device pixels each one is, and the
    paper it is printed on (None for a picture measured in pixels)."""

    width: float
    height: float
    scale: float = 1.0
    paper: str | None = None


def draw_page(painter: QPainter, scene, page: Page, options: ExportOptions,
              map_name: str) -> None:
    """Draw the whole export onto ``painter``: background, title, map, legend. On paper the
    names stay readable (``ui.paper_labels``) and the subtitle says how many were left out."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.scale(page.scale, page.scale)
    theme = scene.theme
    if not options.transparent:
        painter.fillRect(QRectF(0, 0, page.width, page.height), theme.color("canvas"))
    area = inner = _inner(page)
    heading = None
    if options.title:
        heading, area = _title_space(area)
    if options.legend and not scene.is_empty:
        area = draw_legend_beside(painter, scene, area, only_present=bool(options.selection))
    plan = draw_map(painter, scene, area, page.paper)
    if heading is not None:
        _draw_title(painter, theme, heading, inner, map_name, subtitle(scene, plan, page.paper))
    painter.restore()


def _inner(page: Page) -> QRectF:
    margin = max(12.0, min(page.width, page.height) * 0.04)
    return QRectF(margin, margin, page.width - 2 * margin, page.height - 2 * margin)


def text_px(area: QRectF, share: float, low: int, high: int) -> int:
    """A text size that grows with the page (a share of its shorter side), within limits."""
    return int(max(low, min(high, min(area.width(), area.height()) * share)))


def _title_fonts(area: QRectF, theme: Theme | None = None):
    return (font(text_px(area, 0.035, 14, 44), True),
            font(text_px(area, 0.02, 10, 24), bool(theme and theme.label_bold)))


def _title_space(area: QRectF) -> tuple[QRectF, QRectF]:
    """The strip the title takes at the top of ``area``, and what is left for the rest."""
    big, small = _title_fonts(area)
    used = QFontMetricsF(big).height() + QFontMetricsF(small).height() * 1.8
    return QRectF(area.left(), area.top(), area.width(), used), area.adjusted(0, used, 0, 0)


def _draw_title(painter: QPainter, theme: Theme, area: QRectF, page_area: QRectF, name: str,
                below: str) -> None:
    big, small = _title_fonts(page_area, theme)
    big_h, small_h = QFontMetricsF(big).height(), QFontMetricsF(small).height()
    painter.setFont(big)
    painter.setPen(theme.color("text"))
    elided = QFontMetricsF(big).elidedText(name, Qt.TextElideMode.ElideRight, area.width())
    painter.drawText(QRectF(area.left(), area.top(), area.width(), big_h),
                     Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, elided)
    painter.setFont(small)
    painter.setPen(theme.color("muted_text"))
    line = QFontMetricsF(small).elidedText(below, Qt.TextElideMode.ElideRight, area.width())
    painter.drawText(QRectF(area.left(), area.top() + big_h, area.width(), small_h),
                     Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, line)


def subtitle(scene, plan: NamePlan | None = None, paper: str | None = None) -> str:
    """The date and the size of the map; on paper, how many names were left out to keep the
    rest readable, and whether a larger sheet would show more."""
    nodes, edges = len(scene.item_for_node), len(scene.item_for_edge)
    today = date.today()
    words = (f"{today.day} {today:%B %Y} · {nodes:,} node{'' if nodes == 1 else 's'} · "
             f"{edges:,} connection{'' if edges == 1 else 's'}")
    if plan is not None and plan.left_out:
        words += f" · {plan.left_out:,} of {plan.nodes:,} names left out to stay readable"
        words += "; A3 shows more" if paper == "A4" else ""
    return words


def draw_legend_beside(painter: QPainter, scene, area: QRectF, only_present: bool = False,
                       beside: bool | None = None) -> QRectF:
    """The legend beside the map (landscape) or under it (portrait; or as ``beside`` says),
    scaled to the page; for a part of the map, ``only_present`` leaves out the blocks it has no
    node of. Returns the area left for the map."""
    categories, counts = scene.ordered_categories(), scene.counts_by_category()
    if only_present:
        categories = [c for c in categories if counts.get(c.key)]
    width, height, gap = _legend_room(scene, area, categories, counts)
    if beside is None:
        beside = area.width() >= area.height()
    corner = QPointF(area.right() - width, area.bottom()) if beside else area.bottomLeft()
    painter.save()
    painter.translate(corner)
    painter.scale(_legend_growth(area), _legend_growth(area))
    draw_legend(painter, scene.theme, categories, counts, QPointF(0, 0))
    painter.restore()
    return legend_left_over(area, width, height, gap, beside)


def _legend_growth(area: QRectF) -> float:
    return max(1.0, min(area.width(), area.height()) / 700)


def _legend_room(scene, area: QRectF, categories, counts) -> tuple[float, float, float]:
    """The legend's width and height on ``area``'s page, and the gap it keeps from the map."""
    box = legend_size(scene.theme, categories, counts)
    grow = _legend_growth(area)
    return box.width() * grow, box.height() * grow, min(area.width(), area.height()) * 0.03


def legend_left_over(area: QRectF, width: float, height: float, gap: float,
                     beside: bool) -> QRectF:
    if beside:
        return area.adjusted(0, 0, -(width + gap), 0)
    return area.adjusted(0, 0, 0, -(height + gap))


def legend_beside_is_roomier(scene, area: QRectF, source: QRectF) -> bool:
    """Whether the map is drawn larger with the legend beside it than under it."""
    room = _legend_room(scene, area, scene.ordered_categories(), scene.counts_by_category())
    beside, under = (fitted(source, legend_left_over(area, *room, side)).width()
                     for side in (True, False))
    return beside >= under


def draw_map(painter: QPainter, scene, area: QRectF, paper: str | None = None,
             source: QRectF | None = None, first: Sequence[str] = (),
             numbers: Mapping[str, int] | None = None,
             only: Collection[str] | None = None, image_dpi: int = 0) -> NamePlan | None:
    """The map (or its ``source`` part, or ``only`` some nodes) fitted into ``area``. On
    ``paper``, names the canvas's size would shrink below 7.5 pt are drawn at 7.5 pt where they
    fit, ``first`` first, the others numbered from ``numbers`` or left out: the plan says which.
    With ``image_dpi`` the shapes and lines are drawn as one picture at that resolution (a
    dense map in a report: a small file, quick to print) and only the names as text.
    """
    if scene.is_empty:
        painter.setFont(font(text_px(area, 0.03, 12, 32)))
        painter.setPen(scene.theme.color("muted_text"))
        painter.drawText(area, Qt.AlignmentFlag.AlignCenter, "This map has no nodes yet.")
        return None
    source = source or scene.map_rect()
    target = fitted(source, area)
    scale = target.width() / source.width()
    natural = paper is None or readable(scene.theme, scale)
    if image_dpi:
        _draw_figures_as_image(painter, scene, target, source, natural, only, image_dpi)
    else:
        draw_figures(painter, scene, target, source, names=natural, only=only)
    if natural:
        return None
    nodes = visible_figures(scene, source, only)[0]
    plan = plan_names(scene, source, target, area, first, numbers, nodes)
    draw_names(painter, scene, plan)
    return plan


def _draw_figures_as_image(painter: QPainter, scene, target: QRectF, source: QRectF,
                           names: bool, only, dpi: int) -> None:
    sharp = dpi / PAGE_DPI
    image = QImage(max(1, round(target.width() * sharp)), max(1, round(target.height() * sharp)),
                   QImage.Format.Format_RGB32)
    image.fill(scene.theme.color("canvas"))
    inner = QPainter(image)
    try:
        inner.setRenderHint(QPainter.RenderHint.Antialiasing)
        inner.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        inner.scale(sharp, sharp)
        draw_figures(inner, scene, QRectF(0, 0, target.width(), target.height()), source,
                     names=names, only=only)
    finally:
        inner.end()
    painter.drawImage(target, image)


def fitted(source: QRectF, area: QRectF) -> QRectF:
    """The largest rectangle of ``source``'s shape centred in ``area``."""
    scale = min(area.width() / source.width(), area.height() / source.height())
    target = QRectF(0, 0, source.width() * scale, source.height() * scale)
    target.moveCenter(area.center())
    return target


def is_landscape(scene) -> bool:
    rect = scene.map_rect()
    return rect.width() >= rect.height()
