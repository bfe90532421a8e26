"""Exported maps as a manager receives them: real PNG, SVG and PDF files and what is in them."""

from __future__ import annotations

from pathlib import Path

import defusedxml.ElementTree as SafeET
import pytest
from PySide6.QtGui import QImage

from app.files import load_map
from tests import pdf_reading
from tests.conftest import SAMPLES, make_map
from ui import exporters
from ui.render import ExportOptions

SALES = SAMPLES / "sales_enablement.json"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def sales():
    return load_map(SALES)


@pytest.fixture(autouse=True)
def _app(qapp):
    exporters.ensure_application()


def colour_present(image: QImage, colour: str) -> bool:
    """Whether any pixel of ``image`` is exactly ``colour`` (a node's fill)."""
    rgb = image.convertToFormat(QImage.Format.Format_RGB32)
    raw = bytes(rgb.constBits())
    red, green, blue = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return bytes((blue, green, red, 0xFF)) in raw


def test_png_has_the_asked_size_and_every_category_colour(tmp_path, sales):
    out = tmp_path / "map.png"
    exporters.export_png(sales, out, size="1600x900")
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1600, 900)
    for category in sales.categories:
        assert colour_present(image, category.color), category.name


def test_png_on_paper_follows_the_dpi_and_the_maps_shape(tmp_path, sales):
    out = tmp_path / "map.png"
    exporters.export_png(sales, out, size="A4", dpi=100)
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1169, 827)  # landscape: the map is wide
    assert round(image.dotsPerMeterX() * 0.0254) == 100
    tall = make_map("a:people b:content c:process")
    tall = tall.with_positions({"a": (0, 0), "b": (0, 600), "c": (0, 1200)})
    exporters.export_png(tall, out, size="A4", dpi=100)
    assert QImage(str(out)).height() == 1169  # portrait for a tall map


def test_transparent_png_leaves_the_background_clear(tmp_path, sales):
    out = tmp_path / "map.png"
    exporters.export_png(sales, out, size="800x600", transparent=True)
    image = QImage(str(out))
    assert image.hasAlphaChannel()
    assert image.pixelColor(2, 2).alpha() == 0


def test_svg_keeps_every_label_and_the_title_as_text(tmp_path, sales):
    out = tmp_path / "map.svg"
    exporters.export_svg(sales, out)
    root = SafeET.parse(out).getroot()
    words = " ".join("".join(t.itertext()) for t in root.iter(f"{SVG}text"))
    squeezed = pdf_reading.squeezed(words)
    assert sales.name in words
    for node in sales.nodes:
        assert pdf_reading.squeezed(node.label) in squeezed, node.label
    for category in sales.categories:
        assert category.name in words  # the legend


def test_pdf_is_one_landscape_a4_page_with_the_labels_as_text(tmp_path, sales):
    out = tmp_path / "map.pdf"
    exporters.export_pdf(sales, out)
    pdf = out.read_bytes()
    assert pdf.startswith(b"%PDF")
    assert pdf_reading.page_count(pdf) == 1
    assert pdf_reading.page_sizes(pdf) == [(842.0, 595.0)]
    text = pdf_reading.squeezed(pdf_reading.text(pdf))
    named = [n for n in sales.nodes if pdf_reading.squeezed(n.label) in text]
    assert sales.name in pdf_reading.text(pdf) and len(named) >= 0.8 * len(sales.nodes)
    left_out = len(sales.nodes) - len(named)
    if left_out:  # the page says so, and where to find the rest
        assert pdf_reading.squeezed(f"{left_out} of {len(sales.nodes)} names left out") in text
        assert pdf_reading.squeezed("A3 shows more") in text


def test_names_on_a4_stay_readable_however_dense_the_map(tmp_path):
    """Fitted to A4 as drawn on the canvas, this map's names would be 3.6 pt: instead they stay
    at 7.5 pt, placed around their nodes where they fit, the rest left out."""
    hospital = load_map(Path(__file__).parent / "data" / "realistic"
                        / "hospital_clinical_onboarding.json")
    shown = {}
    for size in ("A4", "A3"):
        out = tmp_path / f"{size}.pdf"
        exporters.export_pdf(hospital, out, size=size)
        runs = pdf_reading.text_runs(out.read_bytes())[0]
        assert min(points for text, points in runs if text.strip()) >= 7.0, size
        text = pdf_reading.squeezed("".join(text for text, _points in runs))
        shown[size] = sum(pdf_reading.squeezed(n.label) in text for n in hospital.nodes)
    assert shown["A3"] >= shown["A4"] >= len(hospital.nodes) * 0.75


