"""Snapshots: the whole map kept under a name inside the file, listed, renamed, deleted and
undone; carried by JSON; kept when an older file is brought up to date; on the command line."""

from __future__ import annotations

import contextlib
import json
import sqlite3
from datetime import UTC, datetime

import pytest

from app.cli import main as ecomap
from app.document import MapDocument
from app.errors import BadInput, NotFound
from app.files import create_map
from app.history import snapshots
from app.history.ops import AddSnapshot, RemoveSnapshot, RenameSnapshot
from app.interchange import read_json
from app.interchange.json_format import write_json
from app.ops import AddNodes, RemoveNodes, UpdateNode
from app.storage import MapStore, migrate
from tests.conftest import make_map
from tests.old_maps import revision_one_map

MARCH = datetime(2026, 3, 31, 17, 0, tzinfo=UTC)


@pytest.fixture
def doc(map_path):
    create_map(map_path, make_map("reps:people:Learner_group deck:content:Course "
                                  "coach:process:Coaching", "reps>deck coach-reps",
                                  categories="people,content,process,technology",
                                  thresholds={"dominance_share": 0.6}))
    document = MapDocument.open(map_path)
    yield document
    document.close()


def test_a_snapshot_is_the_whole_map_as_it_was_and_reads_back_after_reopening(doc, map_path):
    doc.apply(AddSnapshot(snapshots.take(doc.snapshot(), "Q1 review", "before the LXP",
                                         MARCH)))
    doc.apply(UpdateNode("deck", {"label": "Sales deck v2"}))
    doc.apply(RemoveNodes(("coach",)))
    doc.close()
    data = MapStore.read(map_path)
    (kept,) = data.snapshots
    assert (kept.name, kept.note, kept.taken_at) == ("Q1 review", "before the LXP",
                                                     "2026-03-31T17:00:00+00:00")
    then = snapshots.map_at(data, kept)
    assert sorted(n.label for n in then.nodes) == ["Coach", "Deck", "Reps"]
    assert len(then.edges) == 2
    assert [c.key for c in then.categories] == ["people", "content", "process", "technology"]
    assert then.settings["thresholds"] == {"dominance_share": 0.6}
    assert sorted(n.label for n in data.nodes) == ["Reps", "Sales deck v2"]


def test_saving_renaming_and_deleting_snapshots_can_each_be_undone(doc):
    undo_add = doc.apply(AddSnapshot(snapshots.take(doc.snapshot(), "Q1 review")))
    (first,) = doc.snapshots()
    undo_rename = doc.apply(RenameSnapshot(first, " Q1 workshop ", "with the sales team"))
    (renamed,) = doc.snapshots()
    assert (renamed.name, renamed.note) == ("Q1 workshop", "with the sales team")
    doc.apply(undo_rename)
    assert doc.snapshots() == (first,)
    undo_delete = doc.apply(RemoveSnapshot(first))
    assert doc.snapshots() == ()
    doc.apply(undo_delete)
    assert doc.snapshots() == (first,)
    doc.apply(undo_add)
    assert doc.snapshots() == ()
    assert MapStore.read(doc.path).snapshots == ()


def test_a_snapshot_name_must_be_given_and_not_taken(doc):
    doc.apply(AddSnapshot(snapshots.take(doc.snapshot(), "Q1 review")))
    with pytest.raises(BadInput, match="already a snapshot called"):
        snapshots.take(doc.snapshot(), "q1 REVIEW")
    with pytest.raises(BadInput, match="must not be empty"):
        snapshots.take(doc.snapshot(), "   ")
    doc.apply(AddSnapshot(snapshots.take(doc.snapshot(), "Q2 review")))
    with pytest.raises(BadInput, match="already a snapshot called"):
        doc.apply(RenameSnapshot(doc.snapshots()[1], "Q1 review", ""))
    assert [s.name for s in MapStore.read(doc.path).snapshots] == ["Q1 review", "Q2 review"]


def test_an_unknown_snapshot_name_lists_the_ones_there_are(doc):
    doc.apply(AddSnapshot(snapshots.take(doc.snapshot(), "Q1 review", when=MARCH)))
    doc.apply(AddSnapshot(snapshots.take(doc.snapshot(), "Q2 review")))
    assert snapshots.named(doc.snapshot(), "q2 review").name == "Q2 review"
    with pytest.raises(NotFound, match="no snapshot called \"Q3\"; its snapshots are "
                                       "“Q1 review”, “Q2 review”"):
        snapshots.named(doc.snapshot(), "Q3")


