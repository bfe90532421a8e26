"""Read a whole map out of an .ecomap file, trusting nothing in it.

SQLite stores whatever it is given in any column, so a file whose tables are sound can still
hold rows that break the map's rules: an edge to a missing node, a node in a block the map does
not have, tags that are not JSON, a strength of 99. Every row is decoded here and the whole map
is checked by the same rules as an imported JSON file (``domain.check_map``). A problem is
reported as damage, naming the table, the row and the field, with SQLite's own words last.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from app.domain import (
    Category,
    Edge,
    MapData,
    Node,
    Snapshot,
    check_map,
    check_tags,
    check_text,
    shown,
)
from app.errors import BadInput, DamagedMap
from app.quoting import describe
from app.storage.stored_snapshot import StoredSnapshot

NODE_COLUMNS = ("pk", "ext_id", "label", "category", "kind", "informal", "reach", "x", "y",
                "tags", "description", "attributes")
EDGE_COLUMNS = ("pk", "ext_id", "source", "target", "kind", "strength", "directed", "note")
CATEGORY_COLUMNS = ("key", "name", "color", "shape")
MAP_COLUMNS = ("name", "description", "goals", "settings")
SNAPSHOT_COLUMNS = ("pk", "name", "taken_at", "data", "note")
# A snapshot's row as the file is opened: its data as bytes, left undecoded, and its counts of
# pieces and connections (``stored_snapshot``). Each JSON function reads the whole text again,
# so only these two; one that is not JSON at all makes SQLite refuse the query, and then every
# snapshot is read in full, as the file's other rows are, to say which one it is.
SNAPSHOT_LIST = ("pk", "name", "taken_at", "CAST(data AS BLOB)", "note",
                 "json_array_length(data, '$.nodes')", "json_array_length(data, '$.edges')")
LAST_ROW = 2**62  # far beyond any map; SQLite's row numbers end at 2**63 - 1


@dataclass(frozen=True)
class FileMap:
    """A checked map and the row numbers behind it, which the store writes by."""

    data: MapData
    node_pks: dict[str, int]
    next_edge_pk: int


class RowProblem(Exception):
    """One row breaks the rules: where it is, and what is wrong."""

    def __init__(self, where: str, message: str):
        super().__init__(f"{where}: {message}")
        self.where = where
        self.message = message


def damaged(path: Path, what: str, detail: object | None = None) -> DamagedMap:
    """The one message for a map file that cannot be trusted: plain words first, where the
    problem is, what to do, and SQLite's own words last for whoever supports Ecomap."""
    support = f" (Detail for support: {detail}.)" if detail else ""
    return DamagedMap(
        f"“{path.name}” is damaged and cannot be opened: {what}. The file has been left as it "
        f"is; open an earlier copy or export if you have one.{support}")


def read_map(conn: sqlite3.Connection, path: Path) -> FileMap:
    """The whole map in the file open as ``conn``, checked; or ``BadMapFile`` saying where."""
    try:
        return _read(conn)
    except RowProblem as problem:
        raise damaged(path, f"in {problem.where}, {problem.message}") from None
    except sqlite3.DatabaseError as exc:
        raise damaged(path, _unreadable(exc), exc) from None


def _unreadable(exc: sqlite3.DatabaseError) -> str:
    text = str(exc)
    if match := re.match(r"no such table: (\w+)", text):
        return f"its {match.group(1)} table is missing"
    if match := re.match(r"no such column: (\w+)", text):
        return f"a table has lost its {match.group(1)} column"
    return "part of it cannot be read"


