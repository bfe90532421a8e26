"""Reading what people bring: Kumu-shaped spreadsheets, Gephi tables and Kumu projects, in the
encodings and separators their programs save, each problem named by file, row and column.
The files are in tests/data/import (README.md there says where each shape comes from)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.errors import BadInput
from app.interchange import workbooks
from app.interchange.records import Imported
from app.interchange.sources import read_source

DATA = Path(__file__).resolve().parent / "data" / "import"


def read(name: str) -> Imported:
    return read_source(DATA / name)


@pytest.fixture(params=["calamine", "openpyxl"])
def reader(request, monkeypatch):
    """Each workbook test runs with both readers: python-calamine, and openpyxl without it."""
    monkeypatch.setattr(workbooks, "READER", request.param)
    return request.param


def labels(imported: Imported) -> list[str]:
    return [e.label for e in imported.elements]


def element(imported: Imported, label: str):
    return next(e for e in imported.elements if e.label == label)


# --- Kumu's spreadsheet shape ------------------------------------------------------------------


def test_a_kumu_workbook_is_read_sheet_by_sheet_by_its_headers(reader):
    found = read("catalogue.xlsx")
    assert len(found.elements) == 10 and "Sales onboarding" in labels(found)
    onboarding = element(found, "Sales onboarding")
    assert onboarding.type == "E-learning course"
    assert onboarding.tags == ("sales", "onboarding")
    assert onboarding.description == "Two weeks online, then a day in class"
    assert onboarding.where == "catalogue.xlsx, sheet “Elements”, row 4"
    assert found.typed and found.name == "catalogue"


def test_a_formula_cell_is_read_as_the_value_the_spreadsheet_worked_out(reader):
    onboarding = element(read("catalogue.xlsx"), "Sales onboarding")
    assert onboarding.attributes["Hours"] == 12  # the cell holds =SUM(6,6)


def test_other_columns_are_kept_as_attributes_by_their_header(reader):
    videos = element(read("catalogue.xlsx"), "Product videos")
    assert videos.attributes == {"Owner": "Marketing", "Hours": 3.5}


def test_a_sheet_marked_ignore_and_a_sheet_of_notes_are_left_out_and_said_so(reader):
    found = read("catalogue.xlsx")
    assert "Retired course" not in labels(found)
    assert any("“Last year (ignore)” was skipped" in note for note in found.notes)
    assert any("“Read me” was not read" in note for note in found.notes)


def test_to_with_several_elements_makes_one_connection_to_each(reader):
    found = read("catalogue.xlsx")
    from_reps = [(c.target, c.type, c.strength) for c in found.connections
                 if c.source == "New sales reps"]
    assert from_reps == [("Sales onboarding", "uses", 4), ("Product videos", "uses", 4),
                         ("Pricing cheat sheet", "uses", 4)]


def test_directions_are_read_and_mutual_is_said_to_become_two_way(reader):
    found = read("catalogue.xlsx")
    direction = {(c.source, c.target): c.directed for c in found.connections}
    assert direction[("Regional managers", "New sales reps")] is True
    assert direction[("Deal desk mentoring", "New sales reps")] is False  # mutual
    assert direction[("Quarterly skills survey", "Regional managers")] is False
    assert direction[("Learning policy", "Sales onboarding")] is None  # not said: the default
    assert "1 mutual connection became a two-way connection (drawn without arrows)" in found.notes


def test_two_blank_rows_start_a_new_block_with_its_own_header(reader):
    found = read("one_sheet_blocks.xlsx")
    assert labels(found) == ["Induction day", "Buddy scheme", "Safety videos"]
    assert [(c.source, c.target) for c in found.connections] == [
        ("Buddy scheme", "Induction day"), ("Buddy scheme", "Safety videos")]


def test_a_csv_pair_as_ecomap_writes_it_is_read_together():
    found = read("catalogue-elements.csv")
    assert len(found.elements) == 10 and len(found.connections) == 9
    assert found.name == "catalogue"
    assert any("catalogue-connections.csv beside it was read too" in n for n in found.notes)
    assert element(found, "Product videos").attributes == {"Owner": "Marketing", "Hours": 3.5}


@pytest.mark.parametrize(("name", "encoding", "separator"), [
    ("mentors.csv", "UTF-8", "commas"),
    ("mentors_utf8_bom_semicolon.csv", "UTF-8 with a byte-order mark", "semicolons"),
    ("mentors_cp1252_semicolon.csv", "Windows (cp1252)", "semicolons"),
    ("mentors_utf16_tab.csv", "UTF-16", "tabs"),
    ("mentors_utf16le_no_mark.csv", "UTF-16", "tabs"),
])
def test_each_encoding_and_separator_is_found_and_named(name, encoding, separator):
    found = read(name)
    assert labels(found) == ["Zoë Müller", "José Peña", "Björn Ødegård"]
    assert element(found, "Zoë Müller").description == "Coaches new managers — “first 90 days”"
    assert element(found, "Björn Ødegård").attributes == {"Région": "Tromsø"}
    assert f"{name} was read as text in {encoding}, with columns separated by {separator}" \
        in found.notes


def test_a_cell_saved_in_another_encoding_is_named_and_its_row_left_out():
    found = read("mentors_mixed_encoding.csv")
    assert labels(found) == ["Zoë Müller", "Björn Ødegård"]
    [problem] = found.problems
    assert str(problem).startswith("mentors_mixed_encoding.csv, row 3, column Région: “M�laga” "
                                   "holds a character saved in another encoding")


def test_a_small_utf8_file_with_one_pasted_cell_is_still_read_as_utf8(tmp_path):
    """One accented UTF-8 cell and one cp1252 cell: as many of each, so the proportion cannot
    tell; "é" written in UTF-8 ("Ã©" in cp1252) can."""
    pasted = tmp_path / "mentors.csv"
    pasted.write_bytes("Label,Type\nCafé crème,Mentor\n".encode()
                      + "Zoë,Course\n".encode("cp1252"))
    found = read_source(pasted)
    assert "mentors.csv was read as text in UTF-8, with columns separated by commas" \
        in found.notes
    assert labels(found) == ["Café crème"]
    [problem] = found.problems
    assert str(problem).startswith("mentors.csv, row 3, column Label: “Zo�” holds a character "
                                   "saved in another encoding")


def test_a_cp1252_file_is_not_taken_for_utf8_by_an_accent_before_a_quote(tmp_path):
    windows = tmp_path / "mentors.csv"
    windows.write_bytes("Label;Description\nCafé’s team;naïve – “first” steps\n"
                        "SÃO PAULO;Ação\n".encode("cp1252"))
    found = read_source(windows)
    assert "read as text in Windows (cp1252), with columns separated by semicolons" \
        in "\n".join(found.notes)
    assert labels(found) == ["Café’s team", "SÃO PAULO"]
    assert found.problems == ()


# --- Gephi's data laboratory ---------------------------------------------------------------------


def test_gephi_nodes_keep_their_ids_and_an_empty_label_takes_the_id():
    found = read("gephi-nodes.csv")
    assert [(e.id, e.label) for e in found.elements][:4] == [
        ("1", "New sales reps"), ("2", "Sales onboarding"), ("3", "Regional managers"),
        ("4", "4")]
    assert element(found, "Coaching circle").attributes == {"Modularity Class": 2}
    assert any("had no label, so its ID is used" in note for note in found.notes)


def test_gephi_edges_read_type_as_direction_and_weights_as_strengths():
    found = read("gephi-edges.csv")
    assert [(c.source, c.target, c.directed, c.strength, c.type) for c in found.connections] == [
        ("1", "2", True, 2, None), ("3", "1", True, 5, None), ("5", "1", False, 1, None),
        ("4", "5", True, 3, None)]
    assert "Weights from 0.5 to 8 became strengths 1 to 5" in found.notes


# --- Kumu's JSON -----------------------------------------------------------------------------


def test_a_kumu_blueprint_is_read_with_labels_as_the_ends_of_connections():
    found = read("kumu_blueprint.json")
    assert labels(found) == ["New sales reps", "Sales onboarding", "Coaching circle",
                             "Workday Learning"]
    assert element(found, "Coaching circle").tags == ("informal", "peer")
    assert element(found, "Sales onboarding").attributes == {"Owner": "L&D"}
    assert [(c.source, c.target, c.directed) for c in found.connections][1] == (
        "Coaching circle", "New sales reps", False)
    assert found.connections[2].strength == 2


def test_a_kumu_export_keeps_its_ids_attributes_and_the_map_positions():
    found = read("kumu_export.json")
    reps = element(found, "New sales reps")
    assert (reps.id, reps.type, reps.x, reps.y) == ("elem-8LwX2qT1", "Learner group", -240.5, 80)
    assert reps.attributes == {"headcount": 120}
    assert element(found, "Deal desk mentoring").attributes == {"languages": "English | German"}
    assert found.name == "Sales learning ecosystem"
    first = found.connections[0]
    assert (first.id, first.source, first.type, first.strength) == (
        "conn-A1b2C3d4", "elem-8LwX2qT1", "uses", 4)


def test_a_json_file_that_is_neither_ecomap_nor_kumu_is_refused_in_words(tmp_path):
    odd = tmp_path / "odd.json"
    odd.write_text('{"pieces": []}')
    with pytest.raises(BadInput, match="neither an Ecomap map .* nor a Kumu project"):
        read_source(odd)


def test_a_file_that_is_not_a_workbook_is_refused_in_words(tmp_path, reader):
    fake = tmp_path / "catalogue.xlsx"
    fake.write_bytes(b"PK\x03\x04 this is not really a workbook")
    with pytest.raises(BadInput, match="is not an Excel workbook that can be read"):
        read_source(fake)


LAUGHS = ('<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">'
          '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY x SYSTEM "file:///etc/passwd">]>')


def workbook_declaring_entities(folder: Path, part: str) -> Path:
    """A workbook written by openpyxl with a document type put before the root of ``part``, as
    a hostile file would have it, and the label cell using its entity."""
    import zipfile

    import openpyxl

    plain, hostile = folder / "plain.xlsx", folder / "catalogue.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["Label", "Type"])
    book.active.append(["Sales onboarding", "Course"])
    book.save(plain)
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(hostile, "w") as out:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == part:
                data = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<!-- Excel -->'
                        + LAUGHS.encode() + data.replace(b"Sales onboarding", b"&b;&x;"))
            out.writestr(item, data)
    return hostile


@pytest.mark.parametrize("part", ["xl/worksheets/sheet1.xml", "xl/workbook.xml",
                                  "[Content_Types].xml"])
def test_a_workbook_whose_xml_declares_entities_is_refused_before_it_is_read(
        tmp_path, reader, part):
    hostile = workbook_declaring_entities(tmp_path, part)
    with pytest.raises(BadInput, match="contains instructions to expand or fetch other files, "
                                       "which Ecomap never follows; nothing was read from it"):
        read_source(hostile)


# --- bad rows --------------------------------------------------------------------------------


def test_each_unreadable_cell_is_named_by_file_row_and_column():
    problems = [str(p) for p in read("bad-elements.csv").problems]
    assert problems == [
        "bad-elements.csv, row 3, column Label: is empty, but every element needs a label",
        "bad-elements.csv, row 4, column Reach: “lots” is not a whole number of learners",
        "bad-elements.csv, row 5, column Informal: “maybe” should be yes or no",
        "bad-connections.csv, row 4, column Strength: “7” is not a whole number from 1 to 5",
        "bad-connections.csv, row 5, column Direction: “sideways” is not a direction; write "
        "directed, undirected or mutual",
        "bad-connections.csv, row 6, column From: is empty, but a connection needs an element "
        "at each end",
    ]


def test_a_kumu_connection_with_a_wrong_strength_or_direction_is_named(tmp_path):
    bad = tmp_path / "kumu.json"
    bad.write_text('{"elements": [{"label": "A"}, {"label": "B"}], "connections": ['
                   '{"from": "A", "to": "B", "strength": 9}, '
                   '{"from": "A", "to": "B", "direction": "both"}]}')
    assert [str(p) for p in read_source(bad).problems] == [
        "kumu.json, connection 1: its strength “9” is not a whole number from 1 to 5",
        "kumu.json, connection 2: its direction “both” is not one Kumu writes: directed, "
        "undirected or mutual"]
