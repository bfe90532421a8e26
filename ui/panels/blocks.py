"""The Blocks panel: the map's building blocks with their colour, shape and number of nodes."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem

from ui.canvas.scene import MapScene
from ui.canvas.shapes import shape_path

SWATCH = 20


@cache
def swatch_icon(color: str, shape: str) -> QIcon:
    """A block's shape in its colour, as the panel and menus show it."""
    pixmap = QPixmap(SWATCH * 2, SWATCH * 2)
    pixmap.setDevicePixelRatio(2)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.translate(QPointF(SWATCH / 2, SWATCH / 2))
    painter.setPen(QPen(QColor("#23272E"), 1.2))
    painter.setBrush(QColor(color))
    painter.drawPath(shape_path(shape, SWATCH * 0.36))
    painter.end()
    return QIcon(pixmap)


class BlocksPanel(QTreeWidget):
    """One row per building block: swatch, name, count. Follows the scene."""

    def __init__(self, scene: MapScene, parent=None):
        super().__init__(parent)
        self.scene = scene
        self.setObjectName("blocks_list")
        self.setColumnCount(2)
        self.setHeaderHidden(True)
        self.setRootIsDecorated(False)
        self.setIndentation(0)
        self.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.header().setStretchLastSection(False)
        scene.contents_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        self.clear()
        counts = self.scene.counts_by_category()
        for category in self.scene.ordered_categories():
            row = QTreeWidgetItem([category.name, str(counts.get(category.key, 0))])
            row.setIcon(0, swatch_icon(category.color, category.shape))
            row.setData(0, Qt.ItemDataRole.UserRole, category.key)
            row.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            row.setToolTip(0, f"{category.name}: {counts.get(category.key, 0)} on this map")
            self.addTopLevelItem(row)

    def rows(self) -> list[tuple[str, int]]:
        """What the panel shows: (block name, count) per row."""
        return [(self.topLevelItem(i).text(0), int(self.topLevelItem(i).text(1)))
                for i in range(self.topLevelItemCount())]