def _read(conn: sqlite3.Connection) -> FileMap:
    head = _map_row(conn)
    categories = tuple(Category(*row) for row in _rows(conn, "category", CATEGORY_COLUMNS,
                                                         "ORDER BY position"))
    node_rows = _rows(conn, "node", NODE_COLUMNS, "ORDER BY pk")
    edge_rows = _rows(conn, "edge", EDGE_COLUMNS, "ORDER BY pk")
    nodes = tuple(_node(row) for row in node_rows)
    ext_by_pk = {row[0]: row[1] for row in node_rows}
    edges = tuple(_edge(row, ext_by_pk) for row in edge_rows)
    try:
        snapshot_rows = _rows(conn, "snapshot", SNAPSHOT_LIST, "ORDER BY pk")
        snapshots = tuple(_listed_snapshot(row) for row in snapshot_rows)
    except sqlite3.OperationalError as error:
        if "JSON" not in str(error):
            raise
        snapshot_rows = _rows(conn, "snapshot", SNAPSHOT_COLUMNS, "ORDER BY pk")
        snapshots = tuple(_snapshot(row) for row in snapshot_rows)
    name, description, goals, settings = head
    data = MapData(name, description, goals, categories, settings, nodes, edges, snapshots)
    try:
        check_map(data)
    except BadInput as problem:
        raise _located(problem, {"nodes": node_rows, "edges": edge_rows,
                                 "snapshots": snapshot_rows}, categories) from None
    if max((row[0] for row in (*node_rows, *edge_rows)), default=0) >= LAST_ROW:
        raise RowProblem("the node and edge tables", "their row numbers have run out")
    return FileMap(data, {ext: pk for pk, ext in ext_by_pk.items()},
                   max((row[0] for row in edge_rows), default=0) + 1)


def _rows(conn: sqlite3.Connection, table: str, columns: tuple[str, ...], order: str) -> list:
    query = f"SELECT {', '.join(columns)} FROM {table} {order}"
    try:
        return conn.execute(query).fetchall()
    except sqlite3.OperationalError as exc:
        if "no such column" in str(exc):
            raise RowProblem(f"the {table} table", "a column Ecomap needs is missing") from None
        if "decode" not in str(exc).lower():
            raise
    # Text that is not UTF-8: read the raw bytes to say which row and field hold it.
    saved, conn.text_factory = conn.text_factory, bytes
    try:
        for row in conn.execute(query):
            for column, value in zip(columns, row, strict=True):
                if isinstance(value, bytes):
                    try:
                        value.decode("utf-8")
                    except UnicodeDecodeError:
                        raise RowProblem(_row_place(table, row[0], None, column),
                                         "the text is not readable (not UTF-8)") from None
    finally:
        conn.text_factory = saved
    raise sqlite3.DatabaseError(f"the {table} table could not be read")


def _map_row(conn: sqlite3.Connection) -> tuple[str, str, tuple[str, ...], dict]:
    rows = conn.execute(f"SELECT {', '.join(MAP_COLUMNS)} FROM map").fetchall()
    if len(rows) != 1:
        raise RowProblem("the map table", "the map's own record (its name and settings) is "
                         "missing" if not rows else f"there are {len(rows)} map records "
                         "where there should be one")
    name, description, goals, settings = rows[0]
    where = "the map table"
    return (_field(check_text, name, where, "name", required=True, limit=200),
            _field(check_text, description, where, "description"),
            _field(check_tags, _decoded(goals, list, where, "goals"), where, "goals"),
            _decoded(settings, dict, where, "settings"))


def _field(check, value, where: str, name: str, **rules):
    try:
        return check(value, name, **rules)
    except BadInput as problem:
        raise RowProblem(where, f"{name}: {problem.message}") from None


def _decoded(text: Any, kind: type, where: str, name: str) -> Any:
    """A JSON column's value, which must decode to ``kind`` (a list or an object)."""
    if text is None or text == ("[]" if kind is list else "{}"):
        return kind()
    try:
        if not isinstance(text, str):
            raise ValueError
        value = json.loads(text, parse_constant=_refuse_constant)
    except (ValueError, RecursionError):
        raise RowProblem(where, f"{name}: is not readable (it should hold "
                         f"{'a list' if kind is list else 'an object'} in JSON)") from None
    if not isinstance(value, kind):
        raise RowProblem(where, f"{name}: should hold {'a list' if kind is list else 'an object'}"
                         f", not {shown(value)}")
    return value


def _refuse_constant(name: str):
    raise ValueError(name)


def _flag(value: Any) -> Any:
    """SQLite keeps true/false as 1/0; anything else is left for the check to name."""
    return bool(value) if type(value) is int and value in (0, 1) else value


