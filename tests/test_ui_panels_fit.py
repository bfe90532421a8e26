"""The right-hand panels as an L&D lead meets them on a laptop, a desktop and a projector: the
findings, the chosen finding's details and the balance charts all readable, the charts reached
with the wheel, and hiding and showing panels never squeezing the findings to a sliver."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QFontMetrics, QWheelEvent
from PySide6.QtWidgets import QApplication

from app.files import create_map, load_map
from tests.conftest import SAMPLES, shown_window
from ui.theme import LIGHT, dress_application

SIZES = [(1366, 768), (1600, 1000), (3840, 2160)]
THEMES = ["light", "dark", "projector"]


@pytest.fixture
def cane_toad_path(tmp_path: Path) -> Path:
    return create_map(tmp_path / "toad.ecomap", load_map(SAMPLES / "lecture_cane_toad.json"))


def open_at(qtbot, path: Path, size, theme: str = "light"):
    window = shown_window(qtbot, size)
    window.set_theme(theme)
    qtbot.waitExposed(window)
    assert window.open_path(path)
    settle()
    return window


def settle() -> None:
    for _ in range(5):
        QApplication.processEvents()


@pytest.fixture(autouse=True)
def light_afterwards():
    yield
    dress_application(LIGHT)  # the application outlives each window: leave it as found


def rows_in_view(window) -> int:
    """How many findings are wholly in sight in the list, without scrolling."""
    tree = window.findings.panel.list
    room = tree.viewport().rect()
    return sum(room.contains(tree.visualItemRect(tree.topLevelItem(i)))
               for i in range(tree.topLevelItemCount()))


def lines_of_details(window) -> float:
    details = window.findings.panel.details
    return details.viewport().height() / QFontMetrics(details.font()).lineSpacing()


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES)
def test_findings_and_their_details_have_room_at_every_size(qtbot, cane_toad_path, size, theme):
    window = open_at(qtbot, cane_toad_path, size, theme)
    assert window.findings.dock.isVisible() and window.editor.inspector_dock.isVisible()
    assert len(window.findings.panel.findings()) >= 5
    assert rows_in_view(window) >= 4
    assert lines_of_details(window) >= 4
    assert window.editor.inspector_dock.height() >= 150  # the Inspector is still there to use


def test_the_map_keeps_most_of_the_width(qtbot, cane_toad_path):
    for size in [(1024, 768), *SIZES]:
        window = open_at(qtbot, cane_toad_path, size, "projector")
        assert window.view.width() >= 0.5 * size[0]
        window.close()


@pytest.mark.parametrize("size", [(1366, 768), (1600, 1000)])
def test_hiding_and_showing_panels_keeps_the_findings_readable(qtbot, cane_toad_path, size):
    window = open_at(qtbot, cane_toad_path, size)
    before = (window.findings.dock.height(), rows_in_view(window))
    for dock in (window.editor.inspector_dock, window.findings.dock, window.blocks_dock):
        for _ in range(2):
            dock.toggleViewAction().trigger()
            settle()
            dock.toggleViewAction().trigger()
            settle()
            assert abs(window.findings.dock.height() - before[0]) <= 4
            assert rows_in_view(window) >= before[1]
    window.findings.dock.close()
    window.editor.inspector_dock.close()
    settle()
    window.findings.show_findings()  # Analyze ▸ Findings brings it back
    window.editor.edit_in_inspector()  # Ctrl+I brings the Inspector back
    settle()
    assert abs(window.findings.dock.height() - before[0]) <= 4
    assert rows_in_view(window) >= before[1]


def test_a_line_the_user_moved_between_the_panels_is_kept(qtbot, cane_toad_path):
    window = open_at(qtbot, cane_toad_path, (1600, 1000))
    health, inspector = window.findings.dock, window.editor.inspector_dock
    window.resizeDocks([health, inspector], [500, 500], Qt.Orientation.Vertical)
    settle()
    chosen = health.height()
    inspector.toggleViewAction().trigger()
    settle()
    inspector.toggleViewAction().trigger()
    settle()
    assert abs(health.height() - chosen) <= 4


# --- the Balance tab -------------------------------------------------------------------------


def balance_of(window):
    window.findings.show_balance()
    settle()
    return window.findings.balance


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", [(1366, 768), (1600, 1000)])
def test_every_balance_chart_can_be_seen_whole(qtbot, cane_toad_path, size, theme):
    window = open_at(qtbot, cane_toad_path, size, theme)
    balance = balance_of(window)
    scroll = balance.scroll
    room = scroll.viewport().rect()
    for chart in balance.charts_shown():
        assert chart.canvas.width() <= room.width()  # never cut off at the side
        scroll.ensureWidgetVisible(chart.canvas, 0, 0)
        settle()
        top_left = chart.canvas.mapTo(scroll.viewport(), QPoint(0, 0))
        if chart.canvas.height() <= room.height():
            assert room.contains(top_left) and room.contains(
                top_left + QPoint(chart.canvas.width() - 1, chart.canvas.height() - 1))


def wheel_down(widget, notches: int = 1) -> None:
    centre = QPointF(widget.width() / 2, widget.height() / 2)
    event = QWheelEvent(centre, widget.mapToGlobal(centre), QPoint(0, 0),
                        QPoint(0, -120 * notches), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def test_the_wheel_over_a_chart_scrolls_the_balance(qtbot, cane_toad_path):
    window = open_at(qtbot, cane_toad_path, (1600, 1000))
    balance = balance_of(window)
    bar = balance.scroll.verticalScrollBar()
    assert bar.maximum() > 0  # more charts than fit: there is something to scroll to
    bar.setValue(0)
    wheel_down(balance.shares.canvas)
    assert bar.value() > 0
    while bar.value() < bar.maximum():
        at = bar.value()
        wheel_down(balance.degrees.canvas if balance.degrees.canvas.isVisible() else
                   balance.kinds.charts[0].canvas, 3)
        if bar.value() == at:
            break
    assert bar.value() == bar.maximum()


def test_the_balance_shows_the_kinds_inside_each_block(qtbot, cane_toad_path):
    window = open_at(qtbot, cane_toad_path, (1600, 1000))
    balance = balance_of(window)
    shown = {chart.heading.text(): chart for chart in balance.kinds.charts
             if chart.isVisibleTo(balance)}
    assert set(shown) >= {"Content: 5 kinds, evenness 0.44", "Processes: 2 kinds, evenness 0.81"}
    content = shown["Content: 5 kinds, evenness 0.44"].figure.axes[0]
    kinds = [label.get_text() for label in content.get_yticklabels()][::-1]
    assert kinds[0] == "Lecture deck"  # the cane toad leads its block
    words = [text.get_text() for text in content.texts]
    assert "83% (19)" in words
    colours = {bar.get_facecolor()[:3] for bar in content.patches}
    assert len(colours) == 1  # in the Content block's own colour


def test_a_block_with_many_kinds_lists_the_largest_and_counts_the_rest():
    from app.analysis.records import Mix, Share
    from ui.panels.balance import MOST_KINDS, kind_rows

    counts = {"Video": 5, "Course": 4, "Article": 3, "Podcast": 2, "Job aid": 1, "E-book": 1,
              "": 1}
    total = sum(counts.values())
    mix = Mix({k: Share(n, n / total, 0.0) for k, n in counts.items()}, 1.0, 0.9, 5 / 17,
              "Video")
    rows = kind_rows(mix)
    assert len(rows) == MOST_KINDS
    assert [name for name, _n, _s in rows[:4]] == ["Video", "Course", "Article", "Podcast"]
    assert rows[-1][:2] == ("3 other kinds", 3)


def test_the_column_is_shared_as_the_user_left_it_last_time(qtbot, cane_toad_path):
    from ui.main_window import MainWindow
    from ui.settings import app_settings

    settings = app_settings()
    try:
        first = MainWindow(settings, remember=True)
        qtbot.addWidget(first)
        first.resize(1600, 1000)
        first.show()
        qtbot.waitExposed(first)
        settle()
        health, inspector = first.findings.dock, first.editor.inspector_dock
        first.resizeDocks([health, inspector], [450, 550], Qt.Orientation.Vertical)
        settle()
        chosen = health.height()
        first.close()  # remembers the layout
        again = MainWindow(settings, remember=False)
        qtbot.addWidget(again)
        again.resize(1600, 1000)
        again.show()
        qtbot.waitExposed(again)
        settle()
        assert abs(again.findings.dock.height() - chosen) <= 4
        again.editor.inspector_dock.toggleViewAction().trigger()
        settle()
        again.editor.inspector_dock.toggleViewAction().trigger()
        settle()
        assert abs(again.findings.dock.height() - chosen) <= 4
        again.close()
    finally:
        for key in ("window/geometry", "window/state"):
            settings.remove(key)
        settings.sync()
