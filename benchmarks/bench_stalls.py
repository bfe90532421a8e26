"""The longest the window froze (its event loop blocked) while opening the 10,000-node map and
while laying it out with the layouts of the Map menu: design target 100 ms each.

Each is started as the user starts it (File ▸ Open, a Map menu command), from inside the event
loop, which then runs until the work is done and a second more (the first paints, the checks
starting), with a ``StallWatchdog`` noting the longest gap between two turns of the loop. The
open is measured three times (the least disturbed counts, as for every timing here); each
layout once, as it takes seconds. Force-directed takes twenty minutes on this map with
networkx's spring layout, so it is measured only with ECOMAP_BENCH_FORCE=1.
"""

from __future__ import annotations

import os
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.arrange import LAYOUTS  # noqa: E402
from benchmarks.generate import large_map_file  # noqa: E402
from benchmarks.harness import Result  # noqa: E402
from benchmarks.watchdog import StallWatchdog  # noqa: E402
from benchmarks.window import application, close_window  # noqa: E402

SIZE = (1600, 1000)
SETTLE = 1.0  # seconds the loop runs on after the work is done
TARGET = 0.100
OPENS = 3
LAYOUT_LIMIT = 600  # seconds; a layout that has not landed by then is a failure, not a figure


def run_loop_until(done, settle: float = SETTLE) -> None:
    """Let the event loop run until ``done()``, then ``settle`` seconds more."""
    app = QApplication.instance()
    while not done():
        app.processEvents()
        time.sleep(0.001)
    end = time.perf_counter() + settle
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.001)


def stall_of(command, landed=lambda: True) -> float:
    """The longest freeze while ``command()`` runs as a menu command would, until ``landed()``
    (work it started in a worker has come back and been shown), and just after."""
    finished = []
    with StallWatchdog() as dog:
        QTimer.singleShot(0, lambda: (command(), finished.append(True)))
        run_loop_until(lambda: finished and landed())
    return dog.longest


def layout_landed(window, before: int):
    """Whether a layout asked for has moved the nodes (one more undo step) and finished gliding.
    A large map is laid out in a worker, so the menu command returns long before this."""
    editor, give_up = window.editor, time.perf_counter() + LAYOUT_LIMIT

    def landed() -> bool:
        if time.perf_counter() > give_up:
            raise RuntimeError(f"a layout had not moved the 10k map after {LAYOUT_LIMIT} s")
        return editor.stack.count() > before and not editor.arrange.animation.running
    return landed


def layouts() -> list[str]:
    if os.environ.get("ECOMAP_BENCH_FORCE"):
        return list(LAYOUTS)
    return [name for name in LAYOUTS if name != "force"]


def measure() -> list[Result]:
    from ui.main_window import MainWindow
    from ui.settings import app_settings

    application()
    with large_map_file() as path:
        window = MainWindow(app_settings(), remember=False)
        window.resize(*SIZE)
        window.show()
        run_loop_until(lambda: True, settle=0.2)
        opening = []
        for _ in range(OPENS):
            window.close_map()
            run_loop_until(lambda: True, settle=0.5)  # untimed: the map before let go of
            opening.append(stall_of(lambda: window.open_path(path)))
            window.findings.runner.wait()
        results = [Result("longest freeze opening the 10k map", min(opening), TARGET)]
        for name in layouts():
            stall = stall_of(lambda name=name: window.editor.arrange.layout(name),
                             layout_landed(window, window.editor.stack.count()))
            results.append(Result(f"longest freeze laying out the 10k map ({name})", stall,
                                  TARGET))
        close_window(window)
    return results
