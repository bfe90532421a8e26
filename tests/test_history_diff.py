"""Compare: exactly what changed between two states of a map, and how its health moved."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from app.analysis import analyze
from app.cli import main as ecomap
from app.domain import Edge, Node
from app.files import create_map
from app.history import diff, snapshots
from app.history.diff import ADDED, CHANGED, REMOVED
from app.history.diff_text import report, summary
from tests.conftest import make_map

JANUARY = datetime(2026, 1, 15, 9, tzinfo=UTC)
APRIL = datetime(2026, 4, 15, 9, tzinfo=UTC)


def before_map():
    return make_map("reps:people:Learner_group mgr:people:Manager deck:content:Course "
                    "video:content:Video coach:process:Coaching cop:process:Community",
                    "mgr>reps reps>deck reps>video coach-reps cop-reps")


def after_map():
    """Three months on: a piece added, one gone, two changed, connections moved."""
    data = before_map()
    nodes = {n.id: n for n in data.nodes}
    nodes["deck"] = replace(nodes["deck"], label="Sales deck", kind="Job aid", x=40.0)
    nodes["video"] = replace(nodes["video"], category="process", informal=True)
    nodes["coach"] = replace(nodes["coach"], x=300.0, y=-20.0)  # moved only: not a change
    del nodes["cop"]
    nodes["lxp"] = Node("lxp", "Learning platform", "content", "LXP")
    edges = {e.id: e for e in data.edges}
    del edges["e5"]  # went with the community
    edges["e2"] = replace(edges["e2"], strength=5, note="weekly")
    edges["e6"] = Edge("e6", "lxp", "reps", "delivers")
    return replace(data, nodes=tuple(nodes.values()), edges=tuple(edges.values()))


def test_the_diff_lists_exactly_what_was_added_removed_and_changed():
    found = diff.compare(before_map(), after_map())
    assert [(c.id, c.label) for c in found.of(ADDED)] == [("lxp", "Learning platform")]
    assert [(c.id, c.label) for c in found.of(REMOVED)] == [("cop", "Cop")]
    changed = {c.id: {(f.field, f.before, f.after) for f in c.fields}
               for c in found.of(CHANGED)}
    assert changed == {
        "deck": {("label", "Deck", "Sales deck"), ("kind", "Course", "Job aid")},
        "video": {("building block", "content", "process"), ("informal", False, True)}}
    assert [c.label for c in found.of(ADDED, "edges")] == ["Learning platform → Reps"]
    assert [c.label for c in found.of(REMOVED, "edges")] == ["Cop — Reps"]
    (strength,) = found.of(CHANGED, "edges")
    assert strength.label == "Reps → Sales deck"
    assert {(f.field, f.before, f.after) for f in strength.fields} == {
        ("strength", 3, 5), ("note", "", "weekly")}
    assert summary(found) == ("4 pieces: 1 added, 1 removed, 2 changed; "
                              "3 connections: 1 added, 1 removed, 1 changed.")


def test_a_connection_given_a_new_id_but_the_same_ends_is_the_same_connection():
    before = before_map()
    renumbered = replace(before, edges=tuple(replace(e, id=f"x{i}")
                                             for i, e in enumerate(before.edges)))
    assert diff.compare(before, renumbered).unchanged


def test_the_same_map_twice_has_nothing_changed():
    found = diff.compare(before_map(), before_map())
    assert found.unchanged and summary(found) == "No piece or connection changed."


def test_health_is_compared_score_findings_and_shares():
    before = before_map()
    after = after_map()
    # Cut the community and the coach: the learners lose their informal learning.
    health = diff.compare_health(before, after)
    assert health.before.health.score == analyze(before).health.score
    assert health.after.health.score == analyze(after).health.score
    blocks = {s.name: (s.count_before, s.count_after) for s in health.blocks}
    assert blocks == {"People": (2, 2), "Content": (2, 2), "Processes": (2, 2)}
    content = {s.name: (s.count_before, s.count_after) for s in health.kinds["Content"]}
    assert content == {"Course": (1, 0), "Video": (1, 0), "Job aid": (0, 1), "LXP": (0, 1)}
    came = {f.check for f in health.came}
    went = {f.check for f in health.went}
    assert not came & went
    text = report(diff.compare(before, after), health, "“Q1”", "now")
    assert f"Health: {health.before.health.score} → {health.after.health.score}" in text


def test_findings_that_came_and_went_are_told_apart():
    lonely = make_map("reps:people:Learner_group deck:content:Course pod:content:Podcast",
                      "reps>deck")
    mended = replace(lonely, edges=(*lonely.edges, Edge("e9", "reps", "pod")))
    health = diff.compare_health(lonely, mended)
    assert [f.check for f in health.went] == ["isolated"]
    assert health.came == ()
    assert health.after.health.score >= health.before.health.score


@pytest.fixture
def history_file(tmp_path):
    data = before_map()
    q1 = snapshots.take(data, "Q1 review", when=JANUARY)
    later = after_map()
    q2 = snapshots.take(replace(later, snapshots=(q1,)), "Q2 review", when=APRIL)
    third = replace(later, nodes=(*later.nodes, Node("new", "New mentors", "people", "Mentor")),
                    snapshots=(q1, q2))
    return create_map(tmp_path / "history.ecomap", third)


def test_ecomap_diff_between_two_snapshots_and_to_now(history_file, capsys):
    assert ecomap(["diff", str(history_file), "--from", "Q1 review", "--to", "Q2 review"]) == 0
    out = capsys.readouterr().out
    assert "from “Q1 review” (15 Jan 2026) to “Q2 review” (15 Apr 2026)" in out
    assert "+ Learning platform" in out and "− Cop" in out
    assert "~ Sales deck: label “Deck” → “Sales deck”; kind “Course” → “Job aid”" in out
    assert "New mentors" not in out
    assert ecomap(["diff", str(history_file), "--from", "Q2 review"]) == 0
    out = capsys.readouterr().out
    assert "to now" in out and "+ New mentors" in out and "1 piece: 1 added." in out


def test_ecomap_diff_json_has_every_change(history_file, capsys):
    assert ecomap(["diff", str(history_file), "--from", "Q1 review", "--to", "Q2 review",
                   "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["from"] == {"snapshot": "Q1 review", "taken_at": "2026-01-15T09:00:00+00:00"}
    assert [c["id"] for c in out["nodes"]["added"]] == ["lxp"]
    assert [c["id"] for c in out["nodes"]["removed"]] == ["cop"]
    deck = next(c for c in out["nodes"]["changed"] if c["id"] == "deck")
    assert {"field": "label", "before": "Deck", "after": "Sales deck"} in deck["fields"]
    assert set(out["health"]) == {"score", "new_findings", "findings_gone", "blocks", "kinds"}


def test_an_unknown_snapshot_is_refused_with_the_names_there_are(history_file, capsys):
    assert ecomap(["diff", str(history_file), "--from", "Q3 review"]) == 2
    err = capsys.readouterr().err
    assert "no snapshot called \"Q3 review\"" in err
    assert "“Q1 review”, “Q2 review”" in err and "Traceback" not in err
