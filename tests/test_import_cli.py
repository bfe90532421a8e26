"""``ecomap import`` and ``ecomap export`` with spreadsheets, Kumu projects, GraphML and GEXF,
as a user runs them; and a map taken out to a spreadsheet and brought back is the same map."""

from __future__ import annotations

import hashlib
import io
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest

from app.domain import Node
from app.files import create_map, load_map
from app.interchange.plan import make_plan
from app.interchange.sources import read_source
from app.interchange.tabular_export import write_spreadsheet
from app.storage import MapStore
from tests.conftest import SAMPLES, make_map
from tests.test_cli import ecomap

DATA = Path(__file__).resolve().parent / "data" / "import"
NETWORK = DATA.parent / "network"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- out and back in -------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
@pytest.mark.parametrize("sample", sorted(SAMPLES.glob("*.json")), ids=lambda p: p.stem)
def test_a_spreadsheet_export_imports_back_as_the_same_map(tmp_path, sample, suffix):
    original = load_map(sample)
    written = write_spreadsheet(original, tmp_path / f"{original.name}{suffix}")
    plan = make_plan(read_source(written[0]))
    assert plan.ready and not plan.repeated
    back = MapStore.read(create_map(tmp_path / "back.ecomap", plan.new_map()))
    assert back.name == original.name
    assert back.categories == original.categories
    assert back.nodes == original.nodes  # every field: blocks, kinds, informal, reach, tags,
    assert back.edges == original.edges  # attributes, positions; strengths, directions, notes


def test_text_that_looks_like_a_formula_or_a_number_stays_text(tmp_path):
    data = make_map("a:people b:content")
    tricky = {"code": "007", "retires": "2027", "flag": "true", "budget": 1200, "pilot": True}
    nodes = (replace(data.nodes[0], label="=HYPERLINK(\"http://x\",\"Click\")",
                     attributes=tricky),
             replace(data.nodes[1], label="'2027 intake", description="-5 tips",
                     attributes={"code": "+44"}))
    data = replace(data, nodes=nodes)
    for suffix in (".csv", ".xlsx"):
        written = write_spreadsheet(data, tmp_path / f"tricky{suffix}")
        back = make_plan(read_source(written[0])).new_map()
        assert [(n.label, n.description, dict(n.attributes)) for n in back.nodes] == [
            (n.label, n.description, dict(n.attributes)) for n in nodes], suffix
    sheet = openpyxl.load_workbook(tmp_path / "tricky.xlsx")["Elements"]
    assert sheet["B2"].data_type == "s"  # a label, never a formula Excel would run


