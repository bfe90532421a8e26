"""Larger labels for the back row: Ctrl+Shift+= and Ctrl+Shift+− scale the map's labels.

The size belongs to the map (``settings["label_scale"]``), so a map prepared for a large room
opens with large labels on any computer. Each change is an undoable step; presses in a row
are one step. The canvas draws the theme with its labels scaled; exports keep the theme's own.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QUndoCommand

from app.ops import UpdateSetting
from ui.commands import OperationCommand
from ui.following import follow_changes
from ui.theme import Theme, theme_named

SETTING = "label_scale"
STEPS = (0.75, 1.0, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0)
LABEL_SIZE_ID = 2  # repeated size changes merge into one undo step (see ui.commands)
# The keys, as they arrive on keyboards where + and ) need Shift: handled on the canvas before
# Qt's shortcuts, which could take Ctrl+Shift+= for the zoom's Ctrl++.
KEYS = {Qt.Key.Key_Equal: 1, Qt.Key.Key_Plus: 1, Qt.Key.Key_Minus: -1, Qt.Key.Key_Underscore: -1,
        Qt.Key.Key_0: 0, Qt.Key.Key_ParenRight: 0}
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@cache
def scaled(theme: Theme, scale: float) -> Theme:
    """``theme`` with its labels ``scale`` times as large. Larger labels wrap sooner, on up to
    three lines (as the projector theme's do), so they stay about as wide as the map's spacing
    allows rather than running into their neighbours."""
    if scale == 1.0:
        return theme
    lines = max(theme.label_lines, 3) if scale > 1 else theme.label_lines
    return replace(theme, label_px=max(6, round(theme.label_px * scale)),
                   label_width=theme.label_width * scale ** 0.5, label_lines=lines)


def next_step(scale: float, direction: int) -> float:
    """The next size up (``direction`` 1) or down (−1) from ``scale``; 0: the normal size."""
    if direction == 0:
        return 1.0
    if direction > 0:
        return next((s for s in STEPS if s > scale + 1e-9), STEPS[-1])
    return next((s for s in reversed(STEPS) if s < scale - 1e-9), STEPS[0])


class LabelSizeCommand(OperationCommand):
    """A change of the label size; presses in a row merge into one undo step."""

    def id(self) -> int:
        return LABEL_SIZE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, LabelSizeCommand):
            return False
        self._op = other._op
        self.setText(other.text())
        return True


class LabelSize(QObject):
    """Keeps the canvas's labels at the size the open map asks for."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.document = None
        self.at_least = 1.0  # while presenting: what keeps the labels readable on the screen
        window.view.installEventFilter(self)

    def scale(self) -> float:
        if self.document is None:
            return 1.0
        return float(self.document.properties()["settings"].get(SETTING, 1.0))

    def look(self, theme: Theme) -> Theme:
        """``theme`` as the canvas shows it for the open map."""
        return scaled(theme_named(theme.key), max(self.scale(), self.at_least))

    def keep_readable(self, zoom: float, pixels: float) -> bool:
        """Draw the labels at least ``pixels`` high on screen at ``zoom`` (a map fitted to a
        small projector would otherwise show none); True if they had to grow for it."""
        label_px = theme_named(self.window.scene.theme.key).label_px
        needed = round(pixels / (label_px * max(zoom, 1e-6)), 2)
        self.at_least = needed if needed > self.scale() else 1.0
        self._follow()
        return self.at_least > 1.0

    def forget_readable(self) -> None:
        self.at_least = 1.0
        self._follow()

    def set_document(self, document) -> None:
        self.document = follow_changes(self.document, document, self._on_changed)
        self._follow()

    def _on_changed(self, changed) -> None:
        if changed.map:
            self._follow()

    def _follow(self) -> None:
        scene = self.window.scene
        wanted = self.look(scene.theme)
        if scene.theme is not wanted:
            scene.set_theme(wanted)

    # --- commands --------------------------------------------------------------------------

    def larger(self) -> None:
        self._step(1)

    def smaller(self) -> None:
        self._step(-1)

    def normal(self) -> None:
        self._step(0)

    def _step(self, direction: int) -> None:
        if self.document is None:
            return
        old = self.scale()
        new = next_step(old, direction)
        editor = self.window.editor
        if new == old:
            editor.show_message(f"Labels are at {round(new * 100)}% already.")
            return
        words = {1: "Larger labels", -1: "Smaller labels", 0: "Labels at normal size"}
        op = UpdateSetting(SETTING, None if new == 1.0 else new)
        if editor.push(LabelSizeCommand(self.document, op, words[direction], editor.refused)):
            editor.show_message(f"Labels at {round(new * 100)}% of the theme's size "
                                "(kept with the map)")

    def eventFilter(self, watched, event) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            return False
        if event.modifiers() & CTRL_SHIFT != CTRL_SHIFT or event.key() not in KEYS:
            return False
        event.accept()
        if kind == QEvent.Type.KeyPress:
            self._step(KEYS[event.key()])
        return True
