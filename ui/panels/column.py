"""The right-hand column of the window: the Health panel above the Inspector.

The column is as wide as the window can spare, and its height is shared so the findings stay
readable: Health takes most of it, the Inspector (which scrolls) the rest. Hiding and showing
either panel gives the column back as the user last shared it, never a sliver of a list.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QMainWindow

TOP_SHARE = 0.62  # of the column's height, for the top panel (Health), unless the user moves it
SHARE_RANGE = (0.35, 0.85)  # a share the user chose is kept within these
WIDTH_SHARE, WIDTH_RANGE = 0.24, (300, 520)  # of the window's width, in pixels
MOST_OF_WINDOW = 0.36  # the map keeps the rest of the width, whatever the text size
RIGHT = Qt.DockWidgetArea.RightDockWidgetArea


def column_width(window_width: int, text_scale: float = 1.0) -> int:
    """How wide the column starts: a quarter of the window, within ``WIDTH_RANGE``, wider for
    larger text (the projector theme) so findings still fit on two lines."""
    low, high = WIDTH_RANGE
    wanted = max(low, min(high, round(window_width * WIDTH_SHARE))) * max(1.0, text_scale)
    return round(min(wanted, window_width * MOST_OF_WINDOW))


class RightColumn(QObject):
    """Keeps ``top`` and ``bottom`` (docks on the right of ``window``) sharing their column."""

    def __init__(self, window: QMainWindow, top: QDockWidget, bottom: QDockWidget):
        super().__init__(window)
        self.window, self.top, self.bottom = window, top, bottom
        self.top_share = TOP_SHARE
        self.text_scale = 1.0  # the panels' text size against the usual (larger: projector)
        self._together = False  # whether both were docked and shown at the last look
        self._settled = False  # until the window first shows, panels come and go unwatched
        for dock in (top, bottom):
            dock.visibilityChanged.connect(self._shown_or_hidden)
            dock.topLevelChanged.connect(self._shown_or_hidden)

    def lay_out(self) -> None:
        """The first layout of a window: the column's width for its size, and the shares."""
        self._settled = True
        self._widen(column_width(self.window.width(), self.text_scale))
        self.share_height()
        self.window.layout().activate()  # now, so a map opened next is fitted to its canvas

    def adopt(self) -> None:
        """A window laid out as the user left it last time: keep their share of the column."""
        self._settled = True
        self._together = self.together()
        if self._together:
            self._remember_share()

    def set_text_scale(self, scale: float) -> None:
        """The panels' text changed size: widen the column if the larger text needs it (a
        column the user made wider stays as it is)."""
        self.text_scale = scale
        wanted = column_width(self.window.width(), scale)
        if self.window.isVisible() and self.top.isVisible() and self.top.width() < wanted:
            self._widen(wanted)

    def _widen(self, width: int) -> None:
        self.window.resizeDocks([self.top], [width], Qt.Orientation.Horizontal)

    def together(self) -> bool:
        """Whether both panels are in the column, one above the other."""
        return all(d.isVisible() and not d.isFloating() and self.window.dockWidgetArea(d) == RIGHT
                   for d in (self.top, self.bottom))

    def share_height(self) -> None:
        """Give the top panel its share of the column's height, the bottom one the rest."""
        self._together = self.together()
        if not self._together:
            return
        top = round(1000 * self.top_share)  # Qt shares the column in these proportions
        self.window.resizeDocks([self.top, self.bottom], [top, 1000 - top],
                                Qt.Orientation.Vertical)

    def _shown_or_hidden(self, *_args) -> None:
        together = self.together()
        if together == self._together or not self._settled:
            return
        if self._together:  # one is going: the column has not been laid out again yet
            self._remember_share()
        # Qt settles the column after the event that showed or hid a panel: share it then.
        QTimer.singleShot(0, self, self.share_height)  # dropped if the window has gone

    def _remember_share(self) -> None:
        """Keep the share the user left the two panels at (within ``SHARE_RANGE``)."""
        column = self.top.height() + self.bottom.height()
        if column > 0:
            low, high = SHARE_RANGE
            self.top_share = max(low, min(high, self.top.height() / column))
