"""A map file is trusted only after it is checked: damaged rows are refused with where they are,
and a refused file is left exactly as it was, with nothing created beside it."""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.cli import main as ecomap
from app.errors import BadMapFile, StorageFailed
from app.files import import_json, load_map
from app.interchange import read_json
from app.storage import MapStore
from app.storage.lock import lock_path
from tests.conftest import SAMPLES


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file in ``folder`` and its contents: what "nothing changed" means. (A ``-shm``
    file is SQLite's shared scratch memory, rebuilt by any reader: only its presence counts.)"""
    return {p.name: "scratch" if p.name.endswith("-shm") else
            hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.iterdir()) if p.is_file()}


def damage(path: Path, *statements: str) -> None:
    """Change rows behind Ecomap's back, as a crashed tool or a hand edit might."""
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA foreign_keys = OFF")
        for statement in statements:
            conn.execute(statement)
        conn.commit()


@pytest.fixture
def sample_file(tmp_path: Path) -> Path:
    """The sales-enablement sample as a map file, alone in its folder."""
    folder = tmp_path / "maps"
    folder.mkdir()
    return import_json(SAMPLES / "sales_enablement.json", folder / "sales.ecomap")


# Each damage, and the words that must say where it is.
DAMAGES = {
    "an edge to a missing node": (["UPDATE edge SET target = 9999 WHERE pk = 3"],
                                  ["edge table, row 3", "target", "not in the map"]),
    "a node in a block the map lacks": (["UPDATE node SET category = 'procces' WHERE pk = 2"],
                                        ["node table, row 2", "category", '"procces"']),
    "tags that are not JSON": (["UPDATE node SET tags = 'sales, onboarding' WHERE pk = 4"],
                               ["node table, row 4", "tags", "not readable"]),
    "an empty label": (["UPDATE node SET label = '' WHERE pk = 1"],
                       ["node table, row 1", "label", "must not be empty"]),
    "a strength of 99": (["UPDATE edge SET strength = 99 WHERE pk = 1"],
                         ["edge table, row 1", "strength", "99"]),
    "a missing map row": (["DELETE FROM map"], ["map table", "missing"]),
    "two map rows": (["INSERT INTO map SELECT 2, name, description, goals, settings FROM map"],
                     ["map table", "2 map records"]),
    "an informal flag of 7": (["UPDATE node SET informal = 7 WHERE pk = 5"],
                              ["node table, row 5", "informal", "true or false"]),
    "a position that is text": (["UPDATE node SET x = 'left' WHERE pk = 6"],
                                ["node table, row 6", "x", "should be a number"]),
    "attributes that are a list": (["UPDATE node SET attributes = '[1, 2]' WHERE pk = 2"],
                                   ["node table, row 2", "attributes", "an object"]),
    "goals that are an object": (["UPDATE map SET goals = '{\"a\": 1}'"],
                                 ["map table", "goals"]),
    "settings that are not JSON": (["UPDATE map SET settings = '{thresholds'"],
                                   ["map table", "settings", "not readable"]),
    "a colour that is a word": (["UPDATE category SET color = 'red' WHERE key = 'content'"],
                                ["category table", '"content"', "color"]),
    "text that is not UTF-8": (["UPDATE node SET label = CAST(X'4D61FF' AS TEXT) WHERE pk = 3"],
                               ["node table, row 3", "label", "not UTF-8"]),
    "a snapshot that is not JSON": (
        ["INSERT INTO snapshot (name, taken_at, data) VALUES ('Q1', '2026-03-31', 'oops')"],
        ["snapshot table, row 1", "data", "not readable"]),
    "a threshold out of range": (
        ["UPDATE map SET settings = '{\"thresholds\": {\"kind_share\": 7}}'"],
        ["map table", "settings.thresholds.kind_share", "between 0 and 1"]),
    "a snapshot with a made-up date": (
        ["INSERT INTO snapshot (name, taken_at, data) VALUES ('Q1', 'someday', '{}')"],
        ["snapshot table, row 1", "taken_at", '"someday"']),
    "the node table gone": (["DROP TABLE edge", "DROP TABLE node"], ["table is missing"]),
}