def test_a3_pdf_is_a3(tmp_path, sales):
    out = tmp_path / "map.pdf"
    exporters.export_pdf(sales, out, size="A3", theme="projector")
    assert pdf_reading.page_sizes(out.read_bytes()) == [(1191.0, 842.0)]


def test_no_title_and_no_legend_leave_only_the_map(tmp_path, sales):
    out = tmp_path / "map.svg"
    exporters.export_svg(sales, out, title=False, legend=False)
    words = " ".join("".join(t.itertext()) for t in SafeET.parse(out).getroot().iter(f"{SVG}text"))
    assert sales.name not in words and "Building blocks" not in words


def test_a_selection_exports_only_those_nodes(tmp_path, sales):
    out = tmp_path / "part.svg"
    chosen = [n for n in sales.nodes if n.category == "technology"][:2]
    exporters.export_svg(sales, out, selection=tuple(n.id for n in chosen))
    words = " ".join("".join(t.itertext()) for t in SafeET.parse(out).getroot().iter(f"{SVG}text"))
    assert all(pdf_reading.squeezed(n.label) in pdf_reading.squeezed(words) for n in chosen)
    assert "2 nodes" in words
    others = [n for n in sales.nodes if n.category == "people"]
    assert not any(n.label in words for n in others)
    assert "Technology" in words and "People" not in words  # the legend: only blocks shown


@pytest.mark.parametrize("theme", ["light", "dark", "projector"])
def test_every_theme_draws_its_own_canvas(tmp_path, sales, theme):
    from ui.theme import THEMES

    out = tmp_path / f"{theme}.png"
    exporters.export_png(sales, out, size="640x400", theme=theme)
    corner = QImage(str(out)).pixelColor(1, 1).name().upper()
    assert corner == THEMES[theme].canvas.upper()


def test_an_empty_map_still_exports_with_a_friendly_note(tmp_path):
    out = tmp_path / "empty.svg"
    exporters.export_svg(make_map(), out)
    assert "no nodes yet" in out.read_text()


def test_a_picture_too_large_is_refused_with_a_smaller_suggestion(tmp_path, sales):
    from app.errors import BadInput

    out = tmp_path / "huge.png"
    with pytest.raises(BadInput, match="too large.*smaller"):
        exporters.export_png(sales, out, size="A3", dpi=2400)
    assert list(tmp_path.iterdir()) == []


def test_the_options_are_checked():
    from app.errors import BadInput
    from ui.render import check_options

    with pytest.raises(BadInput, match="--size"):
        check_options(ExportOptions(size="huge"))
    with pytest.raises(BadInput, match="--theme"):
        check_options(ExportOptions(theme="neon"))


def test_export_is_drawn_by_the_canvas_items(sales):
    """One renderer: the export's scene holds the very items the window's canvas uses."""
    from ui.canvas.items import EdgeItem, NodeItem
    from ui.render import build_scene
    from ui.theme import LIGHT

    scene = build_scene(sales, LIGHT)
    assert all(isinstance(i, NodeItem) for i in scene.item_for_node.values())
    assert all(isinstance(i, EdgeItem) for i in scene.item_for_edge.values())
    assert len(scene.item_for_edge) == len(sales.edges)


def test_files_are_written_whole_or_not_at_all(tmp_path, sales, monkeypatch):
    out = tmp_path / "map.pdf"
    out.write_bytes(b"the old file")

    def broken(*_args):
        raise RuntimeError("drawing failed")

    monkeypatch.setattr(exporters, "draw_page", broken)
    with pytest.raises(RuntimeError):
        exporters.export_pdf(sales, out)
    assert out.read_bytes() == b"the old file"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.pdf"]


def test_sample_files_are_untouched(sales):
    assert Path(SALES).exists() and sales.nodes