def _node(row: tuple) -> Node:
    pk, ext_id, label, cat, kind, informal, reach, x, y, tags, description, attributes = row
    where = _row_place("node", pk, ext_id)
    return Node(ext_id, label, cat, kind if kind is not None else "", _flag(informal), reach,
                x, y, tuple(_decoded(tags, list, where, "tags")),
                description if description is not None else "",
                _decoded(attributes, dict, where, "attributes"))


def _edge(row: tuple, ext_by_pk: dict[int, str]) -> Edge:
    pk, ext_id, source, target, kind, strength, directed, note = row
    ends = []
    for end, node_pk in (("source", source), ("target", target)):
        if node_pk not in ext_by_pk:
            raise RowProblem(_row_place("edge", pk, ext_id),
                             f"{end}: points to a node ({_row(node_pk)}) that is not in the "
                             "map")
        ends.append(ext_by_pk[node_pk])
    return Edge(ext_id, *ends, kind if kind is not None else "", strength, _flag(directed),
                note if note is not None else "")


def _listed_snapshot(row: tuple) -> Snapshot:
    """A snapshot with its records left to decode on first use (its name, note and date
    checked now)."""
    pk, name, taken_at, raw, note, nodes, edges = row
    if not isinstance(raw, bytes):  # no data at all: read as it is, to say so
        return _snapshot((pk, name, taken_at, raw, note))
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        raise RowProblem(_row_place("snapshot", pk, None, "data"),
                         "the text is not readable (not UTF-8)") from None
    plain = _snapshot((pk, name, taken_at, "{}", note))
    return StoredSnapshot.from_row(plain.name, plain.taken_at, plain.note, raw, nodes or 0,
                                   edges or 0)


def _snapshot(row: tuple) -> Snapshot:
    pk, name, taken_at, data, note = row
    where = _row_place("snapshot", pk, None)
    name = _field(check_text, name, where, "name", required=True)
    note = _field(check_text, note, where, "note")
    taken_at = _field(check_text, taken_at, where, "taken_at", required=True)
    try:
        datetime.fromisoformat(taken_at)
    except ValueError:
        raise RowProblem(where, f"taken_at: {shown(taken_at)} is not a date") from None
    data = _decoded(data, dict, where, "data")
    parts = []
    for part in ("nodes", "edges", "categories"):
        items = data.get(part) or []
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            raise RowProblem(where, f"data.{part}: should be a list of objects")
        parts.append(tuple(items))
    settings = data.get("settings") or {}
    if not isinstance(settings, dict):
        raise RowProblem(where, "data.settings: should be an object")
    nodes, edges, categories = parts
    return Snapshot(name, taken_at, nodes, edges, note, categories, settings)


def _row(pk: Any) -> str:
    return f"row {pk}" if isinstance(pk, int) else describe(pk)


def _row_place(table: str, pk: Any, ext_id: Any, column: str | None = None) -> str:
    named = f" ({shown(ext_id)})" if isinstance(ext_id, str) else ""
    place = f"the {table} table, {_row(pk)}{named}"
    return f"{place}, field {column}" if column else place


_PATH = re.compile(r"^(nodes|edges|snapshots|categories)\[(\d+)\]\.?(.*)$")


def _located(problem: BadInput, rows_of: dict[str, list], categories) -> RowProblem:
    """``check_map`` names places as a JSON file has them (``nodes[12].category``): say
    instead where they are in the file (the node table, row 40, ``category``)."""
    where = problem.where or ""
    match = _PATH.match(where)
    if match is None:  # settings and the map's own fields live in its one map record
        return RowProblem("the map table", f"{where}: {problem.message}" if where
                          else problem.message)
    part, index, field = match.group(1), int(match.group(2)), match.group(3)
    if part == "categories":
        key = categories[index].key
        place = f"the category table, row for {shown(key) if isinstance(key, str) else describe(key)}"
    else:
        row = rows_of[part][index]
        place = _row_place(part[:-1], row[0], row[1] if part != "snapshots" else None)
    return RowProblem(place, f"{field}: {problem.message}" if field else problem.message)
