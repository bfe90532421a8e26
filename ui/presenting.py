"""Presenting (F5): the map full screen for a room, and the keys a facilitator needs there.

The window goes full screen on the chosen screen with its panels, menus and status bar out of
the way, the map fitted, the legend large and the health score in a corner (H hides it). Zoom,
pan, focus (F) and find (Ctrl+F) work as ever. While presenting:

- N: type a label, Enter adds it (Shift+Enter adds it and goes on to the next); 1–6 first
  choose the building block; C connects the last two pieces added. Each is one undoable step.
- W walks through the findings; → / PageDown and ← / PageUp step (after the findings, on
  through the saved views); PageDown / PageUp also step through the views outside a walk.
- Esc steps back: it ends the walk, or shows everything after a focus, filter or view; then
  it leaves. F5 leaves at once. The window comes back exactly as it was.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QEvent, QObject, QPointF, QRect, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDockWidget

from app.arrange import NODE_HEIGHT, NODE_WIDTH
from ui.interactions.capture import BOX_WIDTH, CLEAR, QuickCapture
from ui.presenting_overlays import ScoreCorner, Toast, unit_of
from ui.theme import font

FIT_MOST_HEIGHT = 800  # viewport pixels per 100% when fitting: a small map fills a 4K screen
LEGEND_HEIGHT = 700  # viewport pixels per step of legend growth
ROW_GAP = 24  # map units between the labels of pieces captured side by side
READABLE_PX = 10  # labels of the fitted map are at least this high on screen while presenting
NEXT = (Qt.Key.Key_Right, Qt.Key.Key_PageDown, Qt.Key.Key_Space)
BACK = (Qt.Key.Key_Left, Qt.Key.Key_PageUp)
BLOCK_KEYS = {getattr(Qt.Key, f"Key_{i}"): i - 1 for i in range(1, 7)}


@dataclass
class Kept:
    """The window as it was before presenting, to put back exactly."""

    geometry: QByteArray
    frame: QRect  # where the window was, as set (restoring the bytes may squeeze it)
    state: QByteArray
    window_state: Qt.WindowState
    menu_bar: bool
    status_bar: bool
    zoom: float
    centre: QPointF
    legend_scale: float


def row_cell(theme) -> tuple[float, float]:
    """The room a captured piece takes in its row, its label as large as it is drawn."""
    return (max(NODE_WIDTH, theme.label_width + ROW_GAP),
            max(NODE_HEIGHT, theme.node_size + theme.label_px * 1.3 * theme.label_lines
                + ROW_GAP))


class PresentCapture(QuickCapture):
    """Quick capture while presenting: Enter adds the piece and closes the box, so N and C
    stay free; Shift+Enter adds it and goes on to the next. The presenter hears of each."""

    presenter = None

    def __init__(self, editor, point: QPointF):
        super().__init__(editor, point)
        unit = unit_of(editor.view.viewport())  # what the room sees being typed, they can read
        self.box.setFont(font(round(editor.scene.theme.panel_px * unit)))
        self.box.setFixedWidth(round(BOX_WIDTH * unit))

    def next_in_row(self, point: QPointF) -> QPointF:
        """As quick capture's rows, spaced for the labels as large as they are drawn now."""
        width, height = row_cell(self.editor.scene.theme)
        if round((point.x() - self.row_start) / width) + 1 < self.row_length:
            return QPointF(point.x() + width, point.y())
        return QPointF(self.row_start, point.y() + height)

    def commit(self, text: str) -> None:
        going_on = QApplication.keyboardModifiers() & Qt.KeyboardModifier.ShiftModifier
        if going_on and text.strip():
            super().commit(text)
            return
        self.finish()
        if text.strip():
            self.keep(text.strip())

    def keep(self, label: str) -> bool:
        if not super().keep(label):
            return False
        self.presenter.captured(self.added, self.free_spot(self.next_in_row(self.point), CLEAR),
                                self.row_start)
        return True


