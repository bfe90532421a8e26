"""The router that gives the current mouse mode the scene's events, and the mode's base class."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject

_HANDLERS = {
    QEvent.Type.GraphicsSceneMousePress: "mouse_press",
    QEvent.Type.GraphicsSceneMouseMove: "mouse_move",
    QEvent.Type.GraphicsSceneMouseRelease: "mouse_release",
    QEvent.Type.GraphicsSceneMouseDoubleClick: "double_click",
}


class Interaction:
    """One way the mouse works on the canvas. Handlers return True when they used the event."""

    def __init__(self, editor):
        self.editor = editor

    def start(self) -> None:
        """Called when the interaction becomes the current one."""

    def cancel(self) -> None:
        """Called when another interaction replaces this one before it finished."""

    def finish(self) -> None:
        """End this interaction: the canvas goes back to selecting and moving."""
        self.editor.router.finish(self)

    def mouse_press(self, event) -> bool:
        return False

    def mouse_move(self, event) -> bool:
        return False

    def mouse_release(self, event) -> bool:
        return False

    def double_click(self, event) -> bool:
        return False


class InteractionRouter(QObject):
    """Installed on the scene as an event filter; keeps one current ``Interaction``."""

    def __init__(self, scene, default: Callable[[], Interaction]):
        super().__init__(scene)
        self._default = default
        self.current = default()
        scene.installEventFilter(self)

    def set(self, interaction: Interaction) -> None:
        """Make ``interaction`` current, cancelling the one before it."""
        previous, self.current = self.current, interaction
        previous.cancel()
        interaction.start()

    def finish(self, interaction: Interaction) -> None:
        if self.current is interaction:
            self.current = self._default()

    def reset(self) -> None:
        """Cancel whatever is under way (a map closed, Escape pressed)."""
        self.set(self._default())

    def eventFilter(self, watched, event) -> bool:
        handler = _HANDLERS.get(event.type())
        if handler is None:
            return False
        used = bool(getattr(self.current, handler)(event))
        if used:
            event.accept()
        return used
