"""The Health panel as an L&D lead meets it: the score, the findings, the highlight, what-if."""

from __future__ import annotations

from pathlib import Path

import pytest
from matplotlib.colors import to_rgba
from PySide6.QtCore import QPoint, Qt

from app import ops
from app.files import create_map, load_map
from tests.conftest import SAMPLES, make_map, shown_window
from ui.canvas.scene import DIMMED


def sample(tmp_path: Path, name: str) -> Path:
    return create_map(tmp_path / f"{name}.ecomap", load_map(SAMPLES / f"{name}.json"))


@pytest.fixture
def window(qtbot):
    win = shown_window(qtbot, (1400, 900))
    yield win
    win.close()


@pytest.fixture
def cane_toad(window, tmp_path):
    assert window.open_path(sample(tmp_path, "lecture_cane_toad"))
    return window


def score(window) -> int:
    return window.findings.runner.latest.analysis.health.score


def select(window, index: int):
    panel = window.findings.panel
    panel.list.setCurrentItem(panel.list.topLevelItem(index))
    return panel.current_finding()


def row_of(window, check: str) -> int:
    return [f.check for f in window.findings.panel.findings()].index(check)


def test_the_cane_toad_map_lists_its_findings_worst_first(cane_toad):
    panel = cane_toad.findings.panel
    findings = panel.findings()
    assert [f.check for f in findings][0] == "cane_toad"
    assert "single_point_of_failure" in {f.check for f in findings}
    ranks = ["high", "medium", "low"]
    assert [ranks.index(f.severity) for f in findings] == sorted(
        ranks.index(f.severity) for f in findings)
    assert panel.score_label.text() == f"Health {score(cane_toad)}/100"
    first_row = panel.list.topLevelItem(0).text(0)
    assert first_row.startswith("High · ")  # the word, not only a colour


def test_the_score_explains_its_deductions(cane_toad):
    panel = cane_toad.findings.panel
    select(cane_toad, 0)
    panel.why_button.click()
    assert panel.current_finding() is None
    why = panel.details.toPlainText()
    assert why.startswith(f"Why {score(cane_toad)}/100?")
    assert "−20 Cane toad: Lecture decks have crowded out the rest of the content" in why


def test_the_cane_toad_map_scores_lower_than_the_balanced_map(cane_toad, tmp_path):
    toad = score(cane_toad)
    cane_toad.open_path(sample(tmp_path, "sales_enablement"))
    assert score(cane_toad) > toad
    panel = cane_toad.findings.panel
    assert panel.findings() == []
    assert panel.message.text().startswith("No weak spots found")


def test_an_empty_map_gets_a_friendly_word(window, tmp_path):
    window.open_path(create_map(tmp_path / "empty.ecomap", make_map(name="Fresh")))
    assert window.findings.panel.message.text().startswith("Nothing to check yet")


def test_choosing_a_finding_shows_its_nodes_and_dims_the_rest(cane_toad, qtbot):
    finding = select(cane_toad, row_of(cane_toad, "key_person"))
    chosen = set(finding.node_ids)
    opacity = {i: item.opacity() for i, item in cane_toad.scene.item_for_node.items()}
    assert {i for i, o in opacity.items() if o == 1.0} == chosen
    assert all(o == DIMMED for i, o in opacity.items() if i not in chosen)
    details = cane_toad.findings.panel.details.toPlainText()
    assert finding.detail in details and finding.suggestion in details
    qtbot.keyClick(cane_toad.findings.panel.list, Qt.Key.Key_Escape)
    assert all(item.opacity() == 1.0 for item in cane_toad.scene.item_for_node.values())


def test_clicking_empty_list_space_clears_the_highlight(window, tmp_path, qtbot):
    one_finding = make_map("reps:people:Learner_group course:content old:content",
                           "reps-course", categories="people,content")
    window.open_path(create_map(tmp_path / "one.ecomap", one_finding))  # room below it
    select(window, row_of(window, "isolated"))
    assert window.scene.emphasised is not None
    view = window.findings.panel.list.viewport()
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=QPoint(5, view.height() - 3))
    assert window.findings.panel.current_finding() is None
    assert window.scene.emphasised is None


