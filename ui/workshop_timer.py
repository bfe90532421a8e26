"""The workshop timer: "five minutes to add what you use", counted down on the canvas.

T starts it (from five minutes, or the length last set) and pauses it; Shift+T adds a minute;
Workshop ▸ Set the timer… chooses the length (0 takes the timer away). It shows large in the
top-left corner of the canvas, in the window and while presenting, and says when the time
is up.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QInputDialog

from ui.presenting_overlays import TimerBadge

DEFAULT_MINUTES = 5
MOST_MINUTES = 180
TICK_MS = 250


class WorkshopTimer(QObject):
    """A countdown that can be paused and lengthened; ``clock`` gives seconds (monotonic)."""

    def __init__(self, window, clock: Callable[[], float] = time.monotonic):
        super().__init__(window)
        self.window = window
        self.clock = clock
        self.length = DEFAULT_MINUTES * 60.0
        self.remaining = self.length  # seconds left when it last stopped
        self.since: float | None = None  # when it last started running
        self.badge = TimerBadge(window.view, self)
        self.ticker = QTimer(self)
        self.ticker.setInterval(TICK_MS)
        self.ticker.timeout.connect(self.badge.update)

    # --- reading ---------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self.since is not None

    def left(self) -> float:
        """Seconds left (never below 0)."""
        spent = self.clock() - self.since if self.since is not None else 0.0
        return max(0.0, self.remaining - spent)

    def is_over(self) -> bool:
        return self.running and self.left() <= 0

    def clock_face(self) -> str:
        seconds = int(self.left() + 0.999)  # 4:59.2 left shows 5:00 until it is under 4:59
        return f"{seconds // 60}:{seconds % 60:02d}"

    def state_words(self) -> str:
        if self.is_over():
            return "time's up"
        return "T pauses" if self.running else "paused · T starts"

    # --- commands (Workshop menu) ----------------------------------------------------------

    def toggle(self) -> None:
        """T: start (shown afresh if it was away or had run out), pause, or go on."""
        if not self.badge.isVisible() or self.is_over():
            self.remaining = self.length
            self._run()
        elif self.running:
            self.remaining, self.since = self.left(), None
            self.ticker.stop()
        else:
            self._run()
        self.badge.appear()

    def add_minute(self) -> None:
        """Shift+T: one more minute (on a timer that ran out: one minute from now)."""
        if self.is_over():
            self.remaining, self.since = 0.0, self.clock()
        if not self.badge.isVisible():
            self.remaining = 0.0
        self.remaining += 60.0
        self.badge.appear()

    def set_length(self, minutes: int) -> None:
        """Ready to count down ``minutes`` (paused); 0 takes the timer away."""
        self.since = None
        self.ticker.stop()
        if minutes <= 0:
            self.badge.hide()
            return
        self.length = self.remaining = minutes * 60.0
        self.badge.appear()

    def ask_length(self) -> None:
        minutes, chosen = QInputDialog.getInt(
            self.window, "Set the timer", "Minutes (0 takes the timer away):",
            round(self.length / 60), 0, MOST_MINUTES)
        if chosen:
            self.set_length(minutes)

    def _run(self) -> None:
        self.since = self.clock()
        self.ticker.start()
