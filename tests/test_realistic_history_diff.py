"""``ecomap diff`` held to the full list of changes a consultant wrote down for the hand-made
histories (``diffs`` in ``tests/data/realistic/history/*.expect.json``): every piece and
connection added, removed or changed between two snapshots, and nothing else. Connections are
named by their ends and kind, as the consultant knows them, not by id."""

from __future__ import annotations

import json

import pytest

from app.cli import main
from app.interchange import read_json
from tests.conftest import REPO

DATA = REPO / "tests" / "data" / "realistic" / "history"
CASES = [(path, wanted)
         for path in sorted(DATA.glob("*.expect.json"))
         for wanted in json.loads(path.read_text()).get("diffs", ())]


@pytest.mark.parametrize(("expect", "wanted"), CASES,
                         ids=[f"{p.name.split('.')[0]}:{w['from']}→{w['to']}" for p, w in CASES])
def test_the_diff_lists_exactly_what_changed(expect, wanted, capsys):
    path = expect.with_name(expect.name.replace(".expect.json", ".json"))
    data = read_json(path)
    edges = {e["id"]: e for s in data.snapshots for e in s.edges}
    assert main(["diff", str(path), "--from", wanted["from"], "--to", wanted["to"],
                 "--json"]) == 0
    got = json.loads(capsys.readouterr().out)

    nodes = got["nodes"]
    assert sorted(c["id"] for c in nodes["added"]) == sorted(wanted["nodes"]["added"])
    assert sorted(c["id"] for c in nodes["removed"]) == sorted(wanted["nodes"]["removed"])
    assert {c["id"]: sorted(f["field"] for f in c["fields"]) for c in nodes["changed"]} == {
        i: sorted(fields) for i, fields in wanted["nodes"]["changed"].items()}

    # connections added or changed are named as they are after, removed ones as before
    after = {e["id"]: e for e in next(s for s in data.snapshots if s.name == wanted["to"]).edges}
    for part in ("added", "removed"):
        table = after if part == "added" else edges
        assert sorted([table[c["id"]]["source"], table[c["id"]]["target"], table[c["id"]]["kind"]]
                      for c in got["edges"][part]) == sorted(wanted["edges"][part]), part
    assert sorted(([after[c["id"]]["source"], after[c["id"]]["target"], after[c["id"]]["kind"]],
                   sorted(f["field"] for f in c["fields"])) for c in got["edges"]["changed"]) == \
        sorted((w["edge"], sorted(w["fields"])) for w in wanted["edges"]["changed"])
