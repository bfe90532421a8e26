"""The health report a manager reads: its pages, its words, its pictures."""

from __future__ import annotations

import re
from datetime import date

import pytest

from app.analysis import analyze
from app.files import load_map
from app.report import Pictures, build_report, focus_nodes, html_page
from tests import pdf_reading
from tests.conftest import SAMPLES, make_map

LECTURE = SAMPLES / "lecture_cane_toad.json"
A4_PORTRAIT, A4_LANDSCAPE = (595.0, 842.0), (842.0, 595.0)


@pytest.fixture(scope="module")
def lecture():
    return load_map(LECTURE)


@pytest.fixture(scope="module")
def report_pdf(qapp, lecture) -> bytes:
    from ui.report_export import report_pdf_bytes

    return report_pdf_bytes(lecture)


def test_report_is_a4_pages_with_the_map_on_its_own_page(report_pdf):
    sizes = pdf_reading.page_sizes(report_pdf)
    assert pdf_reading.page_count(report_pdf) == len(sizes) >= 6
    assert sizes[0] == A4_PORTRAIT
    assert sizes[1] in (A4_PORTRAIT, A4_LANDSCAPE)  # the map: whichever suits its shape
    assert set(sizes[2:]) == {A4_PORTRAIT}


def test_title_page_tells_name_goals_score_and_deductions(report_pdf, lecture):
    text = pdf_reading.squeezed(pdf_reading.text(report_pdf))
    analysis = analyze(lecture)
    expected = [lecture.name, *lecture.goals, "Healthscore", f"{analysis.health.score}/100"]
    expected += [d.reason for d in analysis.health.deductions]
    for words in expected:
        assert pdf_reading.squeezed(words) in text, words


def test_every_finding_its_suggestion_and_every_node_are_in_the_report(report_pdf, lecture):
    text = pdf_reading.squeezed(pdf_reading.text(report_pdf))
    for finding in analyze(lecture).findings:
        assert pdf_reading.squeezed(finding.title) in text
        assert pdf_reading.squeezed(finding.suggestion) in text
    for node in lecture.nodes:
        assert pdf_reading.squeezed(node.label) in text, node.label


def test_balance_indices_are_explained_and_the_checks_described(report_pdf):
    text = pdf_reading.text(report_pdf)
    for words in ("Shannon diversity", "Pielou evenness", "Berger–Parker dominance",
                  "How the checks work", "single point of failure", "The health score"):
        assert pdf_reading.squeezed(words) in pdf_reading.squeezed(text), words


def test_findings_get_pictures_of_their_part_of_the_map(qapp, lecture):
    from ui.report_export import make_report

    report, _scene, _data = make_report(lecture, map_picture=False)
    with_nodes = [i for i, f in enumerate(analyze(lecture).findings) if f.nodes]
    pictures = [name for name in report.images if name.startswith("finding-")]
    assert len(pictures) == len(with_nodes)
    assert all(report.images[name].startswith(b"\x89PNG") for name in pictures)


def test_web_page_is_one_self_contained_file(qapp, tmp_path, lecture):
    from ui.report_export import export_report_html

    out = tmp_path / "report.html"
    export_report_html(lecture, out)
    page = out.read_text()
    sources = re.findall(r"src='([^']*)'", page)
    assert len(sources) >= 3 and all(s.startswith("data:image/png;base64,") for s in sources)
    assert lecture.name in page and "<table" in page


def test_report_content_needs_no_qt():
    data = make_map("reps:people deck:content lonely:content", "reps>deck", name="Tiny")
    report = build_report(data, analyze(data), Pictures(), today=date(2026, 9, 30))
    page = html_page(report)
    assert "Tiny" in page and "30 September 2026" in page
    assert "is not connected to anything" in page
    assert "<h2 class='chapter'>" not in report.body.split("</h2>")[0]  # no blank page first


def test_a_findings_picture_shows_its_neighbourhood_only():
    data = make_map("a:people b:content c:content d:process", "a>b b>c c>d")
    assert focus_nodes(data, ["b"]) == {"a", "b", "c"}
    assert focus_nodes(data, ["a", "d"], limit=2) == {"a", "d"}
