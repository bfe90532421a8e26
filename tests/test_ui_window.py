"""The main window as an L&D lead meets it: open a map, see it drawn, zoom, switch theme."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtGui import QImage, QKeySequence

from app.files import create_map
from tests.conftest import SAMPLES, make_map
from ui.main import main
from ui.main_window import MainWindow
from ui.settings import RecentMaps, app_settings
from ui.theme import load_fonts
from ui.ways_back import WaysBackDialog


@pytest.fixture
def sample_map(tmp_path: Path) -> Path:
    data = make_map("reps:people mentor:people course:content coaching:process",
                    "reps>course mentor-reps coaching>reps", name="Acme onboarding")
    nodes = tuple(replace(n, informal=n.id == "mentor") for n in data.nodes)
    return create_map(tmp_path / "acme.ecomap", replace(data, nodes=nodes))


@pytest.fixture
def window(qtbot):
    load_fonts()
    win = MainWindow(app_settings())
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.show()
    yield win
    win.close()


def test_the_window_shows_the_map_with_its_name(window, sample_map):
    assert window.open_path(sample_map)
    assert window.windowTitle() == "Acme onboarding"  # the system adds " — Ecomap"
    assert set(window.scene.item_for_node) == {"reps", "mentor", "course", "coaching"}
    assert len(window.scene.item_for_edge) == 3
    assert window.status_text().startswith("4 nodes · 3 connections · all changes saved · ")


def test_nodes_wear_their_building_blocks_colour_and_shape(window, sample_map):
    window.open_path(sample_map)
    items = window.scene.item_for_node
    assert items["reps"].category.color == items["mentor"].category.color
    assert items["reps"].shape_name != items["course"].shape_name != items["coaching"].shape_name
    assert items["mentor"].informal and not items["reps"].informal


def test_only_directed_connections_have_arrowheads(window, sample_map):
    window.open_path(sample_map)
    arrows = {e.edge.source + e.edge.target: e.has_arrow for e in
              window.scene.item_for_edge.values()}
    assert arrows == {"repscourse": True, "mentorreps": False, "coachingreps": True}


def test_zoom_in_out_and_fit_change_the_scale(window, sample_map):
    window.open_path(sample_map)
    start = window.view.zoom()
    window.commands["zoom_in"].trigger()
    assert window.view.zoom() > start
    window.commands["zoom_out"].trigger()
    window.commands["zoom_out"].trigger()
    assert window.view.zoom() < start
    window.commands["actual_size"].trigger()
    assert window.view.zoom() == pytest.approx(1.0)
    window.commands["fit"].trigger()
    assert window.view.zoom() == pytest.approx(start)
    assert window.status_text().endswith(f"{round(start * 100)}%")


def test_zoom_shortcuts_come_from_the_table(window):
    shortcuts = {key: [s.toString() for s in window.commands[key].shortcuts()]
                 for key in ("zoom_in", "zoom_out", "fit", "actual_size", "open", "new")}
    assert shortcuts["zoom_in"] == ["Ctrl++", "Ctrl+="]
    assert shortcuts["fit"] == ["Ctrl+0"] and shortcuts["actual_size"] == ["Ctrl+1"]
    assert window.commands["open"].shortcut() == QKeySequence("Ctrl+O")


def test_a_bad_file_shows_a_clear_message(window, tmp_path):
    bad = tmp_path / "broken.ecomap"
    bad.write_bytes(b"this is not a map at all" * 40)
    assert not window.open_path(bad)
    boxes = [b for b in window.findChildren(WaysBackDialog) if b.isVisible()]
    assert len(boxes) == 1
    assert "Traceback" not in boxes[0].message.text()
    assert boxes[0].message.text() == window.last_problem
    assert [b.text() for b in boxes[0].ways] == ["Open another map…"]  # nothing to restore
    boxes[0].close()
    assert window.document is None


def test_opening_json_asks_how_and_can_make_a_map_file_beside_it(window, tmp_path):
    source = tmp_path / "team.json"
    source.write_text(json.dumps({"format": "ecomap", "version": 1, "name": "Team map",
                                  "nodes": [{"id": "a", "label": "Apprentices",
                                             "category": "people"}]}))
    before = source.read_bytes()
    assert window.open_path(source) is False  # the question is showing
    beside = next(b for b in window.files.question.ways if b.text().startswith("Make"))
    beside.click()
    assert (tmp_path / "team.ecomap").exists()
    assert source.read_bytes() == before
    assert window.windowTitle() == "Team map"


def test_opened_maps_are_remembered_as_recent(window, sample_map):
    window.open_path(sample_map)
    assert RecentMaps(app_settings()).paths()[0] == sample_map.resolve()
    window.recent_menu.aboutToShow.emit()
    assert sample_map.name in [a.text() for a in window.recent_menu.actions()]


def test_an_empty_map_invites_the_first_learner_group(window, tmp_path):
    empty = create_map(tmp_path / "new.ecomap", make_map(name="Fresh start"))
    window.open_path(empty)
    assert window.scene.is_empty
    picture = window.view.grab().toImage()
    assert not picture.isNull()
    assert window.status_text().startswith("0 nodes · 0 connections")


def test_the_blocks_panel_counts_each_block(window, sample_map):
    window.open_path(sample_map)
    assert window.blocks.rows() == [("People", 2), ("Content", 1), ("Processes", 1)]


def test_switching_theme_restyles_every_item(window, sample_map):
    window.open_path(sample_map)
    window.commands["theme_projector"].trigger()
    assert all(i.theme.key == "projector" for i in window.scene.item_for_node.values())
    assert window.commands["theme_projector"].isChecked()
    window.set_theme("light")


def test_close_leaves_an_empty_window(window, sample_map):
    window.open_path(sample_map)
    window.commands["close"].trigger()
    assert window.document is None and window.windowTitle() == "Ecomap"
    assert not window.scene.item_for_node


def test_screenshot_writes_a_picture_of_the_requested_size(qapp, sample_map, tmp_path):
    out = tmp_path / "shot.png"
    assert main([str(sample_map), "--screenshot", str(out), "--size", "1024x768"]) == 0
    picture = QImage(str(out))
    assert (picture.width(), picture.height()) == (1024, 768)


def test_screenshot_of_a_json_map_leaves_no_file_behind(qapp, tmp_path):
    source = SAMPLES / "sales_enablement.json"
    if not source.exists():
        pytest.skip("sample maps not written yet")
    copy = tmp_path / "sales.json"
    copy.write_bytes(source.read_bytes())
    out = tmp_path / "shot.png"
    assert main([str(copy), "--screenshot", str(out), "--theme", "dark"]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sales.json", "shot.png"]


@pytest.mark.parametrize("args, message", [
    (["missing.ecomap"], "there is no file called"),
    (["--size", "huge"], "--size should look like"),
])
def test_bad_command_lines_exit_2_with_a_message(qapp, capsys, args, message):
    assert main(args) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_a_damaged_map_on_the_command_line_exits_2(qapp, capsys, tmp_path):
    bad = tmp_path / "bad.ecomap"
    bad.write_bytes(b"\x00garbage" * 100)
    assert main([str(bad), "--screenshot", str(tmp_path / "x.png")]) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_a_bad_map_named_on_the_command_line_opens_the_window_with_the_problem(qtbot, tmp_path):
    bad = tmp_path / "bad.ecomap"
    bad.write_bytes(b"not a map at all" * 10)
    window = MainWindow(app_settings(), remember=False)
    qtbot.addWidget(window)
    assert window.open_from_command_line(bad) is False
    box = window.findChild(WaysBackDialog, "could-not-open")
    assert box is not None and "not a map file at all" in box.message.text()
    assert window.document is None
    box.close()


def test_a_json_named_on_the_command_line_opens_as_an_untitled_copy(qtbot):
    source = SAMPLES / "workshop_starter.json"
    before = source.read_bytes()
    window = MainWindow(app_settings(), remember=False)
    qtbot.addWidget(window)
    assert window.open_from_command_line(source)
    assert window.document.path.suffix == ".ecomap"
    assert window.document.path.parent.name == "Untitled maps"
    assert source.read_bytes() == before
    window.close_map()
