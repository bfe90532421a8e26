"""An L&D lead tunes the checks in Map properties: each threshold in words, in sensible units,
one undo step per change, saved in the map file, and the findings follow at once."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QPushButton

from app.files import create_map, load_map
from app.thresholds import DEFAULTS, check_threshold
from tests.conftest import SAMPLES, shown_window
from ui.panels.thresholds import RULES


@pytest.fixture
def window(qtbot, tmp_path: Path):
    path = create_map(tmp_path / "bank.ecomap", load_map(SAMPLES / "lecture_cane_toad.json"))
    win = shown_window(qtbot, (1400, 900))
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    assert win.open_path(path)
    yield win
    win.close()


def box(window, name: str) -> QAbstractSpinBox:
    spin = window.findChild(QAbstractSpinBox, f"field_{name}")
    window.editor.inspector.parentWidget().parentWidget().ensureWidgetVisible(spin)
    return spin


def type_into(spin: QAbstractSpinBox, text: str) -> None:
    spin.setFocus()
    spin.selectAll()
    QTest.keyClicks(spin, text)
    QTest.keyClick(spin, Qt.Key.Key_Return)


def saved_thresholds(window) -> dict:
    return load_map(window.document.path).settings.get("thresholds", {})


def content_crowds_out(window) -> bool:
    return any(f.check == "cane_toad" and "Lecture decks have crowded out" in f.title
               for f in window.findings.panel.findings())


def test_every_threshold_is_in_the_panel_in_words_with_a_tooltip(window):
    rules = [rule for _check, group in RULES for rule in group]
    assert sorted(rule.name for rule in rules) == sorted(DEFAULTS)
    for rule in rules:
        spin = box(window, rule.name)
        assert spin.toolTip() and rule.words
        assert spin.suffix().strip() in ("%", "times", "nodes", "weeks")


def test_raising_the_cane_toad_share_is_saved_rechecks_and_undoes(window):
    assert content_crowds_out(window)  # 19 of 23 content pieces are lecture decks: 83%
    spin = box(window, "kind_share")
    assert spin.value() == 60 and spin.suffix() == " %"
    type_into(spin, "90")
    assert window.document.properties()["settings"]["thresholds"] == {"kind_share": 0.9}
    assert saved_thresholds(window) == {"kind_share": 0.9}
    assert not content_crowds_out(window)
    assert window.editor.stack.count() == 1
    window.commands["undo"].trigger()
    assert saved_thresholds(window) == {}
    assert content_crowds_out(window)
    assert spin.value() == 60
    window.commands["redo"].trigger()
    assert spin.value() == 90 and not content_crowds_out(window)


def test_leaving_a_box_unchanged_changes_nothing(window):
    spin = box(window, "split_share")
    spin.setFocus()
    QTest.keyClick(spin, Qt.Key.Key_Return)
    QTest.keyClick(spin, Qt.Key.Key_Tab)
    assert window.editor.stack.count() == 0


@pytest.mark.parametrize("typed", ["0", "150", "-5", "abc"])
def test_a_share_outside_0_to_100_percent_cannot_be_entered(window, typed):
    spin = box(window, "informal_share")
    type_into(spin, typed)
    value = window.document.properties()["settings"].get("thresholds", {}).get(
        "informal_share", DEFAULTS["informal_share"])
    assert check_threshold("informal_share", value) == value
    assert 1 <= spin.value() <= 100


def test_a_whole_number_of_nodes_and_a_ratio_in_times(window):
    type_into(box(window, "kind_min_nodes"), "6")
    type_into(box(window, "hub_degree_ratio"), "2.5")
    assert saved_thresholds(window) == {"kind_min_nodes": 6, "hub_degree_ratio": 2.5}
    assert window.editor.stack.count() == 2


def test_setting_a_default_again_leaves_the_file_without_it(window):
    spin = box(window, "split_share")
    type_into(spin, "20")
    type_into(spin, "10")
    assert saved_thresholds(window) == {}


def test_restore_defaults_is_one_undo_step(window):
    restore = window.findChild(QPushButton, "thresholds_restore")
    assert not restore.isEnabled()  # nothing to restore yet
    type_into(box(window, "kind_share"), "90")
    type_into(box(window, "split_share"), "25")
    assert restore.isEnabled()
    restore.click()
    assert saved_thresholds(window) == {}
    assert box(window, "kind_share").value() == 60 and content_crowds_out(window)
    window.commands["undo"].trigger()
    assert saved_thresholds(window) == {"kind_share": 0.9, "split_share": 0.25}
    assert box(window, "split_share").value() == 25


def test_a_map_with_its_own_thresholds_shows_them(qtbot, tmp_path):
    data = load_map(SAMPLES / "lecture_cane_toad.json")
    data = replace(data, settings={"thresholds": {"kind_share": 0.85, "hub_min_nodes": 8}})
    path = create_map(tmp_path / "own.ecomap", data)
    win = shown_window(qtbot, (1400, 900))
    assert win.open_path(path)
    assert box(win, "kind_share").value() == 85
    assert box(win, "hub_min_nodes").value() == 8
    assert box(win, "informal_share").value() == 10
    assert not content_crowds_out(win)
    win.close()
