"""The health report a manager reads in five minutes: real PDFs written and read back.

Page 1 says what matters, each finding stays whole on its page with its picture, nothing a
manager reads is an internal id, and every word is large enough to read on paper.
"""

from __future__ import annotations

import re
import threading
from datetime import date

import pytest

from app.analysis import analyze
from app.files import load_map
from app.report import Block, Table, build_report, focus_nodes, html_page
from tests import pdf_reading
from tests.conftest import SAMPLES, make_map

LECTURE = SAMPLES / "lecture_cane_toad.json"
A4_PORTRAIT = (595.0, 842.0)
SMALLEST_POINTS = 7.0


@pytest.fixture(scope="module")
def lecture():
    return load_map(LECTURE)


@pytest.fixture(scope="module")
def findings(lecture):
    return analyze(lecture).findings


@pytest.fixture(scope="module")
def report_pdf(qapp, lecture) -> bytes:
    from ui.report_export import report_pdf_bytes

    return report_pdf_bytes(lecture)


@pytest.fixture(scope="module")
def pages(report_pdf) -> list[str]:
    return [pdf_reading.squeezed(text) for text in pdf_reading.page_texts(report_pdf)]


def squeezed(words: str) -> str:
    return pdf_reading.squeezed(words)


def test_the_cane_toad_report_is_a_few_a4_pages(report_pdf, pages):
    assert 5 <= len(pages) <= 8
    assert set(pdf_reading.page_sizes(report_pdf)) == {A4_PORTRAIT}


def test_page_one_says_the_score_its_verdict_and_the_three_things_to_act_on(pages, lecture):
    analysis = analyze(lecture)
    first = pages[0]
    assert squeezed(lecture.name) in first
    assert squeezed(f"{analysis.health.score}/100") in first
    assert squeezed("An ecosystem that needs attention") in first
    assert squeezed("Act on these first") in first
    for finding in analysis.findings[:3]:
        assert squeezed(finding.title) in first and squeezed(finding.suggestion) in first
    assert squeezed(analysis.findings[3].title) not in first  # three, not all
    assert squeezed("The whole map") in first  # the picture's caption


def test_page_one_points_to_the_page_each_action_is_explained_on(pages, findings):
    refs = re.findall(r"detailsonpage(\d+)", pages[0])
    assert len(refs) == 3
    for finding, page in zip(findings, refs, strict=False):
        assert squeezed(finding.detail) in pages[int(page) - 1]


def test_each_finding_is_whole_on_one_page_with_its_picture(report_pdf, pages, lecture,
                                                            findings):
    streams = pdf_reading.pages(report_pdf)
    colours = {c.key: c.color for c in lecture.categories}
    nodes = {n.id: n for n in lecture.nodes}
    for finding in findings:
        parts = [finding.title, finding.detail, finding.suggestion]
        if finding.nodes:
            parts.append("Concerns:")
        holding = [i for i, text in enumerate(pages) if squeezed(finding.detail) in text]
        assert len(holding) == 1, finding.title
        page = holding[0]
        assert all(squeezed(part) in pages[page] for part in parts), finding.title
        if finding.nodes:  # its picture: shapes filled in the colours of its pieces' blocks
            colour = colours[nodes[finding.nodes[0].id].category]
            rgb = tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))
            assert rgb in pdf_reading.fill_colours(streams[page]), finding.title


def test_no_internal_id_is_shown_anywhere(report_pdf, lecture, findings):
    text = pdf_reading.text(report_pdf)
    words = " ".join([n.label for n in lecture.nodes] + [lecture.name, lecture.description,
                                                          *lecture.goals]
                     + [f.title + f.detail + f.suggestion for f in findings])
    for node in lecture.nodes:
        if node.id not in words:  # "tellers" is a word of a label; "deck_aml" is no word
            assert node.id not in text, node.id
    assert "senior_trainer" not in text and "deck_aml" not in text


def test_every_piece_is_named_in_the_appendix_and_the_checks_come_last(pages, lecture):
    appendix = "".join(pages[-2:])
    for node in lecture.nodes:
        assert squeezed(node.label) in appendix, node.label
    assert squeezed("How the checks work") in pages[-1]
    assert squeezed("single point of failure") in pages[-1]


def test_the_score_is_explained_with_the_goals_and_the_balance(report_pdf, lecture):
    text = squeezed(pdf_reading.text(report_pdf))
    analysis = analyze(lecture)
    for words in [*lecture.goals, *(d.reason for d in analysis.health.deductions),
                  "Shannon diversity", "Pielou evenness", "Berger–Parker dominance"]:
        assert squeezed(words) in text, words


