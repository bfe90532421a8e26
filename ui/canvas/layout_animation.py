"""Nodes glide to the places a layout gave them (about 300 ms) instead of jumping there.

The map already holds the new places when the glide starts: the layout was committed as one
undo step, and only the items travel. So nothing can be lost or applied twice: whatever comes
next (another layout, an undo, a drag, closing the map) first calls ``settle``, which puts every
gliding item where the map says it is.
"""

from __future__ import annotations

from PySide6.QtCore import QEasingCurve, QObject, QVariantAnimation

DURATION_MS = 300
MOST_NODES = 1500  # moving more items than this every frame would stutter: they jump instead


class LayoutAnimation(QObject):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._paths: list[tuple] = []  # (item, from x, from y, to x, to y)
        self._timeline = QVariantAnimation(self)
        self._timeline.setStartValue(0.0)
        self._timeline.setEndValue(1.0)
        self._timeline.setDuration(DURATION_MS)
        self._timeline.setEasingCurve(QEasingCurve.Type.OutCubic)
        self._timeline.valueChanged.connect(self._step)
        self._timeline.finished.connect(self.settle)

    @property
    def running(self) -> bool:
        return bool(self._paths)

    def start(self, items: dict, before: dict[str, tuple[float, float]]) -> None:
        """Slide the items of ``before``'s nodes from those places to where they stand now."""
        self.settle()
        if len(before) > MOST_NODES:
            return
        self._paths = [(items[i], x, y, items[i].cx, items[i].cy)
                       for i, (x, y) in before.items() if i in items]
        self._step(0.0)
        self._timeline.start()

    def settle(self) -> None:
        """End the glide now: every item stands exactly where the map says."""
        if not self._paths:
            return
        self._timeline.stop()
        paths, self._paths = self._paths, []
        for item, _x0, _y0, x1, y1 in paths:
            item.setPos(x1, y1)

    def _step(self, t: float) -> None:
        # Counted back from the end, so the last step lands exactly there: Qt takes a position
        # a hair's breadth away for the same one, and settle() could not put it right after.
        for item, x0, y0, x1, y1 in self._paths:
            item.setPos(x1 + (x0 - x1) * (1 - t), y1 + (y0 - y1) * (1 - t))
