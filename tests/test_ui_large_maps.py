"""A large map is opened, laid out and drawn while the window keeps running: the slow parts run
in a worker thread or a piece at a time between turns of the event loop, nothing the user does
meanwhile gets in the way, and the map comes out exactly as it would have all at once."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, QTimer
from PySide6.QtGui import QGuiApplication

from app import arrange
from tests.conftest import shown_window
from ui import background
from ui.canvas.overview import draw

WAIT_MS = 60_000  # generous: a slow CI machine is not a failure


@pytest.fixture
def window(qtbot):
    win = shown_window(qtbot, (1200, 800))
    yield win
    win.close()


class LoopTurns:
    """Counts the turns of the event loop while the block runs: a frozen window has none."""

    def __enter__(self) -> LoopTurns:
        self.count = 0
        self._timer = QTimer(interval=0)
        self._timer.timeout.connect(self._turn)
        self._timer.start()
        return self

    def _turn(self) -> None:
        self.count += 1

    def __exit__(self, *_exc) -> None:
        self._timer.stop()


def positions(window) -> dict[str, tuple[float, float]]:
    return {i: (item.cx, item.cy) for i, item in window.scene.item_for_node.items()}


def document_positions(window) -> dict[str, tuple[float, float]]:
    return {n.id: (n.x, n.y) for n in window.document.nodes()}


def connection_follows(item) -> bool:
    """Whether a connection's item reaches from its source node to its target node."""
    bounds = item.boundingRect()
    return all(bounds.contains(QPointF(end.cx, end.cy)) for end in (item.source, item.target))


def test_a_large_map_opens_while_the_window_keeps_running(window, large_path):
    with LoopTurns() as turns:
        assert window.open_path(large_path)
    assert turns.count > 0
    assert len(window.scene.item_for_node) == 2000
    assert len(window.scene.item_for_edge) == 6000
    assert positions(window) == document_positions(window)
    assert window.view.updatesEnabled() and QGuiApplication.overrideCursor() is None


def test_closing_the_window_while_a_large_map_opens_waits_until_it_is_open(window, large_path):
    QTimer.singleShot(0, window.close)  # arrives while the map is being read
    assert window.open_path(large_path)
    assert window.isVisible() and window.document is not None


def test_a_large_map_is_laid_out_in_the_background_as_one_undo_step(window, large_path,
                                                                      qtbot):
    window.open_path(large_path)
    before = document_positions(window)
    style = window.scene.theme.label_style()
    expected = arrange.arrange(window.document.snapshot(), "clusters", style=style)
    with LoopTurns() as turns:
        window.editor.arrange.layout("clusters")
        qtbot.waitUntil(lambda: window.editor.stack.count() == 1, timeout=WAIT_MS)
    assert turns.count > 0  # the window kept answering while the places were worked out
    assert document_positions(window) == {**before, **expected}
    assert positions(window) == document_positions(window)
    assert all(connection_follows(item) for item in window.scene.item_for_edge.values())
    window.editor.undo()
    assert document_positions(window) == before == positions(window)


def test_the_overview_of_a_large_map_is_drawn_a_piece_at_a_time(window, large_path, qtbot):
    window.open_path(large_path)
    overview = window.scene.overview
    overview.invalidate(at_once=True)
    assert overview.image_soon(1000) is None  # not waited for: the canvas shows none yet
    with qtbot.waitSignal(window.scene.overview_redrawn, timeout=WAIT_MS):
        pass
    image, rect = overview.image_soon(1000)
    expected, where = draw(overview.sketch(), 1024)
    assert rect == where and image == expected


def test_work_in_the_background_hands_back_its_result_or_its_error(qtbot):
    assert background.wait_for(lambda: sum(range(10))) == 45
    with pytest.raises(ZeroDivisionError):
        background.wait_for(lambda: 1 / 0)
    assert QGuiApplication.overrideCursor() is None
