"""The growth check held to what a consultant expects of realistic histories (issue 15).

Each map in ``tests/data/realistic/history`` keeps quarterly snapshots; its ``.expect.json``
says, snapshot by snapshot, which growth findings the map as it was then should raise against
the snapshots before it — written before the check existed. Every growth finding raised must be
expected there, and every one expected must be raised.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.analysis import analyze
from app.analysis.growth import GROWTH
from app.history import snapshots
from app.interchange import read_json
from tests.conftest import REPO

DATA = REPO / "tests" / "data" / "realistic" / "history"
MAPS = sorted(p for p in DATA.glob("*.json") if not p.name.endswith(".expect.json"))
STATES = [(path, state) for path in MAPS
          for state in json.loads(path.with_suffix(".expect.json").read_text())["states"]]


def named(finding) -> set[str]:
    """The pieces a finding names: on the map now, and those it says were lost."""
    return set(finding.node_ids) | {p["id"] for p in finding.metrics.get("lost", [])}


def problems(path: Path, state: dict) -> list[str]:
    data = read_json(path)
    then = snapshots.map_at(data, snapshots.named(data, state["at"]))
    found = analyze(then).findings
    grown = [f for f in found if f.check == GROWTH]
    wrong = []
    for wanted in state["growth"]:
        match = [f for f in grown if f.subject == wanted["subject"]
                 and set(wanted.get("nodes", ())) <= named(f)
                 and f.severity in wanted.get("severity", (f.severity,))]
        if not match:
            wrong.append(f"missing: {wanted['subject']} ({wanted['why']})")
    expected = {w["subject"] for w in state["growth"]}
    wrong += [f"not expected: {f.subject}: {f.title}" for f in grown
              if f.subject not in expected]
    checks = {f.check for f in found}
    wrong += [f"{c} should not be raised yet" for c in state.get("not_yet", ()) if c in checks]
    wrong += [f"{c} should be raised too" for c in state.get("also", ()) if c not in checks]
    return wrong


@pytest.mark.parametrize(("path", "state"), STATES,
                         ids=[f"{p.stem}@{s['at']}" for p, s in STATES])
def test_growth_is_found_where_a_consultant_first_worries_and_nowhere_else(path, state):
    wrong = problems(path, state)
    assert not wrong, f"{path.stem} at {state['at']}: {state['why']}\n" + "\n".join(wrong)


def test_the_histories_are_there():
    assert {p.stem for p in MAPS} == {
        "claims_academy_decks", "claims_academy_steady", "software_cs_hub",
        "hospital_pharmacy_community", "building_society_signoffs", "nursery_group_growing",
        "council_reorganisation"}
