"""Long work on a large map without freezing the window.

Two ways, for two kinds of work:

- ``wait_for(work)``: work that needs no Qt (reading a map file, computing a layout) runs in a
  worker thread, and ``wait_for`` returns its result, or raises its error, when it is done.
- ``Breather``: work that must be done on the GUI thread (building or moving 40,000 items) calls
  its breather after each small piece, and every ``SLICE`` seconds the event loop runs once.

Either way the code stays a plain sequence of steps, and while it runs the window keeps
painting and its timers keep running, but ``busy`` sets clicks, keys and closing aside (as a
modal dialog would) behind a busy cursor, so nothing the user does can change what the work is
working on. Use them for user commands only; the event loop they run may deliver any timer.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from app import collector

T = TypeVar("T")

SLICE = 0.02  # seconds of GUI-thread work between two turns of the event loop
_SET_ASIDE = {QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease,
              QEvent.Type.MouseButtonDblClick, QEvent.Type.MouseMove, QEvent.Type.Wheel,
              QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride,
              QEvent.Type.Shortcut, QEvent.Type.ContextMenu, QEvent.Type.Close,
              QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd,
              QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop}


class _SetAside(QObject):
    """Swallows what the user does while Ecomap is busy (as a modal dialog would)."""

    def eventFilter(self, _watched, event) -> bool:
        return event.type() in _SET_ASIDE


_busy_depth = 0
_set_aside = None


@contextmanager
def busy() -> Iterator[None]:
    """While the block runs: a busy cursor, and clicks, keys and closing set aside."""
    global _busy_depth, _set_aside
    app = QCoreApplication.instance()
    if _busy_depth == 0:
        _set_aside = _SetAside()
        app.installEventFilter(_set_aside)
        if isinstance(app, QGuiApplication):
            QGuiApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
    _busy_depth += 1
    try:
        yield
    finally:
        _busy_depth -= 1
        if _busy_depth == 0:
            app.removeEventFilter(_set_aside)
            _set_aside = None
            if isinstance(app, QGuiApplication):
                QGuiApplication.restoreOverrideCursor()


class _Finished(QObject):
    done = Signal()


def wait_for(work: Callable[[], T]) -> T:
    """``work()`` run in a worker thread while the event loop goes on: its result, or its error
    raised here. ``work`` must not touch Qt objects the window uses, nor let them be touched."""
    outcome: dict[str, object] = {}
    finished = _Finished()
    loop = QEventLoop()
    finished.done.connect(loop.quit, Qt.ConnectionType.QueuedConnection)

    def run() -> None:
        try:
            outcome["result"] = work()
        except BaseException as error:  # handed to the GUI thread and raised there
            outcome["error"] = error
        finally:
            finished.done.emit()

    # Python's cycle collector runs in whichever thread allocates; in the worker it could
    # destroy a Qt object off the GUI thread (see ui.analysis_runner), so it waits.
    collector.hold()
    worker = threading.Thread(target=run, name="ecomap-work", daemon=True)
    try:
        with busy():
            worker.start()
            loop.exec()
        worker.join()
    finally:
        collector.release()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]


class Breather:
    """For GUI-thread work in small pieces: call it after each piece, and every ``SLICE``
    seconds it lets the event loop paint and run timers. Used as a context manager, which keeps
    Ecomap ``busy`` while the work lasts, and the ``quiet`` widgets (the canvas whose items the
    work is changing) unpainted until it is done. ``before_each`` runs before each breath.

        with Breather(quiet=[view]) as breathe:
            for item in many:
                ...
                breathe()
    """

    def __init__(self, slice_seconds: float = SLICE, quiet: Iterable[QWidget] = (),
                 before_each: Callable[[], None] = lambda: None):
        self.slice = slice_seconds
        self.quiet = [widget for widget in quiet if widget.updatesEnabled()]
        self.before_each = before_each  # (the scene has Qt index what changed in the piece)
        self._since = time.perf_counter()
        self._busy = busy()

    def __enter__(self) -> Breather:
        self._busy.__enter__()
        for widget in self.quiet:
            widget.setUpdatesEnabled(False)
        self._since = time.perf_counter()
        return self

    def __exit__(self, *exc) -> None:
        for widget in self.quiet:
            widget.setUpdatesEnabled(True)
        self._busy.__exit__(*exc)

    def __call__(self) -> None:
        if time.perf_counter() - self._since >= self.slice:
            self.now()

    def now(self) -> None:
        """A breath now, whatever the time since the last (after a piece known to be long)."""
        self.before_each()
        QCoreApplication.processEvents()
        self._since = time.perf_counter()