def test_double_click_zooms_to_the_findings_nodes(cane_toad, qtbot):
    before = cane_toad.view.transform()
    list_ = cane_toad.findings.panel.list
    item = list_.topLevelItem(row_of(cane_toad, "isolated"))  # one node: the mentoring pilot
    where = list_.visualItemRect(item).center()
    qtbot.mouseClick(list_.viewport(), Qt.MouseButton.LeftButton, pos=where)
    qtbot.mouseDClick(list_.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert cane_toad.view.transform() != before
    node = cane_toad.scene.item_for_node["mentoring_pilot"]
    centre = cane_toad.view.mapFromScene(node.sceneBoundingRect().center())
    assert cane_toad.view.viewport().rect().contains(centre)


def test_an_edit_refreshes_the_findings(cane_toad):
    assert "mentoring_pilot" in _named_nodes(cane_toad)
    cane_toad.document.apply(ops.RemoveNodes(("mentoring_pilot",)))
    assert "mentoring_pilot" not in _named_nodes(cane_toad)
    assert not cane_toad.findings.runner.pending


def _named_nodes(window) -> set[str]:
    return {i for f in window.findings.panel.findings() for i in f.node_ids}


def test_moving_a_node_does_not_recheck(cane_toad):
    latest = cane_toad.findings.runner.latest
    cane_toad.document.apply(ops.MoveNodes({"senior_trainer": (5.0, 5.0)}))
    assert cane_toad.findings.runner.latest is latest


def test_what_if_shows_the_loss_without_changing_the_map(cane_toad):
    before = cane_toad.document.snapshot()
    menu = cane_toad.view.context_menu(_on_screen(cane_toad, "senior_trainer"))
    [action] = [a for a in menu.actions() if a.text() == "What if this were gone?"]
    action.trigger()
    dialog = cane_toad.findings.dialog
    assert dialog.isVisible()
    text = dialog.text()
    assert "What if “Senior trainer, regional training centre” were gone?" in text
    assert f"Health {score(cane_toad)}/100 → " in text
    assert "Cut off from your people (15)" in text
    assert "“Credit cards lecture”" in text
    assert "nothing on your map has changed" in text
    assert cane_toad.document.snapshot() == before
    dialog.close()


def _on_screen(window, node_id: str):
    item = window.scene.item_for_node[node_id]
    return window.view.mapFromScene(item.sceneBoundingRect().center())


def test_what_if_from_the_menu_needs_a_selected_node(cane_toad):
    cane_toad.commands["what_if"].trigger()
    assert "Select a piece on the map first" in cane_toad.statusBar().currentMessage()
    cane_toad.scene.item_for_node["senior_trainer"].setSelected(True)
    cane_toad.commands["what_if"].trigger()
    assert cane_toad.findings.dialog.result.removed[0].id == "senior_trainer"
    cane_toad.findings.dialog.close()


def test_the_analyze_menu_has_a_shortcut_for_every_command(window):
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Analyze")
    commands = [a for a in menu.actions() if not a.isSeparator()]
    assert len(commands) == 7  # with Compare… and Timeline…
    assert all(not a.shortcut().isEmpty() for a in commands)


def test_the_balance_charts_draw_in_the_category_colours(cane_toad):
    cane_toad.commands["show_balance"].trigger()
    balance = cane_toad.findings.balance
    assert balance.isVisible()
    _draw(balance)
    colours = {c.key: c.color for c in cane_toad.document.categories()}
    drawn = [bar.get_facecolor() for bar in balance.share_bars]
    assert drawn == [to_rgba(colours[key]) for key in
                     cane_toad.findings.runner.latest.analysis.balance.categories.parts]
    assert balance.caption.startswith("Evenness 0.73 — Content")
    assert balance.gauge.heading.text() == balance.caption


def _draw(balance) -> None:
    for chart in (balance.shares, balance.gauge, balance.degrees):
        chart.canvas.draw()


def test_the_connections_chart_counts_pieces_by_connections(cane_toad):
    cane_toad.commands["show_balance"].trigger()
    axes = cane_toad.findings.balance.degrees.figure.axes[0]
    heights = [bar.get_height() for bar in axes.patches]
    assert heights[0] == 1  # the unused mentoring pilot
    assert sum(heights) == 36


@pytest.mark.parametrize("theme", ["dark", "projector"])
def test_the_charts_follow_the_theme(cane_toad, theme):
    cane_toad.commands["show_balance"].trigger()
    light_height = cane_toad.findings.balance.degrees.canvas.height()
    cane_toad.set_theme(theme)
    balance = cane_toad.findings.balance
    _draw(balance)
    assert balance.shares.figure.get_facecolor() == to_rgba(cane_toad.scene.theme.canvas)
    if theme == "projector":
        assert balance.degrees.canvas.height() > light_height


def test_closing_the_map_empties_the_panels(cane_toad):
    cane_toad.close_map()
    assert cane_toad.findings.panel.message.text().startswith("Open or start a map")
    assert cane_toad.findings.runner.latest is None
