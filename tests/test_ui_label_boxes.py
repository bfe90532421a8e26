"""The label boxes layouts keep apart (``app.label_boxes``, worked out without Qt) are the boxes
the canvas really draws, in every theme, for every label of the sample and realistic maps."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.domain import SHAPES
from app.label_boxes import LabelStyle, label_box, node_box, wrap
from ui.canvas.items import LABEL_GAP
from ui.canvas.labels import layout_label
from ui.canvas.shapes import shape_bottom, shape_path
from ui.theme import LIGHT, THEMES, load_fonts

REPO = Path(__file__).resolve().parents[1]
MAPS = sorted((REPO / "sample_maps").glob("*.json")) + sorted(
    p for folder in ("realistic", "layouts") for p in (REPO / "tests" / "data" / folder).glob("*.json")
    if not p.name.endswith(".expect.json"))
AWKWARD = ["Onboarding", "A", "Überblick: Führungskräfte-Entwicklung (Stufe 2)",
           "Supercalifragilisticexpialidocious-induction-programme-for-all-new-starters",
           "Health & safety / fire marshals – level 3", "W" * 40, "iiiiiiiiiiiiiiiiiiiiiiiii",
           "Learning management system (LMS) for the whole of the northern region, 2026–2028",
           "x " * 120]
LABELS = sorted({n["label"] for path in MAPS for n in json.loads(path.read_text())["nodes"]}
                | set(AWKWARD))


@pytest.fixture(scope="module")
def fonts(qapp):
    load_fonts()


def test_the_default_sizes_are_the_light_themes():
    assert LIGHT.label_style() == LabelStyle()


@pytest.mark.parametrize("theme", THEMES.values(), ids=lambda t: t.key)
def test_estimated_labels_wrap_as_drawn_and_are_as_wide(fonts, theme):
    style = theme.label_style()
    wrong = []
    for text in LABELS:
        drawn = layout_label(text, theme)
        guess = label_box(text, style)
        lines = wrap(text, style)
        lines_match = len(lines) == len(drawn.lines)
        cut_short = lines[-1].endswith("…")  # taken as filling the width: up to a letter more
        width_close = -1.0 <= guess.width - drawn.box.width() <= (
            theme.label_px if cut_short else 4.0)
        height_close = abs(guess.height - drawn.box.height()) <= 1.0
        if not (lines_match and width_close and height_close):
            wrong.append((text, guess.width, drawn.box.width(), guess.height,
                          drawn.box.height()))
    assert len(wrong) <= len(LABELS) // 50, wrong[:5]  # a label or two in fifty may differ


@pytest.mark.parametrize("theme", THEMES.values(), ids=lambda t: t.key)
def test_the_estimated_node_box_holds_what_is_drawn_of_every_shape(fonts, theme):
    style = theme.label_style()
    half = theme.node_size / 2
    for shape in SHAPES:
        for text in ("Team leads", LABELS[len(LABELS) // 2], "x " * 120):
            drawn = layout_label(text, theme).box.translated(0, shape_bottom(shape) * half
                                                             + LABEL_GAP)
            everything = drawn.united(shape_path(shape, half).boundingRect())
            guess = node_box(text, style)
            assert guess.left <= everything.left() + 1 and guess.right >= everything.right() - 1
            assert guess.top <= everything.top() + 1, shape
            assert guess.bottom >= everything.bottom() - 1, shape
            assert guess.bottom - everything.bottom() <= 0.25 * theme.node_size, shape


def measured_font_tables() -> dict[str, str | int]:
    """The shipped font's advance widths and kerning as ``app.font_metrics`` holds them."""
    from PySide6.QtGui import QFontMetricsF

    from ui.theme import font

    tables: dict[str, str | int] = {}
    for bold, name in ((False, "REGULAR"), (True, "BOLD")):
        metrics = QFontMetricsF(font(100, bold))
        width = {c: metrics.horizontalAdvance(c) for c in ASCII}
        tables[f"{name}_WIDTHS"] = " ".join(str(round(width[c] * 10)) for c in ASCII)
        pairs = []
        for a in ASCII.strip():
            for b in ASCII.strip():
                kern = metrics.horizontalAdvance(a + b) - width[a] - width[b]
                if abs(kern) >= 0.5 and '"' not in a + b and "\\" not in a + b:
                    pairs.append(f"{a}{b}{round(kern * 10)}")
        tables[f"{name}_KERNING"] = " ".join(pairs)
        tables[f"{name}_ELLIPSIS"] = round(metrics.horizontalAdvance("…") * 10)
    return tables


ASCII = "".join(chr(c) for c in range(32, 127))


def test_the_font_tables_are_the_shipped_fonts(fonts):
    from app import font_metrics

    for name, value in measured_font_tables().items():
        assert getattr(font_metrics, name) == value, f"{name}: run python -m {__name__}"


if __name__ == "__main__":  # print app/font_metrics.py afresh, measured from the font
    import os
    import textwrap

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    application = QApplication([])
    load_fonts()
    print(textwrap.dedent('''\
        """Advance widths and kerning of the shipped font (Atkinson Hyperlegible), in thousandths
        of its pixel size: what ``app.label_boxes`` adds up to know how wide a label is drawn.

        Measured with Qt: ``python -m tests.test_ui_label_boxes > app/font_metrics.py`` writes
        this module afresh, and a test there holds it to the font.
        """
        '''))
    for name, value in measured_font_tables().items():
        if isinstance(value, int):
            print(f"{name} = {value}")
            continue
        lines = textwrap.wrap(value, 88)
        print(f"{name} = (")
        print("\n".join(f'    "{line} "' for line in lines[:-1]))
        print(f'    "{lines[-1]}")')
