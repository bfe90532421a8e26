"""``ecomap slides``: the findings walk as a 16:9 PDF deck, as a facilitator makes and reads it;
and the saved views and label size a map keeps in its settings."""

from __future__ import annotations

import pytest

from app.analysis import analyze
from app.domain import check_settings
from app.errors import BadInput
from app.files import load_map
from app.views import View, check_views, shown_by
from tests.conftest import SAMPLES, make_map
from tests.pdf_reading import page_count, page_sizes, page_texts, squeezed
from tests.test_architecture import loaded_by
from tests.test_cli import ecomap, small_map, write

CANE_TOAD = SAMPLES / "lecture_cane_toad.json"


def test_the_deck_has_title_map_each_finding_balance_and_score(tmp_path):
    result = ecomap("slides", CANE_TOAD, "deck.pdf", "--theme", "dark", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    pdf = (tmp_path / "deck.pdf").read_bytes()
    findings = analyze(load_map(CANE_TOAD)).findings
    assert page_count(pdf) == 2 + len(findings) + 2 == 9
    width, height = page_sizes(pdf)[0]
    assert abs(width / height - 16 / 9) < 0.01
    texts = [squeezed(t) for t in page_texts(pdf)]  # vector text, as a reader searches it
    assert squeezed("Northwind Bank branch training") in texts[0]
    assert squeezed("The map") in texts[1] and squeezed("Building blocks") in texts[1]
    for finding, page in zip(findings, texts[2:], strict=False):
        assert squeezed(finding.title) in page
        assert squeezed(finding.suggestion) in page
    assert squeezed("Share of the nodes") in texts[-2]  # the chart's words are text too
    assert squeezed("42") in texts[-1] and squeezed("Health score") in texts[-1]


def test_a_bad_map_is_bad_input_and_leaves_no_deck(tmp_path):
    write(tmp_path / "m.json", small_map(nodes=[{"id": "x", "label": "X", "category": "nope"}]))
    result = ecomap("slides", "m.json", "deck.pdf", cwd=tmp_path)
    assert result.returncode == 2 and "nope" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "deck.pdf").exists()


def test_an_unwritable_place_or_another_format_is_said_plainly(tmp_path):
    write(tmp_path / "m.json", small_map())
    result = ecomap("slides", "m.json", "no/such/folder/deck.pdf", cwd=tmp_path)
    assert result.returncode == 2 and "folder" in result.stderr
    result = ecomap("slides", "m.json", "deck.pptx", cwd=tmp_path)
    assert result.returncode == 2 and ".pdf" in result.stderr
    assert "Traceback" not in result.stderr


def test_asking_about_slides_loads_no_heavy_library(tmp_path):
    assert loaded_by([["slides", "--help"]]) == "[]"
    result = ecomap("slides", "--help", cwd=tmp_path)
    assert result.returncode == 0 and "usage: ecomap slides" in result.stdout


def test_slides_is_not_offered_as_a_map_format(tmp_path):
    write(tmp_path / "m.json", small_map())
    result = ecomap("export", "m.json", "m.docx", cwd=tmp_path)
    assert "slides" not in result.stderr


# --- what a map keeps: views and the label size ------------------------------------------------


def test_views_are_checked_like_every_setting():
    view = View("Around the LMS", categories=("people",), focus="lms", depth=2,
                centre=(10.0, -5.0), size=(800.0, 450.0))
    assert check_views([view.as_setting()]) == [view]
    assert check_settings({"views": [view.as_setting()], "label_scale": 1.5})
    with pytest.raises(BadInput, match=r"settings.views\[0\].name"):
        check_settings({"views": [{"filter": {}}]})
    with pytest.raises(BadInput, match=r"settings.views\[0\].focus.depth"):
        check_settings({"views": [{"name": "x", "focus": {"node": "a", "depth": 9}}]})
    with pytest.raises(BadInput, match="settings.label_scale"):
        check_settings({"label_scale": 40})


def test_a_view_fades_what_its_filter_and_focus_leave_out():
    data = make_map("reps:people mentor:people deck:content lms:process",
                    "reps>deck mentor>reps deck>lms")
    assert shown_by(data, View("all")) is None
    assert shown_by(data, View("people", categories=("people",))) == {"reps", "mentor"}
    assert shown_by(data, View("round deck", focus="deck")) == {"deck", "reps", "lms"}
    assert shown_by(data, View("people round deck", categories=("people",),
                               focus="deck")) == {"reps"}
    assert shown_by(data, View("gone", focus="nobody")) is None
