"""The tables an .ecomap file must hold, exactly as Ecomap's own migrations create them.

A file's rows are checked by the map's rules (``reader``); its structure is checked here first.
Anything another program added or changed — a trigger that runs on every edit, a view standing
in for a table, a table rebuilt without its keys — could run hidden SQL or make an edit land in
the wrong row, so such a file is refused as damaged before anything reads or writes it. The
schema of each revision is written out below; a test rebuilds it from the migrations, so the two
cannot drift apart.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from app.errors import DamagedMap

# sqlite_master as the migrations leave it at revision 0001: (type, name) -> CREATE statement.
_FIRST: dict[tuple[str, str], str | None] = {
    ("index", "sqlite_autoindex_alembic_version_1"): None,
    ("index", "sqlite_autoindex_category_1"): None,
    ("index", "sqlite_autoindex_edge_1"): None,
    ("index", "sqlite_autoindex_node_1"): None,
    ("table", "alembic_version"): (
        "CREATE TABLE alembic_version (\n\tversion_num VARCHAR(32) NOT NULL, \n"
        "\tCONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)\n)"),
    ("table", "category"): (
        'CREATE TABLE category (\n\t"key" VARCHAR(40) NOT NULL, \n\tname TEXT NOT NULL, \n'
        "\tcolor VARCHAR(7) NOT NULL, \n\tshape VARCHAR(20) NOT NULL, \n"
        '\tposition INTEGER NOT NULL, \n\tPRIMARY KEY ("key")\n)'),
    ("table", "edge"): (
        "CREATE TABLE edge (\n\tpk INTEGER NOT NULL, \n\text_id TEXT NOT NULL, \n"
        "\tsource INTEGER NOT NULL, \n\ttarget INTEGER NOT NULL, \n"
        "\tkind TEXT DEFAULT '' NOT NULL, \n\tstrength INTEGER DEFAULT '3' NOT NULL, \n"
        "\tdirected BOOLEAN DEFAULT 1 NOT NULL, \n\tnote TEXT DEFAULT '' NOT NULL, \n"
        "\tPRIMARY KEY (pk), \n\tUNIQUE (ext_id), \n\tFOREIGN KEY(source) REFERENCES node (pk), "
        "\n\tFOREIGN KEY(target) REFERENCES node (pk)\n)"),
    ("table", "map"): (
        "CREATE TABLE map (\n\tid INTEGER NOT NULL, \n\tname TEXT NOT NULL, \n"
        "\tdescription TEXT DEFAULT '' NOT NULL, \n\tgoals JSON NOT NULL, \n"
        "\tsettings JSON NOT NULL, \n\tPRIMARY KEY (id)\n)"),
    ("table", "node"): (
        "CREATE TABLE node (\n\tpk INTEGER NOT NULL, \n\text_id TEXT NOT NULL, \n"
        "\tlabel TEXT NOT NULL, \n\tcategory VARCHAR(40) NOT NULL, \n"
        "\tkind TEXT DEFAULT '' NOT NULL, \n\tinformal BOOLEAN DEFAULT 0 NOT NULL, \n"
        "\treach INTEGER, \n\tx FLOAT, \n\ty FLOAT, \n\ttags JSON NOT NULL, \n"
        "\tdescription TEXT DEFAULT '' NOT NULL, \n\tattributes JSON NOT NULL, \n"
        '\tPRIMARY KEY (pk), \n\tUNIQUE (ext_id), \n\tFOREIGN KEY(category) REFERENCES '
        'category ("key")\n)'),
    ("table", "snapshot"): (
        "CREATE TABLE snapshot (\n\tpk INTEGER NOT NULL, \n\tname TEXT NOT NULL, \n"
        "\ttaken_at TEXT NOT NULL, \n\tdata JSON NOT NULL, \n\tPRIMARY KEY (pk)\n)"),
}

_SECOND = {**_FIRST,
           ("index", "ix_edge_source"): "CREATE INDEX ix_edge_source ON edge (source)",
           ("index", "ix_edge_target"): "CREATE INDEX ix_edge_target ON edge (target)"}

EXPECTED: dict[str, dict[tuple[str, str], str | None]] = {
    "0001": _FIRST,
    "0002": _SECOND,
    "0003": {**_SECOND,  # snapshots gain a note (SQLite writes the new column in place)
             ("table", "snapshot"): (
                 "CREATE TABLE snapshot (\n\tpk INTEGER NOT NULL, \n\tname TEXT NOT NULL, \n"
                 "\ttaken_at TEXT NOT NULL, \n\tdata JSON NOT NULL, "
                 "note TEXT DEFAULT '' NOT NULL, \n\tPRIMARY KEY (pk)\n)")},
}

# What SQLite itself may add to any database (statistics from ANALYZE): harmless.
_HARMLESS = frozenset({"sqlite_stat1", "sqlite_stat2", "sqlite_stat3", "sqlite_stat4"})


def check_schema(conn: sqlite3.Connection, path: Path, revision: str) -> None:
    """Refuse (``DamagedMap``) a file whose structure is not what revision ``revision`` of
    Ecomap made: extra triggers, views or tables, missing or changed ones."""
    expected = EXPECTED.get(revision)
    if expected is None:
        return  # a revision this Ecomap does not know is refused by its caller
    rows = [row for row in conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master")
            if row[1] not in _HARMLESS]
    found = {(kind, name): sql for kind, name, _table, sql in rows}
    table_of = {(kind, name): table for kind, name, table, _sql in rows}
    problem = _first_problem(found, expected, table_of)
    if problem:
        raise _changed(path, problem)


def _first_problem(found: dict, expected: dict, table_of: dict) -> str | None:
    """The most telling difference: hidden code first, then whole tables, then their indexes
    (which users know only as part of the table they belong to)."""
    extra = set(found) - set(expected)
    for kind, name in sorted(k for k in extra if k[0] in ("trigger", "view")):
        return (f"it holds a {kind} “{name}” that Ecomap did not put there, which could change "
                f"the map behind your back")
    tables = sorted(k for k in expected if k[0] == "table")
    for key in tables:
        if key not in found:
            return f"its {key[1]} table is missing"
    for key in tables:
        if found[key] != expected[key]:
            return f"its {key[1]} table has been changed by another program"
    for _kind, name in sorted(k for k in extra if k[0] == "table"):
        return f"it holds a table “{name}” that Ecomap did not put there"
    for key in sorted(extra | {k for k in expected if found.get(k, "") != expected[k]}):
        table = table_of.get(key) or _table_of_expected(key, expected)
        return f"its {table} table has been changed by another program"
    return None


def _table_of_expected(key: tuple[str, str], expected: dict) -> str:
    sql = expected.get(key) or ""
    return sql.split(" ON ")[1].split()[0] if " ON " in sql else key[1].split("_")[-2]


def _changed(path: Path, what: str) -> DamagedMap:
    return DamagedMap(
        f"“{path.name}” is damaged and cannot be opened: {what}. The file has been left as it "
        f"is; open an earlier copy or export if you have one.")
