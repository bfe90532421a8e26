"""Importing a 10,000-row XLSX catalogue with 30,000 connections into a new .ecomap, beside the
least work that reads the same workbook (openpyxl, read-only) and stores the same rows (sqlite3).

The catalogue is written the way Kumu users keep one: an Elements sheet (Label, Type,
Description, Tags and two columns of their own) and a Connections sheet (From and To by label,
Type, Strength, Direction); no IDs and no positions, so every end is found by its label and
every piece is laid out.
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
from collections import Counter
from pathlib import Path

from app.files import create_map
from app.interchange import workbooks
from app.interchange.plan import make_plan
from app.interchange.sources import read_source
from benchmarks.bench_storage import BARE_SCHEMA
from benchmarks.generate import large_map
from benchmarks.harness import Result, best_of

READER = workbooks.READER
ELEMENTS = ("Label", "Type", "Description", "Tags", "Owner", "Hours")
CONNECTIONS = ("From", "To", "Type", "Strength", "Direction")


def write_catalogue(path: Path) -> None:
    import openpyxl

    data = large_map()
    labels = unique_labels(data.nodes)
    book = openpyxl.Workbook(write_only=True)
    elements = book.create_sheet("Elements")
    elements.append(ELEMENTS)
    for i, n in enumerate(data.nodes):
        elements.append([labels[n.id], n.kind, f"About {n.label.lower()}", "generated|catalogue",
                         f"Team {i % 40}", (i % 12) + 0.5])
    connections = book.create_sheet("Connections")
    connections.append(CONNECTIONS)
    for e in data.edges:
        connections.append([labels[e.source], labels[e.target], e.kind, e.strength,
                            "directed" if e.directed else "undirected"])
    book.save(path)


def unique_labels(nodes) -> dict[str, str]:
    """Each node's label, numbered where the generated map repeats one ("Forklift safety video
    series (2)"): a catalogue without IDs names each element once, or its rows are ambiguous."""
    seen: Counter = Counter()
    labels = {}
    for n in nodes:
        seen[n.label] += 1
        labels[n.id] = n.label if seen[n.label] == 1 else f"{n.label} ({seen[n.label]})"
    return labels


def ecomap_import(source: Path, target: Path) -> None:
    """The whole pipeline a user runs: read, plan (types, matching, checks), write the map."""
    plan = make_plan(read_source(source))
    assert plan.ready, plan.problems[:3]
    create_map(target, plan.new_map())


def bare_import(source: Path, target: Path) -> None:
    """openpyxl's read-only rows straight into sqlite3: no checks, no plan, no layout."""
    import openpyxl

    book = openpyxl.load_workbook(source, read_only=True, data_only=True)
    element_rows = list(book["Elements"].iter_rows(min_row=2, values_only=True))
    connection_rows = list(book["Connections"].iter_rows(min_row=2, values_only=True))
    book.close()
    conn = sqlite3.connect(target)
    conn.executescript(BARE_SCHEMA)
    pk = {row[0]: i for i, row in enumerate(element_rows, 1)}
    with conn:
        conn.executemany("INSERT INTO node VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", [
            (i, f"n{i}", label, "content", kind, False, None, None, None,
             json.dumps(tags.split("|")), description, json.dumps({"Owner": owner,
                                                                    "Hours": hours}))
            for i, (label, kind, description, tags, owner, hours) in enumerate(element_rows, 1)])
        conn.executemany("INSERT INTO edge VALUES (?,?,?,?,?,?,?,?)", [
            (i, f"e{i}", pk[a], pk[b], kind, strength, direction == "directed", "")
            for i, (a, b, kind, strength, direction) in enumerate(connection_rows, 1)])
    conn.close()


def measure() -> list[Result]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = folder / "catalogue.xlsx"
        write_catalogue(source)
        counter = iter(range(1000))

        def fresh(name: str) -> Path:
            return folder / f"{name}{next(counter)}.ecomap"

        bare = best_of(3, lambda: bare_import(source, fresh("bare")))
        ours = best_of(3, lambda: ecomap_import(source, fresh("ours")))
        fallback = _with_reader("openpyxl", lambda: best_of(
            2, lambda: ecomap_import(source, fresh("fallback"))))
    return [Result(f"import 10,000-row XLSX, 30,000 connections ({READER})",
                   ours, baseline=bare, ratio_target=3.0),
            Result("the same, read by openpyxl (no python-calamine)", fallback,
                   baseline=bare, ratio_target=3.0)]


def _with_reader(name: str, work):
    """The figure with another reader: python-calamine is why imports are this fast."""
    kept = workbooks.READER
    workbooks.READER = name
    try:
        return work()
    finally:
        workbooks.READER = kept


if __name__ == "__main__":
    from benchmarks.harness import print_table

    print_table(measure())
