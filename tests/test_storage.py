"""The .ecomap file: written whole, read back exactly, and bad files refused untouched."""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory

from app.domain import DEFAULT_CATEGORIES, Edge, MapData, Node
from app.errors import BadMapFile, MapLocked, NewerVersion, NotFound
from app.files import create_map
from app.storage import APPLICATION_ID, MapStore, migrate
from tests.conftest import make_map
from tests.old_maps import revision_one_map


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def files_in(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


@pytest.fixture
def saved_map(map_path) -> Path:
    MapStore.create(map_path, make_map("reps:people deck:content coach:process",
                                       "reps>deck coach-reps"))
    return map_path


def test_a_created_map_reads_back_exactly(map_path):
    data = MapData(
        "Acme", "desc", ("goal",), DEFAULT_CATEGORIES, {"thresholds": {"dominance_share": 0.6}},
        (Node("reps", "Reps", "people", "Learner group", True, 12, 1.5, 2.5, ("a",), "d",
              {"owner": "Sales", "n": 2, "ok": True}),
         Node("deck", "Deck", "content")),
        (Edge("e1", "reps", "deck", "uses", 5, False, "note"),),
    )
    MapStore.create(map_path, data)
    assert MapStore.read(map_path) == data


def test_a_map_at_rest_is_one_self_identifying_file(saved_map):
    assert files_in(saved_map.parent) == {saved_map.name}
    with contextlib.closing(sqlite3.connect(saved_map)) as conn:
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert conn.execute("PRAGMA user_version").fetchone()[0] == migrate.SCHEMA_NUMBER
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == migrate.HEAD


def test_creating_over_an_existing_file_is_refused(saved_map):
    before = digest(saved_map)
    with pytest.raises(BadMapFile, match="already exists"):
        MapStore.create(saved_map, make_map())
    assert digest(saved_map) == before


def test_a_failed_create_leaves_no_file_behind(map_path):
    bad = MapData("Broken", categories=DEFAULT_CATEGORIES,
                  edges=(Edge("e1", "ghost", "nobody"),))  # the rows cannot be written
    with pytest.raises(KeyError):
        MapStore.create(map_path, bad)
    assert files_in(map_path.parent) == set()


def _random_bytes(path: Path) -> None:
    path.write_bytes(bytes(range(256)) * 40)


def _other_program(path: Path) -> None:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER, total REAL)")
        conn.commit()


def _empty(path: Path) -> None:
    path.write_bytes(b"")


@pytest.mark.parametrize(("make", "message"), [
    (_random_bytes, "not a map file at all"),
    (_other_program, "made by another program"),
    (_empty, "not a map file at all"),
])
def test_files_that_are_not_maps_are_refused_and_left_untouched(map_path, make, message):
    make(map_path)
    before, names = digest(map_path), files_in(map_path.parent)
    for attempt in (MapStore.open, MapStore.read):
        with pytest.raises(BadMapFile, match=message):
            attempt(map_path)
    assert digest(map_path) == before and files_in(map_path.parent) == names