@pytest.mark.parametrize("name", list(DAMAGES))
def test_a_damaged_row_is_refused_by_every_command_with_where_it_is(name, sample_file, capsys):
    statements, words = DAMAGES[name]
    damage(sample_file, *statements)
    before = fingerprint(sample_file.parent)
    for command in (["info", sample_file], ["analyze", sample_file],
                    ["export", sample_file, sample_file.parent / "out.json"]):
        assert ecomap([str(a) for a in command]) == 2
        message = capsys.readouterr().err
        assert message.startswith("ecomap: “sales.ecomap” is damaged"), message
        for word in words:
            assert word in message, (word, message)
        assert "Traceback" not in message and len(message) < 600
        assert fingerprint(sample_file.parent) == before  # no output, no -wal, -shm or lock


@pytest.mark.parametrize("name", ["an edge to a missing node", "a missing map row",
                                  "text that is not UTF-8", "the node table gone"])
def test_opening_a_damaged_map_for_editing_changes_nothing(name, sample_file):
    damage(sample_file, *DAMAGES[name][0])
    before = fingerprint(sample_file.parent)
    with pytest.raises(BadMapFile, match="is damaged"):
        MapStore.open(sample_file)
    assert fingerprint(sample_file.parent) == before  # same journal mode, no lock file left
    assert not lock_path(sample_file).exists()


def test_an_alembic_table_without_the_rest_is_refused(tmp_path):
    path = tmp_path / "bare.ecomap"
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA application_id = 1162039117")
        conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
        conn.execute("INSERT INTO alembic_version VALUES ('0003')")
        conn.commit()
    before = fingerprint(tmp_path)
    with pytest.raises(BadMapFile, match="is damaged.*table is missing"):
        MapStore.open(path)
    assert fingerprint(tmp_path) == before


def test_a_version_this_ecomap_does_not_know_is_not_called_the_same_version(sample_file,
                                                                              capsys):
    damage(sample_file, "UPDATE alembic_version SET version_num = '0004'")
    assert ecomap(["info", str(sample_file)]) == 2
    message = capsys.readouterr().err
    assert "version 3; this Ecomap knows up to version 3" not in message
    assert "does not know" in message and '"0004"' in message
    damage(sample_file, "PRAGMA user_version = 4")
    assert ecomap(["info", str(sample_file)]) == 2
    assert "newer version of Ecomap (map file version 4; this Ecomap knows up to version 3)" \
        in capsys.readouterr().err


# --- whatever the damage: refused whole, or read back as a map every reader accepts --------

HOSTILE = st.one_of(
    st.none(), st.sampled_from(["", " ", "procces", "[", "{}", "[]", '{"a": [1]}', "NaN",
                                "2026-13-45", "#12345", "\x1b[31mred", "x" * 500]),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=True, allow_infinity=True),
    st.binary(max_size=8),
)
COLUMNS = {
    "node": ["ext_id", "label", "category", "kind", "informal", "reach", "x", "y", "tags",
             "description", "attributes"],
    "edge": ["ext_id", "source", "target", "kind", "strength", "directed", "note"],
    "category": ["name", "color", "shape", "position"],
    "map": ["name", "description", "goals", "settings"],
}


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> bytes:
    folder = tmp_path_factory.mktemp("pristine")
    return import_json(SAMPLES / "compliance_training.json", folder / "m.ecomap").read_bytes()


