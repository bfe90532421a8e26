"""Opening the 10,000-node map in the window, against a bare read plus a bare scene build;
and one frame of pan/zoom at full zoom-out."""

from __future__ import annotations

import gc
import os
import sqlite3
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import (  # noqa: E402
    QApplication,
    QGraphicsEllipseItem,
    QGraphicsLineItem,
    QGraphicsScene,
)

from app.document import MapDocument  # noqa: E402
from benchmarks.generate import large_map_file  # noqa: E402
from benchmarks.harness import Result, best_of  # noqa: E402
from benchmarks.window import application, close_window  # noqa: E402

SIZE = (1600, 1000)


def bare_open(path: Path) -> QGraphicsScene:
    """The least work that holds the same items: sqlite3 rows into plain Qt items in a scene."""
    conn = sqlite3.connect(path)
    points = {pk: (x, y) for pk, x, y in conn.execute("SELECT pk, x, y FROM node")}
    ends = conn.execute("SELECT source, target FROM edge").fetchall()
    conn.close()
    scene = QGraphicsScene()
    for x, y in points.values():
        scene.addItem(QGraphicsEllipseItem(x - 23, y - 23, 46, 46))
    for source, target in ends:
        (x1, y1), (x2, y2) = points[source], points[target]
        scene.addItem(QGraphicsLineItem(x1, y1, x2, y2))
    return scene


def ecomap_open(path: Path):
    """Ecomap's whole path: check and read the file, build the scene, show and paint it."""
    from ui.main_window import MainWindow
    from ui.settings import app_settings

    window = MainWindow(app_settings(), remember=False)
    window.resize(*SIZE)
    window.set_document(MapDocument.open(path))
    window.show()
    until_drawn(window)
    return window


def until_drawn(window) -> None:
    """Paint the canvas, and let the event loop run until what it shows is complete: far out on
    a large map, that is the whole-map picture, drawn a piece at a time after the first paint."""
    view = window.view
    view.viewport().grab()
    scene = view.map_scene()
    width = scene.map_rect().width() * view.zoom()
    while view.showing_overview() and scene.overview.image_soon(width) is None:
        QApplication.processEvents()
    view.viewport().grab()


def measure() -> list[Result]:
    app = application()
    with large_map_file() as path:
        bare = best_of(3, lambda: bare_open(path))
        windows = []

        def open_and_close():
            windows.append(ecomap_open(path))

        def close_previous():
            """Untimed: each measured open starts as a fresh start of the program would, not
            paying for collecting the map closed before it."""
            while windows:
                close_window(windows.pop())
            gc.collect()

        ours = best_of(3, open_and_close, setup=close_previous)
        frame = _frame_time(windows[-1], app)
        close_previous()
    return [
        Result("open 10k/30k map until drawn (bare: read + scene build)", ours, 2.0,
               baseline=bare, ratio_target=3.0),
        Result("one pan/zoom frame at full zoom-out (10k map), median", frame, 0.016),
    ]


def _frame_time(window, app) -> float:
    view = window.view
    view.fit_to_window()
    app.processEvents()
    viewport = view.viewport()
    samples = []
    for i in range(20):
        view.translate(3 if i % 2 else -3, 0)
        start = time.perf_counter()
        viewport.repaint()
        samples.append(time.perf_counter() - start)
    samples.sort()
    return samples[len(samples) // 2]


