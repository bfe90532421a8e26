"""“What if this were gone?” — and ``ecomap analyze`` on the command line."""

from __future__ import annotations

import argparse
import json
from dataclasses import replace

import pytest

from app import cli_analyze
from app.analysis import analyze, what_if
from app.errors import BadInput, NotFound
from app.interchange import write_json
from tests.conftest import make_map
from tests.test_analysis_checks import balanced_map

# The trainer is the only link between the learners and most of the content.
TRAINER_MAP = dict(
    nodes="reps:people:Learner_group trainer:people:Instructor deck:content quiz:content "
          "notes:content coach:process",
    edges="reps-trainer trainer-deck trainer-quiz trainer-notes reps-coach coach-deck",
)


def test_removing_the_trainer_cuts_content_off_from_the_people():
    result = what_if(make_map(**TRAINER_MAP), ["trainer"])
    assert [n.id for n in result.removed] == ["trainer"]
    assert {n.id for n in result.cut_off_from_people} == {"notes", "quiz"}
    assert result.learners_left_without_content == ()


def test_learners_left_with_nothing_to_learn_from():
    data = make_map("reps:people:Learner_group boss:people:Manager coach:process "
                    "course:content", "reps-boss reps-coach coach-course")
    data = replace(data, edges=tuple(replace(e, kind="line-managed by") if e.target == "boss"
                                     else e for e in data.edges))
    result = what_if(data, ["coach"])
    # Their manager is still there, but being line-managed is not learning.
    assert [n.id for n in result.learners_left_without_content] == ["reps"]
    assert "unreached" in {f.check for f in result.new_findings}


def test_content_left_with_nobody_behind_it():
    # Learners still open the guides, but nobody would deliver or update them.
    data = make_map("reps:people:Learner_group grace:people:SME guide:content "
                    "notes:content course:content", "reps-guide reps-notes reps-course "
                    "grace-guide grace-notes")
    result = what_if(data, ["grace"])
    assert [n.id for n in result.left_without_anyone] == ["guide", "notes"]
    assert result.cut_off_from_people == () and result.learners_left_without_content == ()


def test_removing_something_never_raises_the_score():
    # The isolated piece's finding leaves with it, but nothing is gained by losing a piece.
    data = make_map("reps:people:Learner_group course:content coach:process old:content",
                    "reps-course reps-coach")
    result = what_if(data, ["old"])
    assert result.after.health.score > result.before.health.score
    assert result.score_after == result.before.health.score and result.score_change == 0


def test_the_score_change_and_the_new_findings():
    data = balanced_map()
    result = what_if(data, ["reps"])
    assert result.before == analyze(data)
    assert result.score_change == result.score_after - result.before.health.score
    assert result.score_after <= result.before.health.score
    assert result.after.node_count == len(data.nodes) - 1
    assert all(f in result.after.findings for f in result.new_findings)


def test_findings_that_were_already_there_are_not_new():
    data = make_map("hub:people a:content b:content c:process d:process lone:content",
                    "hub-a hub-b hub-c hub-d")
    result = what_if(data, ["d"])
    assert "isolated" not in {f.check for f in result.new_findings}


def test_the_map_itself_is_not_changed():
    data = make_map(**TRAINER_MAP)
    what_if(data, ["trainer", "trainer"])
    assert len(data.nodes) == 6


def test_an_unknown_node_is_named_in_the_error():
    with pytest.raises(NotFound, match='there is no node with the id "ghost" in this map'):
        what_if(make_map(**TRAINER_MAP), ["ghost"])


# --- the command line ---------------------------------------------------------------------


def run_cli(*argv):
    parser = argparse.ArgumentParser(prog="ecomap")
    cli_analyze.add_parser(parser.add_subparsers())
    args = parser.parse_args(["analyze", *map(str, argv)])
    return args.run(args)


@pytest.fixture
def trainer_file(tmp_path):
    path = tmp_path / "trainer.json"
    write_json(make_map(**TRAINER_MAP, name="Branch training"), path)
    return path


def test_the_report_shows_score_balance_and_findings(trainer_file, capsys):
    assert run_cli(trainer_file) == 0
    out = capsys.readouterr().out
    assert "Branch training" in out and "Health score:" in out
    assert "People" in out and "Content" in out
    assert "Everything flows through “Trainer”" in out and "What you could do:" in out


def test_json_is_exactly_one_object_of_the_documented_shape(trainer_file, capsys):
    run_cli(trainer_file, "--json")
    doc = json.loads(capsys.readouterr().out)
    assert set(doc) == {"map", "health", "balance", "findings"}
    assert doc["map"] == {"name": "Branch training", "nodes": 6, "edges": 6}
    assert set(doc["health"]) == {"score", "judged", "deductions"}
    assert set(doc["findings"][0]) == {"check", "severity", "title", "detail", "suggestion",
                                       "nodes", "metrics"}


def test_json_with_without_adds_what_if(trainer_file, capsys):
    run_cli(trainer_file, "--json", "--without", "trainer, coach")
    what = json.loads(capsys.readouterr().out)["what_if"]
    assert [n["id"] for n in what["removed"]] == ["coach", "trainer"]
    assert what["score_change"] == what["score_after"] - what["score_before"]


def test_the_text_report_ends_with_the_what_if(trainer_file, capsys):
    run_cli(trainer_file, "--without", "trainer")
    out = capsys.readouterr().out
    assert "What if “Trainer” were gone?" in out and "Cut off from the people" in out


@pytest.mark.parametrize(("fail_on", "status"), [("high", 3), ("medium", 3), ("low", 3)])
def test_fail_on_exits_3_when_a_bad_enough_finding_is_present(trainer_file, fail_on, status):
    assert run_cli(trainer_file, "--fail-on", fail_on) == status


def test_fail_on_high_passes_a_map_with_only_milder_findings(tmp_path):
    path = tmp_path / "mild.json"
    write_json(make_map("reps:people course:content coaching:process",
                        "reps-course course-coaching coaching-reps"), path)
    assert run_cli(path, "--fail-on", "high") == 0
    assert run_cli(path, "--fail-on", "medium") == 3


def test_an_unknown_node_for_without_is_an_error(trainer_file):
    with pytest.raises(NotFound):
        run_cli(trainer_file, "--without", "ghost")


def test_without_needs_an_id(trainer_file):
    with pytest.raises(BadInput):
        run_cli(trainer_file, "--without", " , ")