def test_a_csv_export_writes_two_files_and_an_xlsx_two_sheets(tmp_path):
    sample = SAMPLES / "workshop_starter.json"
    done = ecomap("export", sample, "starter.csv", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "starter-elements.csv and starter-connections.csv" in done.stdout
    header = (tmp_path / "starter-connections.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert header == "ID,From,To,Type,Strength,Direction,Description"
    assert ecomap("export", sample, "starter.xlsx", cwd=tmp_path).returncode == 0
    book = openpyxl.load_workbook(tmp_path / "starter.xlsx", read_only=True)
    assert book.sheetnames == ["Elements", "Connections"]


# --- import on the command line ----------------------------------------------------------------


def test_import_prints_the_preview_and_makes_the_map(tmp_path):
    done = ecomap("import", DATA / "catalogue.xlsx", "cat.ecomap", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Survey" in done.stdout and "→ Data, kind “Survey” (guessed from “survey”)" \
        in done.stdout
    assert "10 pieces to add; 9 connections to add." in done.stdout
    assert "\r" not in done.stdout  # no progress line when the output is not a terminal
    made = MapStore.read(tmp_path / "cat.ecomap")
    assert len(made.nodes) == 10 and all(n.has_position for n in made.nodes)


def test_a_dry_run_writes_nothing(tmp_path):
    done = ecomap("import", DATA / "kumu_export.json", "k.ecomap", "--dry-run", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Nothing was changed (--dry-run)." in done.stdout
    assert list(tmp_path.iterdir()) == []


def test_a_dry_run_merge_leaves_the_map_byte_for_byte(tmp_path):
    path = create_map(tmp_path / "m.ecomap", make_map("reps:people"))
    before = digest(path)
    done = ecomap("import", DATA / "kumu_blueprint.json", path, "--merge", "--dry-run",
                  cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "into “Test map”" in done.stdout and "4 pieces to add" in done.stdout
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.ecomap"]


def test_a_merge_adds_and_updates_and_says_what_it_did(tmp_path):
    data = make_map("new:people:Learner_group")
    reps = Node("reps", "New sales reps", "people", "Learner group", description="Old words")
    path = create_map(tmp_path / "m.ecomap", replace(data, nodes=(reps,)))
    done = ecomap("import", DATA / "catalogue.xlsx", "m.ecomap", "--merge", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert ("New sales reps (catalogue.xlsx, sheet “Elements”, row 2): description "
            "“Old words” → “Reps in their first six months”") in done.stdout
    assert ("Done: merged into m.ecomap — 9 pieces and 9 connections added, 1 piece updated."
            in done.stdout)
    merged = MapStore.read(path)
    assert len(merged.nodes) == 10
    assert next(n for n in merged.nodes if n.id == "reps").tags == ("sales", "onboarding")


def test_rows_that_cannot_be_imported_stop_the_import_until_skipped(tmp_path):
    refused = ecomap("import", DATA / "bad-elements.csv", "b.ecomap", cwd=tmp_path)
    assert refused.returncode == 2
    assert ("bad-connections.csv, row 3, column To: “LMS 2” is not an element of this file"
            in refused.stdout)
    assert "add --skip-bad-rows to import the rest" in refused.stderr
    assert list(tmp_path.iterdir()) == []
    done = ecomap("import", DATA / "bad-elements.csv", "b.ecomap", "--skip-bad-rows",
                  cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert {n.label for n in MapStore.read(tmp_path / "b.ecomap").nodes} == {
        "Sales onboarding", "Pricing cheat sheet"}


def test_map_type_changes_where_a_type_goes_and_an_unknown_one_is_refused(tmp_path):
    done = ecomap("import", DATA / "mentors.csv", "m.ecomap", "--map-type",
                  "SME=people/Subject expert", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "SME" in done.stdout and "(as you chose)" in done.stdout
    kinds = {n.label: n.kind for n in MapStore.read(tmp_path / "m.ecomap").nodes}
    assert kinds["José Peña"] == "Subject expert"
    wrong = ecomap("import", DATA / "mentors.csv", "n.ecomap", "--map-type", "Coach=people",
                   cwd=tmp_path)
    assert wrong.returncode == 2 and "“Coach” is not a Type in this file" in wrong.stderr
    assert not (tmp_path / "n.ecomap").exists()


def test_import_refuses_to_replace_a_file(tmp_path):
    (tmp_path / "m.ecomap").write_bytes(b"mine")
    done = ecomap("import", DATA / "mentors.csv", "m.ecomap", cwd=tmp_path)
    assert done.returncode == 2 and "add --merge" in done.stderr
    assert (tmp_path / "m.ecomap").read_bytes() == b"mine"


def test_the_progress_line_is_rewritten_in_place_and_cleared():
    from app.cli_import import TerminalProgress

    screen = io.StringIO()
    progress = TerminalProgress(screen)
    progress("Reading sheet “Elements”", 500, 10_000)
    progress.clear()
    assert screen.getvalue().startswith("\rReading sheet “Elements”… 500 of 10,000")
    assert screen.getvalue().endswith("\r")


def test_the_command_line_starts_without_loading_the_spreadsheet_library():
    script = "import sys, app.cli; print('openpyxl' in sys.modules)"
    found = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                           check=True)
    assert found.stdout.strip() == "False"


# --- GraphML and GEXF ------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".graphml", ".gexf"])
def test_a_network_file_imports_through_the_preview_into_a_new_map(tmp_path, suffix):
    sample = SAMPLES / "workshop_starter.json"
    assert ecomap("export", sample, f"w{suffix}", cwd=tmp_path).returncode == 0
    done = ecomap("import", f"w{suffix}", "w.ecomap", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "10 pieces to add; 16 connections to add." in done.stdout
    original, back = load_map(sample), MapStore.read(tmp_path / "w.ecomap")
    assert (back.name, back.description, back.goals) == \
        (original.name, original.description, original.goals)
    assert [n.label for n in back.nodes] == [n.label for n in original.nodes]


def test_a_yed_file_is_named_after_the_file_and_its_types_are_shown(tmp_path):
    done = ecomap("import", NETWORK / "yed-3.23-sales-onboarding.graphml", "y.ecomap",
                  cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Mentor              1 row → People, kind “Mentor”" in done.stdout
    assert MapStore.read(tmp_path / "y.ecomap").name == "yed-3.23-sales-onboarding"


def test_a_graphml_file_asking_to_expand_entities_is_refused_and_nothing_is_made(tmp_path):
    (tmp_path / "evil.graphml").write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE g [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n'
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph edgedefault="directed">'
        '<node id="n"><data key="d0">&b;</data></node></graph></graphml>', encoding="utf-8")
    done = ecomap("import", "evil.graphml", "e.ecomap", cwd=tmp_path)
    assert done.returncode == 2
    assert "expand or fetch other files, which Ecomap never follows" in done.stderr
    assert "Traceback" not in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["evil.graphml"]


def test_a_workbook_declaring_entities_is_refused_and_nothing_is_made(tmp_path):
    from tests.test_import_reading import workbook_declaring_entities

    hostile = workbook_declaring_entities(tmp_path, "xl/worksheets/sheet1.xml")
    (tmp_path / "plain.xlsx").unlink()
    done = ecomap("import", hostile.name, "e.ecomap", cwd=tmp_path)
    assert done.returncode == 2
    assert "catalogue.xlsx: contains instructions to expand or fetch other files" in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["catalogue.xlsx"]


def test_done_says_only_what_happened(tmp_path):
    (tmp_path / "n.csv").write_text("Id,Label\n1,Reps\n2,Deck\n", encoding="utf-8")
    (tmp_path / "e.csv").write_text("Source,Target,Type,Id,Weight\n1,2,Directed,0,1.0\n",
                                    encoding="utf-8")
    (tmp_path / "empty.csv").write_text("Label\n", encoding="utf-8")
    made = ecomap("import", "n.csv", "g.ecomap", cwd=tmp_path)
    assert "Done: made g.ecomap — 2 pieces added.\n" in made.stdout
    merged = ecomap("import", "e.csv", "g.ecomap", "--merge", cwd=tmp_path)
    assert "Done: merged into g.ecomap — 1 connection added.\n" in merged.stdout
    again = ecomap("import", "e.csv", "g.ecomap", "--merge", cwd=tmp_path)
    assert "Done: merged into g.ecomap — nothing changed.\n" in again.stdout
    empty = ecomap("import", "empty.csv", "empty.ecomap", cwd=tmp_path)
    assert "Done: made empty.ecomap — a map with nothing in it yet.\n" in empty.stdout
