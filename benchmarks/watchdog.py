"""How long the window's event loop went without running: the freezes a user would feel.

    with StallWatchdog() as dog:
        ...  # start the work and let the event loop run until it is done
    dog.longest  # seconds: the longest the loop was blocked inside the block

A precise timer ticks every millisecond on the GUI thread and notes the time since its last
tick. Work that holds the GUI thread (reading a map, building a scene, laying it out) shows as a
long gap between ticks; work in a worker thread, while the loop keeps ticking, does not. Time
the block spends without letting the loop run at all counts too, up to its end.
"""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, QTimer


class StallWatchdog:
    def __init__(self, tick_ms: int = 1):
        self.longest = 0.0  # seconds
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(tick_ms)
        self._timer.timeout.connect(self._tick)
        self._last = 0.0

    def __enter__(self) -> StallWatchdog:
        self.longest = 0.0
        self._last = time.perf_counter()
        self._timer.start()
        return self

    def __exit__(self, *_exc) -> None:
        self._tick()
        self._timer.stop()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self._last)
        self._last = now
