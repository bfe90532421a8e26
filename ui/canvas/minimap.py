"""The minimap: a small picture of the whole map in the canvas's bottom-right corner, with a frame
round the part in view. Clicking or dragging in it moves the view there.

It shows the scene's overview picture (``ui.canvas.overview``), scaled down once and kept, so a
frame costs one small pixmap and a rectangle however large the map is. Drawing that picture
costs a quarter of a second on a 10,000-node map, so after the map changes it is drawn again
only once the edits pause, and only while the minimap is shown.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QWidget

from ui.canvas.overlays import legend_size

MIN_NODES = 50  # a smaller map is taken in at a glance: no minimap
MARGIN = 14  # from the canvas's edges, as the legend
PAD = 5  # between the frame and the picture
WIDTH_SHARE, MIN_SIDE, MAX_WIDTH = 0.22, 120, 360  # of the canvas width, within limits
HEIGHT_SHARE, MAX_HEIGHT = 0.3, 260
SLACK_PX = 4  # a map this close to fitting counts as fitting
TIP = "The whole map: click or drag here to look at another part"


class Minimap(QWidget):
    """Lives on ``view``'s viewport; shown while part of a large map is out of sight."""

    def __init__(self, view):
        super().__init__(view.viewport())
        self.view = view
        self.chosen = True  # View ▸ Show minimap
        self._image: QImage | None = None  # the overview picture, as the scene drew it
        self._source = QRectF()  # the part of the scene that picture shows
        self._pixmap: QPixmap | None = None  # the picture at the minimap's size
        self._pixmap_key: tuple = ()  # the size and background it was made for
        self.setObjectName("minimap")
        self.setToolTip(TIP)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.hide()
        # The scene keeps its picture through a run of edits and redraws it when they pause.
        view.map_scene().overview_redrawn.connect(self.update)
        view.zoom_changed.connect(self.follow_view)
        view.horizontalScrollBar().valueChanged.connect(self.follow_view)
        view.verticalScrollBar().valueChanged.connect(self.follow_view)

    def set_chosen(self, chosen: bool) -> None:
        """Allow (or forbid) the minimap; it still shows only when it helps."""
        self.chosen = chosen
        self.follow_view()

    def wanted(self) -> bool:
        """Whether the minimap helps now: a large map, part of it out of sight, room for it."""
        scene = self.view.map_scene()
        if not self.chosen or len(scene.item_for_node) <= MIN_NODES:
            return False
        viewport = self.view.viewport().rect()
        on_screen = self.view.mapFromScene(scene.map_rect()).boundingRect()
        fits = viewport.adjusted(-SLACK_PX, -SLACK_PX, SLACK_PX, SLACK_PX).contains(on_screen)
        return not fits and self._room().width() >= MIN_SIDE

    def follow_view(self, *_args) -> None:
        """The view moved or zoomed: show or hide, and move the frame round what is in view."""
        wanted = self.wanted()
        if wanted:
            self._place()
            self.update()
        self.setVisible(wanted)

    # --- where things are ------------------------------------------------------------------

    def _room(self) -> QSize:
        """The largest the minimap may be: a share of the canvas, clear of the legend."""
        viewport = self.view.viewport()
        width = min(MAX_WIDTH, viewport.width() * WIDTH_SHARE)
        scene = self.view.map_scene()
        if self.view.show_legend and not scene.is_empty:
            legend = legend_size(scene.theme, scene.ordered_categories(),
                                 scene.counts_by_category())
            width = min(width, viewport.width() - legend.width() - 3 * MARGIN)
        height = min(MAX_HEIGHT, viewport.height() * HEIGHT_SHARE)
        return QSize(int(width), int(height))

    def _area(self) -> QRectF:
        """The part of the scene the minimap shows: what its picture shows, once it has one."""
        return QRectF(self._source) if self._image is not None else self.view.map_scene().map_rect()

    def _place(self) -> None:
        room, area = self._room(), self._area()
        scale = min((room.width() - 2 * PAD) / max(area.width(), 1.0),
                    (room.height() - 2 * PAD) / max(area.height(), 1.0))
        width = max(MIN_SIDE / 2, area.width() * scale) + 2 * PAD
        height = max(MIN_SIDE / 3, area.height() * scale) + 2 * PAD
        viewport = self.view.viewport().rect()
        self.setGeometry(round(viewport.width() - MARGIN - width),
                         round(viewport.height() - MARGIN - height), round(width), round(height))

    def _picture_rect(self) -> QRectF:
        """Where the picture goes in the widget: as large as fits, centred."""
        area, inner = self._area(), QRectF(self.rect()).adjusted(PAD, PAD, -PAD, -PAD)
        scale = min(inner.width() / max(area.width(), 1.0),
                    inner.height() / max(area.height(), 1.0))
        rect = QRectF(0, 0, area.width() * scale, area.height() * scale)
        rect.moveCenter(inner.center())
        return rect

    def to_scene(self, point: QPointF) -> QPointF:
        """The scene point that the minimap point ``point`` stands for."""
        picture, area = self._picture_rect(), self._area()
        scale = area.width() / max(picture.width(), 1e-6)
        x = min(max(point.x(), picture.left()), picture.right())
        y = min(max(point.y(), picture.top()), picture.bottom())
        return area.topLeft() + QPointF(x - picture.left(), y - picture.top()) * scale

    def _from_scene(self, rect: QRectF) -> QRectF:
        picture, area = self._picture_rect(), self._area()
        scale = picture.width() / max(area.width(), 1.0)
        return QRectF(picture.topLeft() + (rect.topLeft() - area.topLeft()) * scale,
                      rect.size() * scale)

    # --- the picture -----------------------------------------------------------------------

    def _picture(self) -> QPixmap | None:
        """The map at the minimap's size on the canvas colour: taken from the scene once per
        pause in editing, laid on its background once, so each frame only copies it. While a
        large map's picture is drawn afresh the one before serves (none at first)."""
        scene = self.view.map_scene()
        picture = scene.overview.image_soon()
        if picture is not None and picture[0] is not self._image:  # a new map, theme, a pause
            self._image, self._source, self._pixmap = picture[0], QRectF(picture[1]), None
        if self._image is None:
            return None
        ratio = self.devicePixelRatioF()
        key = (self._picture_rect().size().toSize() * ratio, scene.theme.canvas)
        if key[0].isEmpty():  # a map hundreds of times wider than tall: no picture to show
            return None
        if self._pixmap is None or self._pixmap_key != key:
            self._pixmap, self._pixmap_key = QPixmap(key[0]), key
            self._pixmap.fill(scene.theme.color("canvas"))
            painter = QPainter(self._pixmap)
            painter.drawImage(0, 0, self._image.scaled(  # averaged, so thin lines stay soft
                key[0], Qt.AspectRatioMode.IgnoreAspectRatio,
                Qt.TransformationMode.SmoothTransformation))
            painter.end()
            self._pixmap.setDevicePixelRatio(ratio)
        return self._pixmap

    # --- Qt overrides ----------------------------------------------------------------------

    def paintEvent(self, event) -> None:
        theme = self.view.map_scene().theme
        pixmap = self._picture()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(theme.color("panel_border"), 2.0 if theme.key == "projector" else 1.0))
        painter.setBrush(theme.color("panel"))
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6)
        picture = self._picture_rect()
        if pixmap is not None:
            painter.drawPixmap(picture.topLeft(), pixmap)
            self._draw_seen(painter, theme, picture)
        painter.end()

    def _draw_seen(self, painter: QPainter, theme, picture: QRectF) -> None:
        """The frame round the part of the map the canvas shows."""
        view = self.view
        seen = self._from_scene(view.mapToScene(view.viewport().rect()).boundingRect())
        seen = seen.intersected(picture.adjusted(-1, -1, 1, 1))
        fill = QColor(theme.color("accent"))
        fill.setAlpha(40)
        painter.setPen(QPen(theme.color("accent"), 2.0))
        painter.setBrush(fill)
        painter.drawRect(seen)

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.setCursor(Qt.CursorShape.ClosedHandCursor)
            self.view.centerOn(self.to_scene(event.position()))
        event.accept()

    def mouseMoveEvent(self, event) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self.view.centerOn(self.to_scene(event.position()))
        event.accept()

    def mouseReleaseEvent(self, event) -> None:
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        event.accept()

    def contextMenuEvent(self, event) -> None:
        event.accept()  # not the canvas's menu: its "here" would be hidden under the minimap