class Presenter(QObject):
    """Enters and leaves presenting, and handles the keys that mean something else there."""

    left = Signal()  # presenting ended and the window is back as it was

    def __init__(self, window, walk, views):
        super().__init__(window)
        self.window, self.walk, self.views = window, walk, views
        self.kept: Kept | None = None
        self.score_wanted = True
        self.score = ScoreCorner(window.view)
        self.added: list[str] = []  # pieces captured while presenting, the last one last
        self.spot: tuple[QPointF, float] | None = None  # where the next piece goes, its row
        self.toast = Toast(window.view)
        window.findings.runner.checked.connect(self._show_score)
        window.statusBar().messageChanged.connect(self._say)

    @property
    def active(self) -> bool:
        return self.kept is not None

    def toggle(self) -> None:
        self.leave() if self.active else self.start()

    def start(self, screen=None) -> None:
        """Present on ``screen`` (the window's own if not given)."""
        window = self.window
        if window.document is None:
            window.statusBar().showMessage("Open a map to present it.", 8000)
            return
        if self.active:
            return
        view = window.view
        self.kept = Kept(window.saveGeometry(), window.geometry(), window.saveState(),
                         window.windowState(),
                         window.menuBar().isVisible(), window.statusBar().isVisible(),
                         view.zoom(), view.mapToScene(view.viewport().rect().center()),
                         view.legend_scale)
        for dock in window.findChildren(QDockWidget):
            dock.hide()
        window.menuBar().hide()
        window.statusBar().hide()
        self._go_full_screen(screen or window.screen())
        for action in self._window_actions():
            window.addAction(action)  # their menus are hidden: the window keeps them working
        view.installEventFilter(self)
        view.viewport().installEventFilter(self)  # the full-screen size arrives later
        self.added, self.spot = [], None
        view.setFocus()
        self._settle()
        QTimer.singleShot(0, self._settle)  # once the window has its full-screen size

    def _go_full_screen(self, screen) -> None:
        window = self.window
        handle = window.windowHandle()
        if handle is not None and screen is not None:
            handle.setScreen(screen)
        if screen is not None:
            window.setGeometry(screen.geometry())
        window.showFullScreen()

    def _settle(self) -> None:
        """Size the legend and score to the screen presented on, and fit the map."""
        if not self.active:
            return
        view = self.window.view
        view.legend_scale = max(1.2, view.viewport().height() / LEGEND_HEIGHT)
        self._show_score()
        labels = self.window.workshop.labels
        labels.forget_readable()
        self.fit()
        if labels.keep_readable(view.zoom(), READABLE_PX):
            self.fit()  # (larger labels take a little more room: the map shrinks a little)

    def fit(self) -> None:
        """The whole map as large as the screen allows, beside the legend. (The score and the
        timer sit in the top corners, where a map's outline seldom reaches: the map is larger
        for not being fitted under them.)"""
        view = self.window.view
        self.frame(view.map_scene().map_rect(), None, self.screen_growth())

    def screen_growth(self) -> float:
        """How far beyond 100% a fitted map may grow: more on a large screen."""
        return max(1.0, self.window.view.viewport().height() / FIT_MOST_HEIGHT)

    def leave(self) -> None:
        """Put the window back exactly as it was before presenting."""
        if not self.active:
            return
        kept, self.kept = self.kept, None
        window, view = self.window, self.window.view
        self.walk.end()
        window.editor.router.reset()
        view.removeEventFilter(self)
        view.viewport().removeEventFilter(self)
        for action in self._window_actions():
            window.removeAction(action)
        self.score.hide()
        self.toast.hide()
        window.workshop.labels.forget_readable()
        window.setWindowState(kept.window_state)
        window.restoreGeometry(kept.geometry)
        if kept.window_state == Qt.WindowState.WindowNoState:
            window.setGeometry(kept.frame)
        window.restoreState(kept.state)
        window.menuBar().setVisible(kept.menu_bar)
        window.statusBar().setVisible(kept.status_bar)
        view.legend_scale = kept.legend_scale
        view.set_zoom(kept.zoom)
        view.centerOn(kept.centre)
        view.setFocus()
        self.left.emit()

    def _window_actions(self) -> list:
        return [a for a in self.window.commands.values()
                if a.shortcutContext() == Qt.ShortcutContext.WindowShortcut
                and not a.shortcut().isEmpty()]

    def frame(self, rect: QRectF, area: QRectF | None, most: float) -> None:
        """Show the scene area ``rect`` as large as fits ``area`` of the viewport (all of it if
        None, less the legend), up to zoom ``most``."""
        view = self.window.view
        viewport = QRectF(view.viewport().rect())
        area = area or view.fit_area()
        scale = min(most, area.width() / max(rect.width(), 1.0),
                    area.height() / max(rect.height(), 1.0))
        view.set_zoom(scale)
        offset = (viewport.center() - area.center()) / view.zoom()
        view.centerOn(rect.center() + offset)

    def _say(self, message: str) -> None:
        """What the status bar would say (it is hidden while presenting)."""
        if self.active and message:
            self.toast.say(message)
        else:
            self.toast.hide()

    # --- the health score in the corner ----------------------------------------------------

    def toggle_score(self) -> None:
        """H: show or hide the health score while presenting."""
        self.score_wanted = not self.score_wanted
        self._show_score()
        if not self.active:
            self.window.statusBar().showMessage(
                "The health score shows in a corner while presenting" if self.score_wanted
                else "The health score stays hidden while presenting", 8000)

    def _show_score(self, *_args) -> None:
        if not (self.active and self.score_wanted):
            self.score.hide()
            return
        latest = self.window.findings.runner.latest
        health = latest.analysis.health if latest is not None else None
        self.score.show_score(health.score if health else None, health.judged if health else True)
        self.score.appear()
        if self.walk.active and self.walk.at_end:
            self.walk.closing.raise_()  # the closing slide has the score: nothing over it

    # --- capture from the keyboard ---------------------------------------------------------

    def capture(self, block: int | None = None) -> None:
        """N (or 1–6): a label box for the next piece, in rows under the map."""
        if self.walk.active and self.walk.at_end:
            self.walk.end()  # the closing slide covers the map the piece goes on
        editor = self.window.editor
        if block is not None:
            editor.choose_category(block)
        if not editor.categories():
            return
        if self.spot is None:
            box = self._first_box(editor)
        else:
            point, row_start = self.spot
            box = PresentCapture(editor, point)
            box.row_start, box.follow = row_start, True
        box.presenter = self
        editor.router.set(box)

    def _first_box(self, editor) -> PresentCapture:
        """A new row under the map, starting right of the legend (where it would hide)."""
        items = list(editor.scene.item_for_node.values())
        if not items:
            return PresentCapture.under_the_map(editor)
        x = min(i.cx for i in items)
        y = max(i.cy for i in items) + row_cell(editor.scene.theme)[1]
        view, legend = self.window.view, self.window.view.legend_area()
        if legend is not None:
            x = max(x, view.mapToScene(round(legend.right()), 0).x()
                    + editor.scene.theme.node_size)
        box = PresentCapture(editor, QPointF(x, y))
        box.follow = True
        return box

    def captured(self, node_id: str, next_spot: QPointF, row_start: float) -> None:
        self.added.append(node_id)
        self.spot = (next_spot, row_start)

    def connect_last_two(self) -> bool:
        """C: connect the two pieces added last (the earlier one to the later)."""
        document, editor = self.window.document, self.window.editor
        alive = [n for n in self.added if document.has_node(n)]
        if len(alive) < 2:
            return False
        source, target = alive[-2:]
        if any({document.edge(e).source, document.edge(e).target} == {source, target}
               for e in document.edge_ids_of(source)):
            editor.show_message("Those two are connected already.")
            return True
        return editor.connect_nodes(source, target)

    # --- keys ------------------------------------------------------------------------------

    def eventFilter(self, watched, event) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Resize and watched is self.window.view.viewport():
            if self.walk.active:
                self.walk.go(self.walk.index)
            else:
                self._settle()
            return False
        if kind not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            return False
        action = self._action_for(event)
        if action is None:
            return False
        event.accept()
        if kind == QEvent.Type.KeyPress:
            action()
        return True

    def _action_for(self, event):
        """What a key does while presenting, or None for its usual meaning."""
        key, mods = event.key(), event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if mods != Qt.KeyboardModifier.NoModifier:
            return None
        if key == Qt.Key.Key_Escape:  # one step back: the walk, then a focus or view, then out
            if self.walk.active:
                return self.walk.end
            return self.window.editor.escape if self.window.scene.emphasised is not None \
                else self.leave
        if key in NEXT and (self.walk.active or key != Qt.Key.Key_Right):
            return self._forward
        if key in BACK and (self.walk.active or key != Qt.Key.Key_Left):
            return self._back
        if key == Qt.Key.Key_N:
            return self.capture
        if key in BLOCK_KEYS:
            return lambda: self.capture(BLOCK_KEYS[key])
        if key == Qt.Key.Key_C and len(self.added) >= 2:
            return self.connect_last_two
        return None

    def _forward(self) -> None:
        if self.walk.active and self.walk.next():
            return
        if self.walk.active:  # after the closing slide: on through the saved views
            if self.views.views():
                self.walk.end()
                self.views.current = None
                self.views.step(1)
            return
        self.views.step(1)

    def _back(self) -> None:
        if self.walk.active:
            self.walk.previous()
        else:
            self.views.step(-1)


def screens() -> list:
    """The screens one could present on."""
    return QGuiApplication.screens()

