"""Snapshots kept in an .ecomap file are listed when it opens (names, dates, counts) and their
records read only when something needs them: opening a map that keeps several full copies of
itself costs little more than opening the map. What they record is unchanged by that: it reads,
compares, renames, deletes and undoes, and is written to another file, exactly as before; one
whose records are damaged is said when it is used, naming the snapshot, and the map still opens."""

from __future__ import annotations

import contextlib
import json
import sqlite3
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from app.cli import main as ecomap
from app.document import MapDocument
from app.errors import BadInput
from app.files import create_map, load_map
from app.history import snapshots
from app.history.ops import RemoveSnapshot, RenameSnapshot
from tests.conftest import make_map

WHEN = datetime(2026, 3, 31, 17, 0, tzinfo=UTC)


@pytest.fixture
def kept(map_path):
    """A map keeping two snapshots: all of it, and a smaller one from before."""
    data = make_map("reps:people:Learner_group deck:content:Course coach:process:Coaching",
                    "reps>deck coach-reps", thresholds={"dominance_share": 0.6})
    small = make_map("reps:people:Learner_group deck:content:Course", "reps>deck")
    data = replace(data, snapshots=(
        snapshots.take(small, "Q1 review", "before coaching", when=WHEN),
        snapshots.take(data, "Q2 review", when=WHEN.replace(month=5))))
    create_map(map_path, data)
    return data


def test_what_a_file_keeps_reads_back_equal_to_what_was_kept(kept, map_path, tmp_path):
    read = load_map(map_path)
    assert [(s.name, s.node_count, s.edge_count) for s in read.snapshots] == [
        ("Q1 review", 2, 1), ("Q2 review", 3, 2)]
    assert read.snapshots == kept.snapshots
    assert snapshots.map_at(read, read.snapshots[1]).settings["thresholds"] == {
        "dominance_share": 0.6}
    again = create_map(tmp_path / "again.ecomap", load_map(map_path))  # written undecoded
    assert load_map(again).snapshots == kept.snapshots


def test_renaming_deleting_and_undoing_keep_what_a_stored_snapshot_records(kept, map_path):
    doc = MapDocument.open(map_path)
    try:
        first = doc.snapshots()[0]
        doc.apply(RenameSnapshot(first, "January review", "renamed"))
        undo = doc.apply(RemoveSnapshot(doc.snapshots()[0]))
        doc.apply(undo)
    finally:
        doc.close()
    (january, q2) = snapshots.in_order(load_map(map_path).snapshots)
    assert (january.name, january.note) == ("January review", "renamed")
    assert (january.nodes, january.edges) == (kept.snapshots[0].nodes, kept.snapshots[0].edges)
    assert q2 == kept.snapshots[1]


def test_a_snapshot_with_damaged_records_is_said_when_used_and_the_map_still_opens(
        kept, map_path, capsys):
    with contextlib.closing(sqlite3.connect(map_path)) as conn:
        conn.execute("UPDATE snapshot SET data = json_set(data, '$.nodes[0].label', ?) "
                     "WHERE name = 'Q1 review'", ("x" * 100_000,))
        conn.commit()
    data = load_map(map_path)
    assert [s.name for s in data.snapshots] == ["Q1 review", "Q2 review"]
    with pytest.raises(BadInput, match="snapshot .Q1 review. cannot be read from the file: "
                                       "snapshot.nodes.0..label: is 100,000 characters"):
        snapshots.map_at(data, snapshots.named(data, "Q1 review"))
    assert snapshots.map_at(data, snapshots.named(data, "Q2 review")).nodes

    assert ecomap(["snapshots", str(map_path)]) == 0
    assert "Q1 review (31 Mar 2026): 2 pieces, 1 connection" in capsys.readouterr().out
    assert ecomap(["diff", str(map_path), "--from", "Q1 review"]) == 2
    said = capsys.readouterr().err
    assert "Q1 review" in said and "cannot be read" in said and "Traceback" not in said
    assert ecomap(["diff", str(map_path), "--from", "Q2 review", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["summary"]
