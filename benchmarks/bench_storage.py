"""The .ecomap file: importing the 10k map against a bare sqlite3 insert, and one committed edit."""

from __future__ import annotations

import json
import sqlite3
import tempfile
import time
from pathlib import Path

from app.document import MapDocument
from app.files import create_map
from app.ops import MoveNodes, UpdateNode
from benchmarks.generate import large_map
from benchmarks.harness import Result, best_of, median_of

BARE_SCHEMA = """
CREATE TABLE node (pk INTEGER PRIMARY KEY, ext_id TEXT UNIQUE, label TEXT, category TEXT,
  kind TEXT, informal INT, reach INT, x REAL, y REAL, tags TEXT, description TEXT,
  attributes TEXT);
CREATE TABLE edge (pk INTEGER PRIMARY KEY, ext_id TEXT UNIQUE, source INT, target INT,
  kind TEXT, strength INT, directed INT, note TEXT);
"""


def bare_insert(data, path: Path) -> None:
    """The least work that stores the same rows: sqlite3, one transaction, executemany."""
    conn = sqlite3.connect(path)
    conn.executescript(BARE_SCHEMA)
    pk = {n.id: i for i, n in enumerate(data.nodes, 1)}
    with conn:
        conn.executemany("INSERT INTO node VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", [
            (pk[n.id], n.id, n.label, n.category, n.kind, n.informal, n.reach, n.x, n.y,
             json.dumps(list(n.tags)), n.description, json.dumps(dict(n.attributes)))
            for n in data.nodes])
        conn.executemany("INSERT INTO edge VALUES (?,?,?,?,?,?,?,?)", [
            (i, e.id, pk[e.source], pk[e.target], e.kind, e.strength, e.directed, e.note)
            for i, e in enumerate(data.edges, 1)])
    conn.close()


def measure() -> list[Result]:
    data = large_map()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        counter = iter(range(1000))

        def fresh(name: str) -> Path:
            return folder / f"{name}{next(counter)}.ecomap"

        bare = best_of(3, lambda: bare_insert(data, fresh("bare")))
        ours = best_of(3, lambda: create_map(fresh("ours"), data))
        results = [Result("import 10,000 nodes / 30,000 edges into a new .ecomap", ours,
                          baseline=bare, ratio_target=3.0)]
        path = fresh("edit")
        create_map(path, data)
        results += _edits(path)
    return results


def _edits(path: Path) -> list[Result]:
    doc = MapDocument.open(path)
    try:
        moves, renames = [], []
        for i in range(300):
            start = time.perf_counter()
            doc.apply(MoveNodes({f"n{i}": (i * 3.0, i * 2.0)}))
            moves.append(time.perf_counter() - start)
            start = time.perf_counter()
            doc.apply(UpdateNode(f"n{i}", {"label": f"Renamed {i}"}))
            renames.append(time.perf_counter() - start)
    finally:
        doc.close()
    return [
        Result("one edit committed (move a node), median of 300", median_of(moves), 0.005),
        Result("one edit committed (rename a node), median of 300", median_of(renames), 0.005),
    ]