@settings(max_examples=60, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(table=st.sampled_from(sorted(COLUMNS)), data=st.data())
def test_any_damaged_value_is_refused_or_reads_back_as_a_map_import_accepts(
        tmp_path, pristine, table, data):
    folder = tmp_path / f"round-{os.urandom(4).hex()}"
    folder.mkdir()
    path = folder / "m.ecomap"
    path.write_bytes(pristine)
    column = data.draw(st.sampled_from(COLUMNS[table]), label="column")
    value = data.draw(HOSTILE, label="value")
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA foreign_keys = OFF")
        with contextlib.suppress(sqlite3.IntegrityError):  # NOT NULL and UNIQUE still hold
            conn.execute(f"UPDATE {table} SET {column} = ? WHERE rowid = "
                         f"(SELECT min(rowid) FROM {table})", (value,))
        conn.commit()
    before = fingerprint(folder)
    try:
        data_read = MapStore.read(path)
    except BadMapFile as refused:
        assert f"the {table} table" in str(refused) or "table is missing" in str(refused)
        with pytest.raises(BadMapFile):
            MapStore.open(path)
        assert fingerprint(folder) == before
        return
    # Accepted: the same map travels out as JSON and back in without a complaint.
    out = folder / "out.json"
    assert ecomap(["export", str(path), str(out)]) == 0
    assert read_json(out) == data_read == load_map(path)
    MapStore.open(path).close()


# --- reading leaves no trace ---------------------------------------------------------------


def _leave_a_wal(path: Path) -> None:
    """An editor that stopped without closing: its last edit is only in the -wal file."""
    script = (
        "import os, sqlite3, sys\n"
        "conn = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "conn.execute('PRAGMA journal_mode = WAL')\n"
        "conn.execute(\"UPDATE map SET name = 'Renamed before the crash'\")\n"
        "os._exit(0)\n"
    )
    subprocess.run([sys.executable, "-c", script, str(path)], check=True)


@pytest.mark.parametrize("keep_shm", [True, False], ids=["wal-and-shm", "wal-alone"])
def test_read_only_commands_leave_nothing_beside_a_map_with_a_stray_wal(sample_file, keep_shm,
                                                                        capsys, tmp_path):
    _leave_a_wal(sample_file)
    shm = sample_file.with_name(sample_file.name + "-shm")
    if not keep_shm:
        shm.unlink()
    assert sample_file.with_name(sample_file.name + "-wal").exists()
    before = fingerprint(sample_file.parent)
    outside = tmp_path / "out"
    outside.mkdir()
    for command in (["info", sample_file], ["analyze", sample_file, "--json"],
                    ["export", sample_file, outside / "m.json"],
                    ["export", sample_file, outside / "m.svg"]):
        assert ecomap([str(a) for a in command]) == 0, capsys.readouterr().err
        assert fingerprint(sample_file.parent) == before, command
    assert "Renamed before the crash" in (outside / "m.json").read_text()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
@pytest.mark.parametrize("name", ["map.ecomap", "map.json"])
def test_a_named_pipe_is_refused_at_once_not_waited_on(tmp_path, name):
    pipe = tmp_path / name
    os.mkfifo(pipe)
    for args in (["info", str(pipe)], ["import", str(pipe), str(tmp_path / "new.ecomap")]):
        done = subprocess.run([sys.executable, "-m", "app.cli", *args], capture_output=True,
                              text=True, timeout=60, cwd=Path(__file__).parents[1])
        assert done.returncode == 2, done.stderr
        assert "is a pipe, not a" in done.stderr
    assert not (tmp_path / "new.ecomap").exists()


def test_a_folder_named_like_a_map_is_refused(tmp_path, capsys):
    (tmp_path / "odd.ecomap").mkdir()
    assert ecomap(["info", str(tmp_path / "odd.ecomap")]) == 2
    assert "is a folder, not a map file" in capsys.readouterr().err


# --- structure another program changed -------------------------------------------------------

STRUCTURE = {
    "a trigger that empties the connections on every edit": (
        "CREATE TRIGGER t AFTER UPDATE ON node BEGIN DELETE FROM edge; END", "trigger “t”"),
    "a view standing in for the node table": (
        "ALTER TABLE node RENAME TO node_real; CREATE VIEW node AS SELECT * FROM node_real",
        "view “node”"),
    "a node table rebuilt without its keys": (
        "CREATE TABLE n2 AS SELECT * FROM node; DROP TABLE node; ALTER TABLE n2 RENAME TO node",
        "node table"),
    "an extra column": ("ALTER TABLE edge ADD COLUMN weight INTEGER", "edge table"),
    "an index dropped": ("DROP INDEX ix_edge_source", "edge table has been changed"),
}


@pytest.mark.parametrize("name", list(STRUCTURE))
def test_a_map_whose_structure_was_changed_is_refused_before_anything_runs(name, sample_file,
                                                                          capsys):
    script, words = STRUCTURE[name]
    with contextlib.closing(sqlite3.connect(sample_file)) as conn:
        conn.executescript(script)
    before = fingerprint(sample_file.parent)
    with pytest.raises(BadMapFile, match="is damaged") as refused:
        MapStore.open(sample_file)
    assert words in str(refused.value)
    assert ecomap(["info", str(sample_file)]) == 2
    assert words in capsys.readouterr().err
    assert fingerprint(sample_file.parent) == before


# A map taken back to the first schema (revision 0001), as Ecomap's first version wrote it.
AS_REVISION_ONE = ("UPDATE alembic_version SET version_num = '0001'; "
                   "DROP INDEX ix_edge_source; DROP INDEX ix_edge_target; "
                   "ALTER TABLE snapshot DROP COLUMN note; ")


def test_a_trigger_in_an_older_map_never_runs_during_its_upgrade(sample_file):
    with contextlib.closing(sqlite3.connect(sample_file)) as conn:
        conn.executescript(AS_REVISION_ONE + "CREATE TRIGGER t AFTER UPDATE ON alembic_version "
                           "BEGIN DELETE FROM edge; END;")
    before = fingerprint(sample_file.parent)
    with pytest.raises(BadMapFile, match="trigger “t”"):
        MapStore.open(sample_file)
    assert fingerprint(sample_file.parent) == before


def test_a_flipped_byte_in_the_files_header_is_damage_not_a_read_only_disk(sample_file,
                                                                          capsys):
    raw = bytearray(sample_file.read_bytes())
    raw[18] = 7
    sample_file.write_bytes(bytes(raw))
    assert ecomap(["info", str(sample_file)]) == 2
    assert "is damaged" in capsys.readouterr().err


# --- what lies beside a map ----------------------------------------------------------------


def test_a_link_where_the_edit_lock_goes_is_refused_and_never_written_through(sample_file):
    precious = sample_file.parent / "precious.txt"
    precious.write_text("my notes")
    lock_path(sample_file).symlink_to(precious)
    with pytest.raises(BadMapFile, match="not a file Ecomap made"):
        MapStore.open(sample_file)
    assert precious.read_text() == "my notes"


@pytest.mark.parametrize("odd", ["folder", "pipe"])
def test_a_folder_or_pipe_where_the_edit_lock_goes_is_refused(sample_file, odd):
    where = lock_path(sample_file)
    where.mkdir() if odd == "folder" else os.mkfifo(where)
    with pytest.raises(BadMapFile, match="not a file Ecomap made"):
        MapStore.open(sample_file)


def test_a_link_where_the_upgrade_copy_goes_is_never_written_through(sample_file):
    with contextlib.closing(sqlite3.connect(sample_file)) as conn:
        conn.executescript(AS_REVISION_ONE)
    precious = sample_file.parent / "precious.txt"
    precious.write_text("my notes")
    sample_file.with_name(sample_file.name + ".before-upgrade").symlink_to(precious)
    before = sample_file.read_bytes()
    with pytest.raises(BadMapFile, match="is in the way"):
        MapStore.open(sample_file)
    assert precious.read_text() == "my notes" and sample_file.read_bytes() == before


def test_a_map_open_refused_on_a_nearly_full_disk_keeps_its_journal_mode(small_disk):
    path = import_json(SAMPLES / "workshop_starter.json", small_disk.folder / "w.ecomap")
    small_disk.fill(leave=16 * 1024)  # room to switch to WAL, not to set up its index
    before = fingerprint(small_disk.folder)
    with pytest.raises(StorageFailed, match="The disk holding “w.ecomap” is full"):
        MapStore.open(path)
    assert fingerprint(small_disk.folder) == before
    small_disk.free()
    MapStore.open(path).close()  # and with room again, it opens


def test_a_snapshot_nested_beyond_reason_does_not_stop_the_ways_back(sample_file):
    from app.recovery import recoveries_for

    deep = "[" * 100_000 + "]" * 100_000
    damage(sample_file, "UPDATE node SET label = '' WHERE pk = 1",
           f"INSERT INTO snapshot (name, taken_at, data) VALUES ('s', '2026-01-01', "
           f"'{{\"nodes\": {deep}}}')",
           "INSERT INTO snapshot (name, taken_at, data) VALUES (X'FF00', X'00', '{}')")
    assert recoveries_for(sample_file) == []
