"""A map with snapshots made by an older Ecomap (schema revisions 1 and 2) opens in this one
with nothing lost: exported to JSON it is byte for byte what the same map made today exports,
and every snapshot's pieces and connections are the ones the history recorded. A map from a
newer Ecomap is refused in plain words and left as it was."""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
from dataclasses import replace

import pytest

from app.cli import main
from app.document import MapDocument
from app.files import create_map
from app.interchange import read_json
from tests.conftest import REPO
from tests.old_maps import older_copy

HISTORY = REPO / "tests" / "data" / "realistic" / "history" / "claims_academy_decks.json"


def as_older_ecomaps_kept_it(data):
    """The history as an older Ecomap could hold it: snapshots without notes, building blocks
    or settings of their own."""
    return replace(data, snapshots=tuple(replace(s, note="", categories=(), settings={})
                                         for s in data.snapshots))


def exported(path, out) -> bytes:
    assert main(["export", str(path), str(out)]) == 0
    return out.read_bytes()


def schema_of(path) -> tuple[int, str]:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return (conn.execute("PRAGMA user_version").fetchone()[0],
                conn.execute("SELECT version_num FROM alembic_version").fetchone()[0])


@pytest.mark.parametrize("revision", ["0001", "0002"])
def test_a_history_from_an_older_ecomap_upgrades_with_nothing_lost(tmp_path, revision, capsys):
    history = as_older_ecomaps_kept_it(read_json(HISTORY))
    today = create_map(tmp_path / "today.ecomap", history)
    old = tmp_path / "old.ecomap"
    older_copy(today, old, revision)
    assert schema_of(old) == (int(revision), revision)

    wanted = exported(today, tmp_path / "today.json")
    assert exported(old, tmp_path / "old.json") == wanted  # read as it is, left as it is
    assert schema_of(old) == (int(revision), revision)
    MapDocument.open(old).close()  # opened for editing, as the window does: upgraded
    assert schema_of(old) == (3, "0003")
    assert exported(old, tmp_path / "old.json") == wanted
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "old.ecomap", "old.json", "today.ecomap", "today.json"]  # no upgrade copy left behind

    source = json.loads(HISTORY.read_text())
    kept = json.loads((tmp_path / "old.json").read_text())
    assert [(s["name"], s["taken_at"], s["nodes"], s["edges"]) for s in kept["snapshots"]] == [
        (s["name"], s["taken_at"], s["nodes"], s["edges"]) for s in source["snapshots"]]
    now, made = read_json(tmp_path / "old.json"), read_json(HISTORY)
    assert [n.at(None, None) for n in now.nodes] == list(made.nodes)  # laid out when made
    assert now.edges == made.edges

    capsys.readouterr()
    assert main(["diff", str(old), "--from", "Q3 review", "--to", "Q4 review", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["summary"]


def test_a_history_from_a_newer_ecomap_is_refused_in_plain_words(tmp_path, capsys):
    path = create_map(tmp_path / "newer.ecomap", read_json(HISTORY))
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0004'")
        conn.execute("PRAGMA user_version = 4")
        conn.commit()
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    for command in (["snapshots", str(path)], ["diff", str(path), "--from", "Q1 review"],
                    ["export", str(path), str(tmp_path / "out.json")]):
        assert main(command) == 2
        said = capsys.readouterr()
        assert "Traceback" not in said.err
        assert "newer version of Ecomap" in said.err, said.err
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["newer.ecomap"]