def test_json_export_and_import_keep_the_note_blocks_and_settings(doc, tmp_path):
    doc.apply(AddSnapshot(snapshots.take(doc.snapshot(), "Q1 review", "first look", MARCH)))
    out = tmp_path / "out.json"
    write_json(doc.snapshot(), out)
    record = json.loads(out.read_text())["snapshots"][0]
    assert record["note"] == "first look" and record["categories"][3]["key"] == "technology"
    back = read_json(out)
    assert back.snapshots == doc.snapshot().snapshots
    made = create_map(tmp_path / "again.ecomap", back)
    assert MapStore.read(made).snapshots == back.snapshots


def test_a_snapshot_written_before_notes_reads_with_the_maps_own_blocks(tmp_path):
    path = tmp_path / "old.json"
    path.write_text(json.dumps({
        "format": "ecomap", "version": 1, "name": "Old",
        "categories": [{"key": "people"}, {"key": "content"}],
        "nodes": [{"id": "a", "label": "A", "category": "people"}],
        "snapshots": [{"name": "Start", "taken_at": "2025-01-10T09:00:00",
                       "nodes": [{"id": "a", "label": "A", "category": "people"},
                                 {"id": "b", "label": "B", "category": "content"}],
                       "edges": [{"source": "a", "target": "b"}]}]}))
    data = read_json(path)
    then = snapshots.map_at(data, data.snapshots[0])
    assert data.snapshots[0].note == ""
    assert [c.key for c in then.categories] == ["people", "content"]
    assert [n.id for n in then.nodes] == ["a", "b"] and len(then.edges) == 1


SNAPSHOT_ROWS = [
    ("Q1 review", "2025-03-31T17:00:00",
     json.dumps({"nodes": [{"id": "reps", "label": "Reps", "category": "people"}],
                 "edges": []})),
    ("Q2 review", "2025-06-30T17:00:00",
     json.dumps({"nodes": [{"id": "reps", "label": "Reps", "category": "people"},
                           {"id": "mgr", "label": "Managers", "category": "people"}],
                 "edges": [{"id": "e1", "source": "mgr", "target": "reps"}]}))]


def test_an_older_file_with_snapshots_is_brought_up_to_date_and_loses_nothing(map_path):
    revision_one_map(map_path, SNAPSHOT_ROWS)
    rows = SNAPSHOT_ROWS
    doc = MapDocument.open(map_path)
    try:
        kept = doc.snapshots()
        assert [(s.name, s.taken_at, s.note) for s in kept] == [
            (name, taken_at, "") for name, taken_at, _data in rows]
        assert [json.loads(data) for _n, _t, data in rows] == [
            {"nodes": list(s.nodes), "edges": list(s.edges)} for s in kept]
        doc.apply(RenameSnapshot(kept[0], "Q1 review", "the first map we drew"))
    finally:
        doc.close()
    with contextlib.closing(sqlite3.connect(map_path)) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == \
            migrate.HEAD
        assert conn.execute("SELECT name, note FROM snapshot ORDER BY pk").fetchall() == [
            ("Q1 review", "the first map we drew"), ("Q2 review", "")]
    then = snapshots.map_at(MapStore.read(map_path), kept[1])
    assert [n.label for n in then.nodes] == ["Reps", "Managers"] and len(then.edges) == 1


def test_the_command_line_takes_and_lists_snapshots(doc, map_path, capsys):
    doc.close()
    assert ecomap(["snapshot", str(map_path), "--name", "Q3 review", "--note",
                   "after the redesign"]) == 0
    assert "Q3 review" in capsys.readouterr().out
    assert ecomap(["snapshot", str(map_path), "--name", "Q3 review"]) == 2
    assert "already a snapshot called" in capsys.readouterr().err
    assert ecomap(["snapshots", str(map_path)]) == 0
    out = capsys.readouterr().out
    assert "1 snapshot" in out and "3 pieces, 2 connections" in out
    assert "after the redesign" in out


def test_a_json_map_cannot_keep_a_snapshot_and_is_left_alone(tmp_path, capsys):
    path = tmp_path / "m.json"
    write_json(make_map("reps:people"), path)
    before = path.read_bytes()
    assert ecomap(["snapshot", str(path), "--name", "Q3"]) == 2
    assert ".ecomap" in capsys.readouterr().err
    assert path.read_bytes() == before


def test_adding_nodes_after_a_snapshot_leaves_the_snapshot_as_it_was(doc):
    doc.apply(AddSnapshot(snapshots.take(doc.snapshot(), "Before")))
    doc.apply(AddNodes((make_map("lxp:technology", categories="technology").nodes[0],)))
    (kept,) = doc.snapshots()
    assert "lxp" not in {n["id"] for n in kept.nodes}
