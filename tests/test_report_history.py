"""The report's "What changed since …" section: there when the map keeps snapshots, against the
latest or the one chosen with --since, with the diff picture; absent without snapshots."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from app.analysis import analyze
from app.cli import main as ecomap
from app.domain import Edge, Node
from app.files import create_map, laid_out, load_map
from app.history import snapshots
from app.report import build_report
from app.report.history import DIFF_PICTURE
from tests import pdf_reading
from tests.conftest import SAMPLES


@pytest.fixture(scope="module")
def history():
    data = laid_out(load_map(SAMPLES / "workshop_starter.json"))
    q1 = snapshots.take(data, "Q1 review", "the first workshop",
                        datetime(2026, 3, 31, 17, tzinfo=UTC))
    first = data.nodes[0]
    grown = replace(data, nodes=(*data.nodes, Node("podcast", "Leadership podcast", "content",
                                                   "Podcast", x=first.x, y=first.y + 300)),
                    edges=(*data.edges, Edge("pod_edge", first.id, "podcast", "uses")))
    q2 = snapshots.take(replace(grown, snapshots=(q1,)), "Q2 review",
                        when=datetime(2026, 6, 30, 17, tzinfo=UTC))
    gone = replace(grown, nodes=grown.nodes[1:],
                   edges=tuple(e for e in grown.edges if first.id not in (e.source, e.target)))
    return replace(gone, snapshots=(q1, q2))


def section(report) -> str:
    return next((b.html for b in report.blocks if "<h2>What changed since" in getattr(b, "html", "")),
                "")


def test_the_report_says_what_changed_since_the_latest_snapshot(history):
    report = build_report(history, analyze(history))
    html = section(report)
    assert "What changed since “Q2 review” (30 June 2026)" in html
    assert f"− {history.snapshots[0].nodes[0]['label']}" in html
    assert "+ Leadership podcast" not in html  # added before Q2: not a change since then
    assert f"src='{DIFF_PICTURE}'" in html
    assert report.images[DIFF_PICTURE].startswith(b"\x89PNG")


def test_since_chooses_the_snapshot_and_its_note_is_shown(history):
    html = section(build_report(history, analyze(history), since="Q1 review"))
    assert "What changed since “Q1 review” (31 March 2026)" in html
    assert "the first workshop" in html and "+ Leadership podcast" in html
    assert "Health " in html and "Building blocks before → after" in html


def test_a_map_without_snapshots_has_no_such_section(history):
    plain = replace(history, snapshots=())
    report = build_report(plain, analyze(plain))
    assert section(report) == "" and DIFF_PICTURE not in report.images


def test_ecomap_report_since_writes_the_section_and_refuses_an_unknown_name(
        qapp, history, tmp_path, capsys):
    path = create_map(tmp_path / "h.ecomap", history)
    out = tmp_path / "report.pdf"
    assert ecomap(["report", str(path), str(out), "--since", "q1 review"]) == 0
    words = pdf_reading.text(out.read_bytes())
    assert "What changed since" in words and "Q1 review" in words
    missing = tmp_path / "never.pdf"
    assert ecomap(["report", str(path), str(missing), "--since", "Q9"]) == 2
    err = capsys.readouterr().err
    assert "no snapshot called \"Q9\"" in err and "“Q1 review”, “Q2 review”" in err
    assert not missing.exists()


def test_a_snapshot_that_cannot_be_read_is_said_and_the_report_stands(history):
    broken = replace(history.snapshots[1], nodes=({"id": "x", "label": "X",
                                                    "category": "nowhere"},))
    data = replace(history, snapshots=(history.snapshots[0], broken))
    report = build_report(data, analyze(data))
    html = section(report)
    assert "This cannot be said" in html and "cannot be read as a map" in html
    assert DIFF_PICTURE not in report.images


def test_the_web_page_report_embeds_the_diff_picture(qapp, history, tmp_path):
    from ui.report_export import export_report_html

    out = tmp_path / "report.html"
    export_report_html(history, out)
    page = out.read_text(encoding="utf-8")
    assert "<h2>What changed since “Q2 review”" in page
    assert f"src='{DIFF_PICTURE}'" not in page  # replaced by the picture itself
    assert page.count("data:image/png;base64,") >= 3


def test_just_after_a_review_the_section_tells_the_quarter_before(history):
    q2 = snapshots.named(history, "Q2 review")
    as_at_q2 = replace(snapshots.map_at(history, q2), snapshots=history.snapshots, as_of=None)
    data = laid_out(as_at_q2)  # the map exactly as the Q2 review kept it
    text = section(build_report(data, analyze(data)))
    assert "What changed since “Q1 review”" in text
    assert "Leadership podcast" in text