def test_every_word_is_large_enough_to_read_on_paper(report_pdf):
    sizes = [size for runs in pdf_reading.text_runs(report_pdf) for text, size in runs
             if text.strip()]
    assert sizes and min(sizes) >= SMALLEST_POINTS


def test_the_report_is_drawn_whole_in_a_worker_thread(qapp, qtlog, lecture, report_pdf):
    """What the window does: nothing of it needs the GUI thread (no widget, no QPixmap)."""
    from ui.report_export import report_pdf_bytes

    made = []
    worker = threading.Thread(target=lambda: made.append(report_pdf_bytes(lecture)))
    worker.start()
    worker.join(timeout=120)
    assert made and pdf_reading.page_texts(made[0]) == pdf_reading.page_texts(report_pdf)
    warnings = [r.message for r in qtlog.records if "thread" in r.message.lower()
                or "pixmap" in r.message.lower()]
    assert warnings == []


def test_pictures_number_what_they_cannot_name_as_the_appendix_does(qapp, lecture):
    from PySide6.QtCore import QRectF

    from ui.paper_labels import plan_names
    from ui.render import build_scene, fitted
    from ui.report_export import ReportDraft
    from ui.theme import LIGHT

    draft = ReportDraft(lecture)
    draft.check()
    draft.compose()
    numbers = draft.report.numbers
    table = next(b for b in draft.report.blocks if isinstance(b, Table))
    assert [row[1] for row in table.rows] == [
        n.label for n in sorted(lecture.nodes, key=lambda n: numbers[n.id])]
    scene = build_scene(lecture, LIGHT, paper=True)
    area = QRectF(0, 0, 300, 200)  # far too small to name 36 pieces
    plan = plan_names(scene, scene.map_rect(), fitted(scene.map_rect(), area), area,
                      numbers=numbers)
    assert plan.numbered > 0 and plan.named + plan.numbered <= plan.nodes
    shown = {p.node_id: p.layout.lines for p in plan.placed}
    assert len(shown) == plan.named + plan.numbered


def test_web_page_is_one_self_contained_file_without_ids(qapp, tmp_path, lecture):
    from ui.report_export import export_report_html

    out = tmp_path / "report.html"
    export_report_html(lecture, out)
    page = out.read_text()
    sources = re.findall(r"src='([^']*)'", page)
    assert len(sources) >= 4 and all(s.startswith("data:image/png;base64,") for s in sources)
    assert lecture.name in page and "<table" in page
    assert "href='#finding-1'" in page and "id='finding-1'" in page
    assert "senior_trainer" not in page and "deck_aml" not in page


def test_report_content_needs_no_qt():
    data = make_map("reps:people deck:content lonely:content", "reps>deck", name="Tiny")
    report = build_report(data, analyze(data), today=date(2026, 9, 30))
    page = html_page(report, {})
    assert "Tiny" in page and "30 September 2026" in page
    assert "is not connected to anything" in page
    summary = report.blocks[0]
    assert isinstance(summary, Block) and summary.picture is not None
    found = len(report.blocks) - 5  # the summary, score, balance and two appendices
    assert ("Act on this first" if found == 1 else "Act on these first") in summary.html


def test_a_findings_picture_shows_its_neighbourhood_only():
    data = make_map("a:people b:content c:content d:process", "a>b b>c c>d")
    assert focus_nodes(data, ["b"]) == {"a", "b", "c"}
    assert focus_nodes(data, ["a", "d"], limit=2) == {"a", "d"}


def test_a_dense_map_is_pictured_as_one_image_under_names_kept_as_text(qapp, lecture,
                                                                        monkeypatch):
    """On a map of thousands of pieces each picture's shapes and lines are one image (a small
    PDF, no long pause to compress it); the names stay text, and as large."""
    from ui import report_pictures
    from ui.report_export import report_pdf_bytes

    monkeypatch.setattr(report_pictures, "DENSE", 10)
    monkeypatch.setattr(report_pictures, "CONTEXT_LIMIT", 10)
    pdf = report_pdf_bytes(lecture)
    assert b"/Subtype /Image" in pdf
    first = pdf_reading.text_runs(pdf)[0]
    assert squeezed("Senior trainer") in squeezed("".join(text for text, _ in first))
    assert min(size for text, size in first if text.strip()) >= SMALLEST_POINTS


def test_a_map_being_started_gets_no_score_to_be_discouraged_by():
    started = make_map("reps:people course:content")  # nothing connected yet
    report = build_report(started, analyze(started))
    first = " ".join(b.html for b in report.blocks[:3] if hasattr(b, "html"))
    assert "Not enough to judge yet" in first and "/&nbsp;100" not in first
