"""The timeline: the map at each snapshot and now, every piece in one place throughout; its
chart; the window that plays it; the PDF with a page per step and the chart."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.files import create_map
from app.history.timeline import NOW, stable_places, timeline, union
from app.history.timeline_chart import timeline_chart
from app.interchange import read_json
from tests import pdf_reading
from tests.conftest import REPO, make_map, open_window

DECKS = REPO / "tests" / "data" / "realistic" / "history" / "claims_academy_decks.json"


@pytest.fixture(scope="module")
def history():
    return read_json(DECKS)


def test_each_snapshot_then_now_in_order_with_every_piece_in_one_place(history):
    states = timeline(history)
    assert [s.name for s in states] == ["Q1 review", "Q2 review", "Q3 review", "Q4 review", NOW]
    assert [len(s.data.nodes) for s in states] == [40, 43, 50, 56, 56]
    places: dict[str, tuple] = {}
    for state in states:
        for node in state.data.nodes:
            assert node.has_position
            assert places.setdefault(node.id, (node.x, node.y)) == (node.x, node.y)
    assert states[2].note == "Trainers asked for a deck per claim type."


def test_a_piece_keeps_the_place_it_was_first_given():
    first = make_map("a:people b:content", "a>b", at={"a": (0, 0), "b": (100, 0)})
    moved = make_map("a:people b:content c:content", "a>b a>c",
                     at={"a": (500, 500), "b": (100, 0), "c": (200, 50)})
    places = stable_places([first, moved])
    assert places == {"a": (0, 0), "b": (100, 0), "c": (200, 50)}
    assert {n.id for n in union([first, moved]).nodes} == {"a", "b", "c"}


def test_the_chart_is_a_picture_of_every_step(history):
    states = timeline(history)
    png = timeline_chart(states, [100, 100, 92, 68, None])
    assert png.startswith(b"\x89PNG") and len(png) > 10_000


@pytest.fixture
def window(qtbot, tmp_path, history):
    win = open_window(qtbot, create_map(tmp_path / "academy.ecomap", history), (1200, 800))
    yield win
    win.close()


def test_the_timeline_steps_with_the_slider_and_keys_and_checks_every_step(window, qtbot):
    assert window.commands["timeline"].shortcut().toString() == "Ctrl+Shift+T"
    window.commands["timeline"].trigger()
    timeline_window = window.history.timeline
    assert timeline_window.slider.maximum() == 4 and timeline_window.step == 4
    qtbot.waitUntil(lambda: timeline_window.picture.image is not None, timeout=20000)
    timeline_window.slider.setValue(1)
    assert timeline_window.caption.text().startswith("Q2 review · 15 April 2026 · 43 pieces")
    qtbot.waitUntil(lambda: QApplication.activeWindow() is timeline_window)
    qtbot.keyClick(timeline_window, Qt.Key.Key_Right)
    assert timeline_window.step == 2
    qtbot.waitUntil(lambda: timeline_window.checked, timeout=30000)
    assert timeline_window.scores[0] == 100 and timeline_window.scores[3] < 100
    assert "health 92" in timeline_window.caption.text()
    qtbot.waitUntil(lambda: timeline_window.chart.pixmap() is not None
                    and not timeline_window.chart.pixmap().isNull(), timeout=20000)
    qtbot.keyClick(timeline_window, Qt.Key.Key_Space)
    assert timeline_window.play_button.text() == "Pause"
    qtbot.keyClick(timeline_window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.history.timeline is None)


def test_the_timeline_pdf_has_a_page_per_step_and_the_chart(window, qtbot, tmp_path):
    window.commands["timeline"].trigger()
    out = tmp_path / "timeline.pdf"
    window.history.timeline.export_pdf(out)
    pdf = out.read_bytes()
    assert pdf_reading.page_count(pdf) == 6
    words = pdf_reading.text(pdf)
    assert "Harbour Insurance claims academy — Q3 review" in words
    assert "how it changed" in words
    window.history.timeline.close()


def test_without_snapshots_the_timeline_says_what_to_do(qtbot, tmp_path, history):
    win = open_window(qtbot, create_map(tmp_path / "plain.ecomap",
                                        replace(history, snapshots=())))
    win.commands["timeline"].trigger()
    assert win.history.timeline is None
    assert "Save snapshot" in win.statusBar().currentMessage()
    win.close()


def test_a_snapshot_that_no_longer_reads_as_a_map_is_said_not_shown(qtbot, tmp_path, history):
    broken = replace(history.snapshots[0], nodes=({"id": "x", "label": "X",
                                                    "category": "nowhere"},))
    data = replace(history, snapshots=(broken, *history.snapshots[1:]))
    win = open_window(qtbot, create_map(tmp_path / "broken.ecomap", data))
    win.commands["timeline"].trigger()
    assert win.history.timeline is None
    assert "cannot be read as a map" in win.last_problem
    win.close()
