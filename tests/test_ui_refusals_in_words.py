"""A refusal in the window names the piece and suggests what was meant; it never shows a place
in a file such as ``nodes[0].category``. The command line keeps saying where in the file."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.domain import Node
from app.errors import BadInput
from app.files import create_map
from app.interchange import loads
from app.ops import AddNodes, UpdateMap
from tests.conftest import make_map, open_window
from ui.main_window import MainWindow
from ui.settings import app_settings
from ui.ways_back import WaysBackDialog
from ui.wording import in_words

FIELD_PATH = re.compile(r"\b(nodes|edges|categories|snapshots)\[\d+\]|\b(node|connection) \"")
TYPO_IN_WORDS = ('Classroom workshops: "procces" is not a building block of this map — '
                 'did you mean Processes?')


def a_map(**change) -> dict:
    document = {"format": "ecomap", "version": 1, "name": "Branch training",
                "nodes": [{"id": "reps", "label": "Branch tellers", "category": "people"},
                          {"id": "ws", "label": "Classroom workshops", "category": "process"}],
                "edges": [{"source": "reps", "target": "ws"}]}
    for key, value in change.items():
        document[key] = value
    return document


def refusal(document: dict) -> BadInput:
    with pytest.raises(BadInput) as caught:
        loads(json.dumps(document))
    return caught.value


def with_node(field: str, value) -> dict:
    document = a_map()
    document["nodes"][1][field] = value
    return document


def test_a_mistyped_block_is_named_with_its_piece_and_the_block_meant():
    error = refusal(with_node("category", "procces"))
    assert in_words(error) == TYPO_IN_WORDS
    assert str(error) == ('nodes[1].category: "procces" is not a category of this map — '
                          'did you mean "process"?')  # the command line: where, and the key


def test_a_block_nothing_like_any_other_gets_no_guess():
    error = refusal(with_node("category", "zebra"))
    assert in_words(error) == 'Classroom workshops: "zebra" is not a building block of this map'


def test_a_block_named_rather_than_keyed_is_matched_by_its_name():
    error = refusal(with_node("category", "Proceses"))
    assert in_words(error).endswith("did you mean Processes?")


@pytest.mark.parametrize(("document", "words"), [
    (with_node("label", "x" * 500),
     "“" + "x" * 40 + "…”: the label is 500 characters long; the most is 200"),
    (with_node("label", ""), "A piece without a label: the label must not be empty"),
    (with_node("reach", -3), "Classroom workshops: the reach should be a whole number"),
    (with_node("tags", [""]), "Classroom workshops: a tag must not be empty"),
    (a_map(edges=[{"source": "reps", "target": "gone"}]),
     'A connection from Branch tellers: "gone" is not a piece of this map'),
    (a_map(edges=[{"source": "reps", "target": "ws", "strength": 9}]),
     "The connection from Branch tellers to Classroom workshops: the strength should be"),
    (a_map(name="N" * 201), "The map's name is 201 characters long; the most is 200"),
    (a_map(categories=[{"key": "people", "color": "orange"}]),
     'The building block People: "orange" is not a colour'),
    (a_map(settings={"thresholds": {"kind_share": 7}}), "The check threshold “kind_share”"),
])
def test_every_refusal_of_a_map_names_its_piece_in_words(document, words):
    said = in_words(refusal(document))
    assert said.startswith(words)
    assert not FIELD_PATH.search(said) and ".label" not in said and ".category" not in said


def test_messages_that_are_not_about_a_place_in_a_map_are_left_as_they_are():
    error = BadInput("cannot write there (permission denied)", "/home/lee/maps/out.pdf")
    assert in_words(error) == str(error)
    assert in_words(ValueError("plain")) == "plain"


# --- in the window ---------------------------------------------------------------------------


@pytest.fixture
def window(qtbot, tmp_path: Path):
    path = create_map(tmp_path / "one.ecomap", make_map("reps:people", at={"reps": (0, 0)}))
    win = open_window(qtbot, path)
    yield win
    win.close()


def test_pasting_a_piece_of_a_mistyped_block_says_which_and_what_was_meant(window):
    fragment = {"format": "ecomap", "version": 1, "name": "Pasted",
                "categories": [{"key": "process", "name": "Processes"}],
                "nodes": [{"id": "w", "label": "Classroom workshops", "category": "procces"}]}
    QApplication.clipboard().setText(json.dumps(fragment))
    window.view.setFocus()
    QTest.keyClick(window.view.viewport(), Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    said = window.statusBar().currentMessage()
    assert said == f"Not changed: {TYPO_IN_WORDS}"
    assert len(window.document.nodes()) == 1


def test_an_edit_the_map_refuses_names_the_piece(window):
    too_long = Node("n9", "y" * 300, "people")
    assert not window.editor.run(AddNodes((too_long,)), "Add")
    said = window.statusBar().currentMessage()
    assert said.startswith("Not changed: “yyyy") and "the label is 300 characters long" in said
    assert not FIELD_PATH.search(said)
    assert not window.editor.run(UpdateMap({"name": "M" * 250}), "Rename")
    assert window.statusBar().currentMessage() == (
        "Not changed: The map's name is 250 characters long; the most is 200")


def test_opening_a_json_map_with_a_typo_says_which_piece(qtbot, tmp_path: Path):
    source = tmp_path / "branch.json"
    source.write_text(json.dumps(with_node("category", "procces")))
    window = MainWindow(app_settings(), remember=False)
    qtbot.addWidget(window)
    assert window.open_from_command_line(source) is False
    box = window.findChild(WaysBackDialog, "could-not-open")
    assert box is not None and box.message.text() == TYPO_IN_WORDS
    box.close()
