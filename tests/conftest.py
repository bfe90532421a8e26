"""Shared test set-up: Qt runs offscreen, and nothing touches the user's real folders."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

# Set before any Qt import: every Qt test runs headless, on a developer's machine and in CI.
os.environ["QT_QPA_PLATFORM"] = "offscreen"

# Settings, recent files and untitled maps go to a throwaway home, never the user's own.
_SANDBOX = Path(tempfile.mkdtemp(prefix="ecomap-tests-"))
for _var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
    os.environ[_var] = str(_SANDBOX / _var.lower())
os.environ["HOME"] = str(_SANDBOX / "home")

import pytest  # noqa: E402

from app.domain import Category, Edge, MapData, Node, categories_from_keys  # noqa: E402
from tests.full_disk import full_disk, small_disk  # noqa: E402, F401  (fixtures for any test)

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "sample_maps"


def make_map(
    nodes: str = "",
    edges: str = "",
    categories: str = "people,content,process",
    name: str = "Test map",
    at: dict[str, tuple[float, float]] | None = None,
    **settings,
) -> MapData:
    """A small map from a line or two of text.

    ``nodes``: "reps:people mentor:people course:content" (id:category[:kind]);
    ``edges``: "reps>course mentor-reps" (``>`` directed, ``-`` undirected);
    ``at``: where nodes sit, {"reps": (0, 0), …} (the others have no position).
    """
    at = at or {}
    cats: tuple[Category, ...] = categories_from_keys(categories.split(","))
    node_list = []
    for token in nodes.split():
        node_id, category, *kind = token.split(":")
        x, y = at.get(node_id, (None, None))
        node_list.append(Node(id=node_id, label=node_id.replace("_", " ").title(),
                              category=category, kind=kind[0] if kind else "", x=x, y=y))
    edge_list = []
    for i, token in enumerate(edges.split(), start=1):
        directed = ">" in token
        source, target = token.split(">" if directed else "-")
        edge_list.append(Edge(id=f"e{i}", source=source, target=target, directed=directed))
    return MapData(name=name, categories=cats, nodes=tuple(node_list), edges=tuple(edge_list),
                   settings=settings)


@pytest.fixture
def map_path(tmp_path: Path) -> Path:
    """Where a test's .ecomap file lives."""
    return tmp_path / "test.ecomap"


def pytest_sessionfinish(session, exitstatus):
    """Tear Qt down in order while the application still exists: windows tests left open,
    pending deleteLater()s and worker threads go first, Python's garbage after them."""
    import gc
    import sys

    if "PySide6.QtWidgets" not in sys.modules:
        return
    from PySide6.QtCore import QCoreApplication, QEvent, QThreadPool
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        return
    QThreadPool.globalInstance().waitForDone()
    from ui.editing import release_clipboard

    release_clipboard()
    for widget in QApplication.topLevelWidgets():
        widget.close()
        widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    app.processEvents()
    gc.collect()


@pytest.fixture
def settings_put_back():
    """For a test of a window that remembers, as ``ecomap-gui`` does (its layout, its recent
    maps): the (sandboxed) settings are put back as they were, so later tests' windows open
    as if it had never run (a kiosk's would leave the Room panel open, its map the most recent)."""
    from ui.settings import app_settings

    settings = app_settings()
    before = {key: settings.value(key) for key in settings.allKeys()}
    yield
    settings = app_settings()
    settings.clear()
    for key, value in before.items():
        settings.setValue(key, value)
    settings.sync()


def shown_window(qtbot, size: tuple[int, int] | None = None):
    """A main window on screen that leaves the (sandboxed) settings alone; closed by qtbot."""
    from ui.main_window import MainWindow
    from ui.settings import app_settings
    from ui.theme import load_fonts

    load_fonts()
    window = MainWindow(app_settings(), remember=False)
    qtbot.addWidget(window)
    if size is not None:
        window.resize(*size)
    window.show()
    return window


def open_window(qtbot, path: Path, size: tuple[int, int] = (1200, 800), window=None):
    """A shown, active main window (keys go to it) with the map at ``path`` open on the
    canvas, which has the focus."""
    from PySide6.QtWidgets import QApplication

    window = window or shown_window(qtbot, size)
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    assert window.open_path(path)
    window.view.setFocus()
    return window



@pytest.fixture(scope="module")
def large_source(tmp_path_factory):
    """A laid-out map of 2,000 pieces and 6,000 connections, made once per test module."""
    from app.files import create_map
    from benchmarks.generate import large_map

    return create_map(tmp_path_factory.mktemp("large") / "large.ecomap", large_map(2000, 6000))


@pytest.fixture
def large_path(large_source, tmp_path):
    """A fresh copy of ``large_source`` for each test: every edit is saved to the file."""
    import shutil

    return Path(shutil.copy(large_source, tmp_path / "large.ecomap"))
