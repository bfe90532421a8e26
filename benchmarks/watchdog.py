"""How long the window's event loop was blocked while some work ran: the stall watchdog.

A timer ticks on the GUI thread every few milliseconds; the longest gap between two ticks is the
longest time the window could not have repainted or answered a click. Work on the GUI thread
blocks it, and so does a worker thread holding Python's lock for long (PySide keeps the lock
through most Qt calls), since the timer's handler is Python too.

    with StallWatchdog() as dog:
        start_the_work()
        wait_until(lambda: work_is_done())
    print(dog.longest)  # seconds; about the tick interval when nothing stalled

Shared by the benchmarks of open, export, report and layout (design.md: ≤ 100 ms each).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEventLoop, Qt, QTimer

TICK_MS = 5


class StallWatchdog:
    """Records the longest gap between ticks of a GUI-thread timer while it is entered.

    ``longest`` includes one tick interval (5 ms), so a reading near 5 ms means no stall;
    ``stalls`` counts the gaps longer than ``threshold`` seconds.
    """

    def __init__(self, tick_ms: int = TICK_MS, threshold: float = 0.1):
        self.tick_ms, self.threshold = tick_ms, threshold
        self.longest = 0.0
        self.stalls = 0
        self._last = 0.0
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(tick_ms)
        self._timer.timeout.connect(self._tick)

    def __enter__(self) -> StallWatchdog:
        self.longest, self.stalls = 0.0, 0
        self._last = time.perf_counter()
        self._timer.start()
        return self

    def __exit__(self, *_exc) -> None:
        self._tick()  # work that blocked until the very end counts too
        self._timer.stop()

    def _tick(self) -> None:
        now = time.perf_counter()
        gap, self._last = now - self._last, now
        self.longest = max(self.longest, gap)
        self.stalls += gap > self.threshold


def wait_until(done: Callable[[], bool], timeout: float = 120.0, poll_ms: int = 5) -> None:
    """Run the event loop (idle, as a window waiting for the user does) until ``done()``;
    ``TimeoutError`` after ``timeout`` seconds."""
    loop = QEventLoop()
    deadline = time.perf_counter() + timeout
    poll = QTimer()
    poll.setInterval(poll_ms)
    poll.timeout.connect(lambda: loop.quit() if done() or time.perf_counter() > deadline
                         else None)
    poll.start()
    if not done():
        loop.exec()
    poll.stop()
    if not done():
        raise TimeoutError(f"the work was not done within {timeout:g} s")
