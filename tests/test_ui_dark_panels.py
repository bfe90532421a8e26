"""The panels, menus and status bar follow View ▸ Theme, not only the canvas: dark panels with
readable text, larger words on a projector, and back to light."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QImage, QPalette
from PySide6.QtWidgets import QLabel

from app.files import create_map, load_map
from tests.conftest import SAMPLES, shown_window
from ui.main import main
from ui.main_window import MainWindow
from ui.theme import DARK, LIGHT, contrast_ratio, dress_application, panel_palette

Role = QPalette.ColorRole
# (text, what it is drawn on): every pair a panel shows words in.
TEXT_ON = [(Role.WindowText, Role.Window), (Role.Text, Role.Base),
           (Role.Text, Role.AlternateBase), (Role.ButtonText, Role.Button),
           (Role.HighlightedText, Role.Highlight), (Role.ToolTipText, Role.ToolTipBase),
           (Role.PlaceholderText, Role.Base), (Role.Link, Role.Base), (Role.Link, Role.Window)]


@pytest.fixture
def window(qtbot, tmp_path: Path):
    path = create_map(tmp_path / "compliance.ecomap",
                      load_map(SAMPLES / "compliance_training.json"))
    win = shown_window(qtbot, (1400, 900))
    assert win.open_path(path)
    yield win
    win.close()
    dress_application(LIGHT)  # the application outlives this window: leave it as found


def panels(window):
    """A widget from each dock, the status bar and the menu bar, as a user sees them."""
    return {"blocks": window.blocks, "inspector": window.editor.inspector,
            "findings": window.findings.panel.list, "balance": window.findings.balance,
            "status": window.statusBar(), "menus": window.menuBar()}


def is_dark(widget) -> bool:
    palette = widget.palette()
    return (palette.color(Role.Window).lightness() < 80
            and palette.color(Role.WindowText).lightness() > 200)


def is_light(widget) -> bool:
    palette = widget.palette()
    return (palette.color(Role.Window).lightness() > 200
            and palette.color(Role.WindowText).lightness() < 80)


def dressed(qtbot, window, looks_right) -> None:
    """Wait for the new palette and font to reach every panel (Qt posts them on)."""
    qtbot.waitUntil(lambda: all(looks_right(w) for w in panels(window).values()))


def test_dark_theme_darkens_every_panel_and_light_brings_them_back(qtbot, window):
    window.commands["theme_dark"].trigger()
    dressed(qtbot, window, is_dark)
    # What is drawn, not only what the palette says: the Blocks list's background.
    picture = window.blocks.viewport().grab().toImage()
    assert picture.pixelColor(picture.width() - 3, picture.height() - 3).lightness() < 80
    window.commands["theme_light"].trigger()
    dressed(qtbot, window, is_light)
    picture = window.blocks.viewport().grab().toImage()
    assert picture.pixelColor(picture.width() - 3, picture.height() - 3).lightness() > 200


def test_dark_panel_text_reads_at_4_5_to_1_or_better(qtbot, window):
    window.commands["theme_dark"].trigger()
    dressed(qtbot, window, is_dark)
    palette = window.editor.inspector.palette()
    for text, ground in TEXT_ON:
        ratio = contrast_ratio(palette.color(text), palette.color(ground))
        assert ratio >= 4.5, (text, ground, round(ratio, 2))


def test_the_dark_palette_only_changes_the_roles_it_names(window):
    standard = window.style().standardPalette()
    dark = panel_palette(DARK, standard)
    assert dark.color(Role.Window).name().upper() == dict(DARK.panel_colors)["Window"]
    assert panel_palette(LIGHT, standard).color(Role.Window) == standard.color(Role.Window)


def test_projector_panels_use_larger_words(qtbot, window):
    window.commands["theme_projector"].trigger()
    dressed(qtbot, window, lambda w: is_light(w) and w.font().pixelSize() >= 18)
    window.commands["theme_light"].trigger()
    dressed(qtbot, window, lambda w: w.font().pixelSize() == LIGHT.panel_px)


def test_a_theme_remembered_from_last_time_lays_the_panels_out_in_its_size(qtbot, tmp_path):
    """Chosen before the window shows: wrapped sentences still get room for every line."""
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue("view/theme", "projector")
    win = MainWindow(settings, remember=False)
    qtbot.addWidget(win)
    win.resize(1024, 768)
    win.show()
    assert win.open_path(create_map(tmp_path / "m.ecomap",
                                    load_map(SAMPLES / "compliance_training.json")))
    page = win.editor.inspector.map_page.thresholds
    qtbot.waitUntil(lambda: page.font().pixelSize() == 18)
    sentences = [label for label in page.findChildren(QLabel) if label.wordWrap()]
    assert sentences and sentences[0].font().pixelSize() == 18
    for label in sentences:
        assert label.height() >= label.heightForWidth(label.width()), label.text()
    win.close()
    dress_application(LIGHT)


def test_a_dark_screenshot_has_dark_panels_and_status_bar(qapp, tmp_path):
    out = tmp_path / "dark.png"
    sample = str(SAMPLES / "compliance_training.json")
    try:
        assert main([sample, "--screenshot", str(out), "--size", "1024x768",
                     "--theme", "dark"]) == 0
    finally:
        dress_application(LIGHT)
    picture = QImage(str(out))
    status_bar, health_panel = picture.pixelColor(8, 760), picture.pixelColor(1000, 250)
    assert status_bar.lightness() < 80 and health_panel.lightness() < 80


@pytest.mark.parametrize("kind", ["tick box", "radio button"])
def test_an_unticked_box_can_be_seen_on_dark_panels(qtbot, kind):
    from PySide6.QtWidgets import QCheckBox, QRadioButton, QStyle, QStyleOptionButton

    dress_application(DARK)
    try:
        box = (QCheckBox if kind == "tick box" else QRadioButton)("Leave out the bad rows")
        qtbot.addWidget(box)
        box.resize(box.sizeHint())
        box.show()
        qtbot.waitExposed(box)
        image = box.grab().toImage()
        panel = box.palette().color(Role.Window)
        # the box itself, not its words: its rim must stand out from the panel as WCAG asks
        # of a control's edge (3:1)
        option = QStyleOptionButton()
        option.initFrom(box)
        element = (QStyle.SubElement.SE_CheckBoxIndicator if kind == "tick box"
                   else QStyle.SubElement.SE_RadioButtonIndicator)
        rect = box.style().subElementRect(element, option, box)
        best = max(contrast_ratio(image.pixelColor(x, y), panel)
                   for x in range(rect.left(), rect.right() + 1)
                   for y in range(rect.top(), rect.bottom() + 1))
        assert best >= 3.0
    finally:
        dress_application(LIGHT)