def test_a_truncated_map_is_called_damaged_and_left_untouched(tmp_path):
    big = tmp_path / "big.ecomap"
    nodes = " ".join(f"n{i}:content" for i in range(400))
    MapStore.create(big, make_map(nodes))
    cut = tmp_path / "cut.ecomap"
    cut.write_bytes(big.read_bytes()[: big.stat().st_size // 2])
    before = digest(cut)
    with pytest.raises(BadMapFile, match="damaged"):
        MapStore.open(cut)
    assert digest(cut) == before
    assert files_in(tmp_path) == {"big.ecomap", "cut.ecomap"}


def test_a_map_from_a_newer_ecomap_is_refused(saved_map):
    with contextlib.closing(sqlite3.connect(saved_map)) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0099'")
        conn.execute("PRAGMA user_version = 99")
        conn.commit()
    before = digest(saved_map)
    with pytest.raises(NewerVersion, match="newer version of Ecomap .* version 99"):
        MapStore.open(saved_map)
    assert digest(saved_map) == before


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(NotFound, match="no map file"):
        MapStore.open(tmp_path / "nowhere.ecomap")


def test_the_known_revisions_are_exactly_the_alembic_scripts():
    scripts = ScriptDirectory(str(migrate.MIGRATIONS))
    assert set(migrate.REVISIONS) == {s.revision for s in scripts.walk_revisions()}
    assert scripts.get_current_head() == migrate.HEAD


def _schema(path: Path) -> tuple:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return (sorted(conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master")),
                conn.execute("SELECT version_num FROM alembic_version").fetchall(),
                [conn.execute(f"PRAGMA {p}").fetchone()[0]
                 for p in ("application_id", "user_version")])


def test_a_new_map_has_exactly_the_schema_the_migrations_build(tmp_path, saved_map):
    """New maps are made from new_map.sql, without loading Alembic: after a new migration, that
    file must be written afresh (see the comment at its top) or this fails."""
    migrated = tmp_path / "migrated.ecomap"
    migrate.upgrade(migrated, MapStore._connect)
    assert _schema(saved_map) == _schema(migrated)


def test_an_older_map_is_brought_up_to_date_when_opened(map_path):
    revision_one_map(map_path)
    store = MapStore.open(map_path)
    try:
        assert [n.label for n in store.load().nodes] == ["Reps"]
    finally:
        store.close()
    with contextlib.closing(sqlite3.connect(map_path)) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0003"
        indexes = {r[1] for r in conn.execute("PRAGMA index_list(edge)")}
        assert {"ix_edge_source", "ix_edge_target"} <= indexes
    assert files_in(map_path.parent) == {map_path.name}  # the safety copy is gone once committed


def test_reading_an_older_map_leaves_it_as_it_was(map_path):
    revision_one_map(map_path)
    before = digest(map_path)
    assert MapStore.read(map_path).name == "Old map"
    assert digest(map_path) == before


def test_a_failed_upgrade_puts_the_original_back(map_path, monkeypatch):
    revision_one_map(map_path)
    before = digest(map_path)

    def broken(path, connect):
        conn = connect(path)
        conn.exec_driver_sql("DROP TABLE node")  # half-done damage, then a failure
        conn.commit()
        conn.close()
        conn.engine.dispose()
        raise RuntimeError("disk full")

    monkeypatch.setattr(migrate, "upgrade", broken)
    with pytest.raises(BadMapFile, match="could not be brought up to date. .*left as it was"):
        MapStore.open(map_path)
    assert digest(map_path) == before
    monkeypatch.undo()
    assert MapStore.read(map_path).nodes[0].label == "Reps"


def test_a_map_open_here_cannot_be_opened_for_editing_again(saved_map):
    store = MapStore.open(saved_map)
    try:
        with pytest.raises(MapLocked, match="already open for editing"):
            MapStore.open(saved_map)
        assert MapStore.read(saved_map).name == "Test map"  # reading is still fine
    finally:
        store.close()
    MapStore.open(saved_map).close()  # and once closed, it opens again


def test_a_second_process_is_told_the_map_is_open_elsewhere(saved_map):
    store = MapStore.open(saved_map)
    try:
        other = subprocess.run(
            [sys.executable, "-c",
             "import sys; from app.storage import MapStore\n"
             "try:\n    MapStore.open(sys.argv[1])\n"
             "except Exception as e:\n    print(type(e).__name__, e)",
             str(saved_map)],
            capture_output=True, text=True, check=True)
    finally:
        store.close()
    assert other.stdout.startswith("MapLocked")
    assert "open for editing elsewhere" in other.stdout


def test_save_as_writes_a_complete_copy(saved_map, tmp_path):
    store = MapStore.open(saved_map)
    try:
        store.copy_to(tmp_path / "copy.ecomap")
    finally:
        store.close()
    assert MapStore.read(tmp_path / "copy.ecomap") == MapStore.read(saved_map)


def test_save_as_leaves_a_single_file_at_rest_and_nothing_else(saved_map, tmp_path):
    target = tmp_path / "out" / "copy.ecomap"
    target.parent.mkdir()
    store = MapStore.open(saved_map)
    try:
        store.copy_to(target)
    finally:
        store.close()
    assert sorted(p.name for p in target.parent.iterdir()) == ["copy.ecomap"]
    assert target.read_bytes()[18:20] == b"\x01\x01"  # rollback journal, not WAL


def test_save_as_over_an_existing_file_fails_whole_or_not_at_all(saved_map, tmp_path):
    target = tmp_path / "taken"
    target.mkdir()  # a folder where the copy should go: the rename must fail
    before = sorted(tmp_path.iterdir())
    store = MapStore.open(saved_map)
    try:
        with pytest.raises(OSError):
            store.copy_to(target)
    finally:
        store.close()
    assert sorted(tmp_path.iterdir()) == before and target.is_dir()


@pytest.mark.skipif(os.name == "nt", reason="POSIX file modes")
def test_save_as_gives_the_copy_the_usual_permissions(saved_map, tmp_path):
    store = MapStore.open(saved_map)
    try:
        store.copy_to(tmp_path / "copy.ecomap")
    finally:
        store.close()
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE((tmp_path / "copy.ecomap").stat().st_mode) == 0o666 & ~mask


def test_save_as_never_replaces_a_map_open_for_editing(saved_map, tmp_path):
    other = create_map(tmp_path / "other.ecomap", make_map("someone:people", name="Theirs"))
    editing = MapStore.open(other)
    store = MapStore.open(saved_map)
    try:
        with pytest.raises(MapLocked):
            store.copy_to(other)
    finally:
        store.close()
        editing.close()
    assert MapStore.read(other).name == "Theirs"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


def _structure(path: Path) -> dict:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return {(kind, name): sql for kind, name, sql in
                conn.execute("SELECT type, name, sql FROM sqlite_master")}


def test_the_written_out_structure_is_what_the_migrations_make(tmp_path):
    """A map is refused unless its tables are exactly these: they must not drift from what
    the migrations create, fresh or by upgrading an older file."""
    from app.storage.schema_check import EXPECTED

    fresh = tmp_path / "fresh.ecomap"
    MapStore.create(fresh, make_map("reps:people"))
    assert _structure(fresh) == EXPECTED[migrate.HEAD]
    old = tmp_path / "old.ecomap"
    revision_one_map(old)
    assert _structure(old) == EXPECTED["0001"]
    MapStore.open(old).close()
    assert _structure(old) == EXPECTED[migrate.HEAD]
    assert set(EXPECTED) == set(migrate.REVISIONS)
