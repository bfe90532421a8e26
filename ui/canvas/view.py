"""The canvas widget: shows a ``MapScene``, zooms around the cursor, pans, draws the legend.

Far out on a large map the view shows the scene's overview picture instead of the items (see
``ui.canvas.overview``), so a frame costs the same however many nodes the map has.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QPainter, QTransform
from PySide6.QtWidgets import QFrame, QGraphicsView, QMenu

from ui.canvas.items import NodeItem
from ui.canvas.minimap import Minimap
from ui.canvas.overlays import draw_legend, draw_start_card, legend_size
from ui.canvas.scene import MapScene

MIN_SCALE, MAX_SCALE = 0.02, 8.0
ZOOM_STEP = 1.25
GRID_STEP = 40.0
GRID_MIN_PX = 14.0  # grid dots closer than this on screen are noise: not drawn
LEGEND_MARGIN = 14
FIT_PAD = 12
READABLE_LABEL_PX = 12  # labels this tall on screen can be read: finding a node zooms to it


def _scale_to_fit(rect: QRectF, area: QRectF) -> float:
    return max(1e-6, min(area.width() / max(rect.width(), 1.0),
                         area.height() / max(rect.height(), 1.0)))


class MapView(QGraphicsView):
    """Zoom (wheel around the cursor, steps, fit, 100%), pan (drag or middle button), legend."""

    zoom_changed = Signal(float)  # the new scale, 1.0 = 100%
    # Right-click: the node id under the pointer (or None), the menu about to open, and the scene
    # point clicked (for a connection there, or "add here"); any part of the window may add its
    # entries to the menu (a listener may take only the first two).
    context_menu_requested = Signal(object, QMenu, QPointF)

    def __init__(self, scene: MapScene, parent=None):
        super().__init__(scene, parent)
        self.show_legend = True
        self.legend_scale = 1.0  # larger while presenting, for the back of the room
        self._pan_from: QPointF | None = None
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setRenderHints(QPainter.RenderHint.Antialiasing
                            | QPainter.RenderHint.TextAntialiasing
                            | QPainter.RenderHint.SmoothPixmapTransform)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        # The legend stays put while the map scrolls, so every frame is painted whole.
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.FullViewportUpdate)
        self.setOptimizationFlags(QGraphicsView.OptimizationFlag.DontSavePainterState
                                  | QGraphicsView.OptimizationFlag.DontAdjustForAntialiasing)
        scene.contents_changed.connect(self._on_contents_changed)
        scene.overview_redrawn.connect(self.viewport().update)
        self.minimap = Minimap(self)  # after the view: it follows the view's own updates

    def map_scene(self) -> MapScene:
        return self.scene()

    # --- zoom ------------------------------------------------------------------------------

    def zoom(self) -> float:
        """The current scale: 1.0 is 100%."""
        return self.transform().m11()

    def set_zoom(self, scale: float, anchor: QPointF | None = None) -> None:
        """Zoom to ``scale`` (within limits), keeping the scene point under ``anchor`` still."""
        scale = max(self.min_zoom(), min(MAX_SCALE, scale))
        anchor = anchor if anchor is not None else QPointF(self.viewport().rect().center())
        fixed = self.mapToScene(anchor.toPoint())
        centre = self.mapToScene(self.viewport().rect().center())
        ratio = self.zoom() / scale
        self.setTransform(QTransform.fromScale(scale, scale))
        self._fit_scene_rect()
        self.centerOn(fixed + (centre - fixed) * ratio)
        self._after_zoom()

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom() / ZOOM_STEP)

    def actual_size(self) -> None:
        self.set_zoom(1.0)

    def fit_to_window(self) -> None:
        """Show the whole map beside the legend, never enlarged beyond 100%."""
        area = self.fit_area()
        rect = self.map_scene().map_rect()
        self.set_zoom(min(1.0, _scale_to_fit(rect, area)))
        offset = (QRectF(self.viewport().rect()).center() - area.center()) / self.zoom()
        self.centerOn(rect.center() + offset)

    def zoom_to(self, rect: QRectF, most: float = 1.5) -> None:
        """Show the scene area ``rect`` as large as fits (up to ``most``), centred."""
        area = QRectF(self.viewport().rect()).adjusted(4 * FIT_PAD, 4 * FIT_PAD,
                                                       -4 * FIT_PAD, -4 * FIT_PAD)
        self.set_zoom(min(most, _scale_to_fit(rect, area)))
        self.centerOn(rect.center())

    def readable_zoom(self) -> float:
        """The least zoom at which the theme's labels are ``READABLE_LABEL_PX`` on screen."""
        return READABLE_LABEL_PX / self.map_scene().theme.label_px

    def show_readably(self, rect: QRectF, centre: QPointF) -> None:
        """Show the scene area ``rect`` (a node, or a node and its neighbours) with labels large
        enough to read: zoomed in only as far as that needs, out only as far as ``rect`` needs
        to fit, never below it; all of ``rect`` if it fits, else as much as fits round
        ``centre``."""
        area = QRectF(self.viewport().rect()).adjusted(2 * FIT_PAD, 2 * FIT_PAD,
                                                       -2 * FIT_PAD, -2 * FIT_PAD)
        fit = _scale_to_fit(rect, area)
        readable = self.readable_zoom()
        self.set_zoom(min(max(fit, readable), max(self.zoom(), readable)))
        self.centerOn(rect.center() if fit >= self.zoom() else centre)

    def fit_scale(self) -> float:
        return _scale_to_fit(self.map_scene().map_rect(), QRectF(self.viewport().rect()))

    def fit_area(self) -> QRectF:
        """Where the map goes when fitted: beside or above the legend, whichever is larger."""
        area = QRectF(self.viewport().rect()).adjusted(FIT_PAD, FIT_PAD, -FIT_PAD, -FIT_PAD)
        scene = self.map_scene()
        if not self.show_legend or scene.is_empty:
            return area
        legend = self._legend_box()
        beside = area.adjusted(legend.width() + LEGEND_MARGIN, 0, 0, 0)
        above = area.adjusted(0, 0, 0, -legend.height() - LEGEND_MARGIN)
        rect = scene.map_rect()
        return max(beside, above, key=lambda a: _scale_to_fit(rect, a))

    def legend_area(self) -> QRectF | None:
        """Where the legend covers the map, in viewport pixels (None while none is drawn)."""
        scene = self.map_scene()
        if not self.show_legend or scene.is_empty:
            return None
        box = self._legend_box()
        box.moveBottomLeft(QPointF(LEGEND_MARGIN, self.viewport().height() - LEGEND_MARGIN))
        return box

    def _legend_box(self) -> QRectF:
        scene = self.map_scene()
        box = legend_size(scene.theme, scene.ordered_categories(), scene.counts_by_category())
        return QRectF(0, 0, box.width() * self.legend_scale, box.height() * self.legend_scale)

    def min_zoom(self) -> float:
        return min(MIN_SCALE, self.fit_scale() / 2)

    def showing_overview(self) -> bool:
        """Whether the view shows the whole-map picture rather than the items (far out)."""
        return self.map_scene().overview.wanted(self.zoom())

    def _after_zoom(self) -> None:
        self.viewport().update()
        self.zoom_changed.emit(self.zoom())

    def _fit_scene_rect(self) -> None:
        """Let the user pan until the map is almost out of sight, but not lose it entirely."""
        scale = max(self.zoom(), 1e-6)
        room_x = self.viewport().width() * 0.8 / scale
        room_y = self.viewport().height() * 0.8 / scale
        self.setSceneRect(self.map_scene().map_rect().adjusted(-room_x, -room_y, room_x, room_y))

    def _on_contents_changed(self) -> None:
        self._fit_scene_rect()
        self._after_zoom()

    # --- Qt overrides: input ---------------------------------------------------------------

    def wheelEvent(self, event) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            self.set_zoom(self.zoom() * ZOOM_STEP ** steps, event.position())
        event.accept()

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.MiddleButton:
            self._pan_from = event.position()
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:
        if self._pan_from is not None:
            delta = event.position() - self._pan_from
            self._pan_from = event.position()
            self.pan_by(delta.x(), delta.y())
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        if self._pan_from is not None and event.button() == Qt.MouseButton.MiddleButton:
            self._pan_from = None
            self.viewport().unsetCursor()
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def pan_by(self, dx: float, dy: float) -> None:
        """Move the map ``dx``, ``dy`` pixels on screen (as a drag would)."""
        bar_x, bar_y = self.horizontalScrollBar(), self.verticalScrollBar()
        bar_x.setValue(round(bar_x.value() - dx))
        bar_y.setValue(round(bar_y.value() - dy))

    def node_at(self, pos) -> str | None:
        """The id of the node under the viewport point ``pos``, if any."""
        for item in self.items(pos):
            if isinstance(item, NodeItem):
                return item.node_id
        return None

    def context_menu(self, pos) -> QMenu:
        """The right-click menu for viewport point ``pos``, filled by whoever listens."""
        menu = QMenu(self)
        self.context_menu_requested.emit(self.node_at(pos), menu, self.mapToScene(pos))
        return menu

    def contextMenuEvent(self, event) -> None:
        menu = self.context_menu(event.pos())
        if not menu.isEmpty():
            menu.exec(event.globalPos())
        menu.deleteLater()
        event.accept()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_scene_rect()
        self.minimap.follow_view()

    # --- Qt overrides: drawing -------------------------------------------------------------

    def paintEvent(self, event) -> None:
        if not self.showing_overview():
            super().paintEvent(event)
            return
        # Far out, the picture replaces the items: the scene is not even asked what is visible.
        painter = QPainter(self.viewport())
        painter.setRenderHints(self.renderHints())
        painter.setTransform(self.viewportTransform())
        exposed = self.mapToScene(self.viewport().rect()).boundingRect()
        self.drawBackground(painter, exposed)
        self.drawForeground(painter, exposed)
        painter.end()

    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:
        scene = self.map_scene()
        painter.fillRect(rect, scene.theme.color("canvas"))
        if self.showing_overview():
            self._draw_overview(painter)
        else:
            self._draw_grid(painter, rect)

    def _draw_grid(self, painter: QPainter, rect: QRectF) -> None:
        if self.zoom() * GRID_STEP < GRID_MIN_PX:
            return
        left = int(rect.left() // GRID_STEP) * GRID_STEP
        top = int(rect.top() // GRID_STEP) * GRID_STEP
        xs = [left + i * GRID_STEP for i in range(int(rect.width() // GRID_STEP) + 2)]
        ys = [top + j * GRID_STEP for j in range(int(rect.height() // GRID_STEP) + 2)]
        pen = painter.pen()
        pen.setColor(self.map_scene().theme.color("grid"))
        pen.setWidthF(2.0 / self.zoom())
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.drawPoints([QPointF(x, y) for y in ys for x in xs])

    def _draw_overview(self, painter: QPainter) -> None:
        width = self.map_scene().map_rect().width() * self.zoom()
        picture = self.map_scene().overview.image_soon(width)
        if picture is not None:  # (none for a moment, while a large map's first is drawn)
            image, where = picture
            painter.drawImage(where, image)

    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:
        scene = self.map_scene()
        painter.save()
        painter.resetTransform()
        viewport = QRectF(self.viewport().rect())
        if scene.is_empty and scene.document is not None:
            draw_start_card(painter, scene.theme, scene.ordered_categories(), viewport)
        elif self.show_legend and not scene.is_empty:
            painter.translate(LEGEND_MARGIN, viewport.height() - LEGEND_MARGIN)
            painter.scale(self.legend_scale, self.legend_scale)
            draw_legend(painter, scene.theme, scene.ordered_categories(),
                        scene.counts_by_category(), QPointF(0, 0))
        painter.restore()
