"""The ``ecomap`` command line as a user runs it: real processes, real files, exit statuses."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SAMPLES

# The installed console script beside this Python (ecomap.exe on Windows).
ECOMAP = shutil.which("ecomap", path=str(Path(sys.executable).parent))


def ecomap(*args, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(ECOMAP), *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, timeout=120)


def write(path: Path, document) -> Path:
    path.write_text(document if isinstance(document, str) else json.dumps(document))
    return path


def small_map(**overrides) -> dict:
    doc = {"format": "ecomap", "version": 1, "name": "Starter",
           "categories": [{"key": "people"}, {"key": "content"}],
           "nodes": [{"id": "reps", "label": "Reps", "category": "people"},
                     {"id": "deck", "label": "Deck", "category": "content"}],
           "edges": [{"source": "reps", "target": "deck"}]}
    doc.update(overrides)
    return doc


def test_new_makes_an_empty_map_with_the_blocks_asked_for(tmp_path):
    made = ecomap("new", "w.ecomap", "--name", "Workshop", "--categories",
                  "people,content,process", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    info = ecomap("info", "w.ecomap", cwd=tmp_path)
    assert info.returncode == 0
    assert info.stdout.splitlines()[0] == "Workshop"
    assert "0 nodes and 0 connections in 3 building blocks" in info.stdout
    assert "Processes" in info.stdout and "Technology" not in info.stdout


def test_import_then_export_keeps_every_field_of_a_sample_map(tmp_path):
    source = SAMPLES / "sales_enablement.json"
    assert ecomap("import", source, "s.ecomap", cwd=tmp_path).returncode == 0
    assert ecomap("export", "s.ecomap", "out.json", cwd=tmp_path).returncode == 0
    original = json.loads(source.read_text())
    exported = json.loads((tmp_path / "out.json").read_text())
    assert exported["name"] == original["name"]
    by_id = {n["id"]: n for n in exported["nodes"]}
    for node in original["nodes"]:
        for field, value in node.items():
            assert by_id[node["id"]][field] == value, (node["id"], field)
    edges = {e["id"]: e for e in exported["edges"]}
    for edge in original["edges"]:
        for field, value in edge.items():
            assert edges[edge["id"]][field] == value, (edge["id"], field)


def test_info_reads_json_maps_too_and_counts_each_block(tmp_path):
    write(tmp_path / "m.json", small_map())
    info = ecomap("info", "m.json", cwd=tmp_path)
    assert info.returncode == 0
    assert "JSON map" in info.stdout
    assert [line.split() for line in info.stdout.splitlines()[-2:]] == [["People", "1"],
                                                                         ["Content", "1"]]


def test_nodes_without_positions_are_laid_out_on_import(tmp_path):
    write(tmp_path / "m.json", small_map())
    ecomap("import", "m.json", "m.ecomap", cwd=tmp_path)
    ecomap("export", "m.ecomap", "back.json", cwd=tmp_path)
    nodes = json.loads((tmp_path / "back.json").read_text())["nodes"]
    assert all("x" in n and "y" in n for n in nodes)
    assert (nodes[0]["x"], nodes[0]["y"]) != (nodes[1]["x"], nodes[1]["y"])


def _other_sqlite(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()


BAD_JSON = {
    "broken.json": ('{"format": "ecomap", "version": 1, "name": "x", "nodes": [}',
                    "not valid JSON"),
    "unknown_category.json": (small_map(nodes=[{"id": "a", "label": "A", "category": "procces"}],
                                        edges=[]),
                              'nodes[0].category: "procces" is not a category of this map'),
    "repeated.json": (small_map(nodes=[{"id": "a", "label": "A", "category": "people"},
                                       {"id": "a", "label": "B", "category": "people"}],
                                edges=[]),
                      'nodes[1].id: the id "a" is used by an earlier node'),
    "dangling.json": (small_map(edges=[{"source": "reps", "target": "gone"}]),
                      'edges[0].target: "gone" is not a node of this map'),
    "v2.json": (small_map(version=2), "made by a newer Ecomap"),
}


@pytest.mark.parametrize("name", sorted(BAD_JSON))
@pytest.mark.parametrize("command", ["import", "export", "info", "analyze"])
def test_bad_json_exits_2_with_the_problem_and_leaves_no_file(tmp_path, name, command):
    document, message = BAD_JSON[name]
    write(tmp_path / name, document)
    extra = {"import": ["out.ecomap"], "export": ["out.json"], "info": [], "analyze": []}[command]
    result = ecomap(command, name, *extra, cwd=tmp_path)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


@pytest.mark.parametrize(("make", "message"), [
    (lambda p: p.write_bytes(bytes(range(256)) * 20), "not a map file at all"),
    (_other_sqlite, "made by another program"),
])
def test_bad_map_files_exit_2_and_stay_untouched(tmp_path, make, message):
    make(tmp_path / "bad.ecomap")
    before = (tmp_path / "bad.ecomap").read_bytes()
    for args in (["info", "bad.ecomap"], ["export", "bad.ecomap", "o.json"],
                 ["analyze", "bad.ecomap"], ["report", "bad.ecomap", "o.pdf"]):
        result = ecomap(*args, cwd=tmp_path)
        assert result.returncode == 2 and message in result.stderr
    assert (tmp_path / "bad.ecomap").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.ecomap"]


def test_a_truncated_map_file_is_called_damaged(tmp_path):
    ecomap("import", SAMPLES / "compliance_training.json", "full.ecomap", cwd=tmp_path)
    data = (tmp_path / "full.ecomap").read_bytes()
    (tmp_path / "cut.ecomap").write_bytes(data[: len(data) // 2])
    result = ecomap("info", "cut.ecomap", cwd=tmp_path)
    assert result.returncode == 2 and "damaged" in result.stderr


def test_unknown_export_format_and_existing_target_are_refused(tmp_path):
    write(tmp_path / "m.json", small_map())
    result = ecomap("export", "m.json", "m.docx", cwd=tmp_path)
    assert result.returncode == 2 and "cannot write “.docx” files" in result.stderr
    ecomap("import", "m.json", "m.ecomap", cwd=tmp_path)
    again = ecomap("import", "m.json", "m.ecomap", cwd=tmp_path)
    assert again.returncode == 2 and "already exists" in again.stderr


def test_an_unwritable_place_is_a_clear_failure(tmp_path):
    write(tmp_path / "m.json", small_map())
    result = ecomap("import", "m.json", "no/such/folder/m.ecomap", cwd=tmp_path)
    assert result.returncode == 2 and "cannot create a map in" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("command", ["new", "import", "export", "info", "analyze", "report"])
def test_every_command_explains_itself(tmp_path, command):
    result = ecomap(command, "--help", cwd=tmp_path)
    assert result.returncode == 0 and "usage: ecomap " + command in result.stdout


def test_missing_arguments_are_bad_input(tmp_path):
    result = ecomap("new", "x.ecomap", cwd=tmp_path)
    assert result.returncode == 2 and "--name" in result.stderr
