"""Layouts judged by numbers, beside Graphviz's ``neato`` and ``sfdp`` on the same maps.

For every layout of the Map menu, the layout an imported map gets, and Graphviz, on the sample
maps and on generated maps of 50, 300 and 2,000 nodes (two connections a node, as in the realistic maps; realistic
labels): connections crossing, nodes sitting on a
connection not their own, overlapping labels (shape-and-label boxes), the room the map takes per
node and how well building blocks keep together. Every figure uses the same label boxes
(``app.label_boxes``) and straight connections, as the canvas draws them; Graphviz is given the
same boxes as node sizes, with its overlap removal on. Graphviz comes from the system's packages
(``apt-get install graphviz``) and is used here only; without it its rows are left out, with a
note. The times go into the main table, the 10,000-node map's too.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

from app.arrange import LAYOUTS, arrange
from app.domain import MapData
from app.interchange import read_json
from app.label_boxes import LabelStyle
from app.layout import auto_layout
from app.layout_measures import Readability, readability
from app.sketch import Sketch
from benchmarks.generate import large_map
from benchmarks.harness import Result

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "sample_maps"
TWO_ISLANDS = REPO / "tests" / "data" / "layouts" / "two_islands.json"  # the 12 nodes
GRAPHVIZ = ("neato", "sfdp")
GENERATED = (50, 300, 2000)
TIMED_SIZE = 2000  # the size whose layout time is held to a target
TIMED_TARGET = 3.0  # seconds: a big map's layout done while the user watches it glide


def maps() -> list[tuple[str, MapData]]:
    paths = sorted(SAMPLES.glob("*.json")) + [TWO_ISLANDS]
    found = [(path.stem, read_json(path)) for path in paths]
    found += [(f"generated {n:,}", large_map(n, 2 * n, seed=n)) for n in GENERATED]
    return [(name, unplaced(data)) for name, data in found]


def unplaced(data: MapData) -> MapData:
    """The map with no positions, as an import without coordinates brings it."""
    return replace(data, nodes=tuple(replace(n, x=None, y=None) for n in data.nodes))


def ours(data: MapData) -> dict[str, tuple[MapData, float]]:
    """Each of our layouts of ``data``, with how long it took."""
    results = {}
    for name in LAYOUTS:
        start = time.perf_counter()
        positions = arrange(data, name)
        results[name] = (data.with_positions(positions), time.perf_counter() - start)
    start = time.perf_counter()
    positions = auto_layout(data)
    results["on import"] = (data.with_positions(positions), time.perf_counter() - start)
    return results


def graphviz(data: MapData, program: str) -> tuple[MapData, float] | None:
    """Graphviz's layout of ``data``, given each node's box as its size; None if it fails."""
    sketch = Sketch.of(data, (), LabelStyle())
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "map.gv"
        source.write_text(_dot(sketch), encoding="utf-8")
        start = time.perf_counter()
        done = subprocess.run([program, "-Tplain", str(source)], capture_output=True, text=True,
                              timeout=600, check=False)
        took = time.perf_counter() - start
    if done.returncode != 0:
        return None
    centres = _plain_positions(done.stdout, len(sketch.ids))
    offset = (sketch.boxes[:, :2] + sketch.boxes[:, 2:]) / 2  # Graphviz places box centres
    pos = centres - offset
    return data.with_positions({i: tuple(p) for i, p in zip(sketch.ids, pos.tolist(),
                                                             strict=True)}), took


def _dot(sketch: Sketch) -> str:
    """The network as Graphviz reads it: nodes numbered, sized in inches (72 points each)."""
    size = (sketch.boxes[:, 2:] - sketch.boxes[:, :2]) / 72
    lines = ["graph map {", '  graph [overlap=prism, sep="+5", outputorder=edgesfirst];',
             '  node [shape=box, fixedsize=true, label=""];']
    lines += [f"  n{i} [width={w:.3f}, height={h:.3f}];" for i, (w, h) in enumerate(size)]
    lines += [f"  n{a} -- n{b};" for a, b in sketch.edges]
    return "\n".join(lines + ["}"])


def _plain_positions(plain: str, count: int) -> np.ndarray:
    pos = np.zeros((count, 2))
    for line in plain.splitlines():
        parts = line.split()
        if parts and parts[0] == "node":
            pos[int(parts[1][1:])] = float(parts[2]) * 72, -float(parts[3]) * 72  # y grows down
    return pos


def _row(name: str, figures: Readability, seconds: float) -> str:
    return (f"  {name:<12} {figures.crossings:>9} {figures.nodes_on_edges:>13} "
            f"{figures.label_overlaps:>14} {figures.room_per_node:>12.1f} "
            f"{figures.grouping:>9.0%} {figures.island_gap:>11.1f} {seconds:>9.2f}s")


def print_figures(name: str, data: MapData, have_graphviz: bool) -> dict[str, float]:
    print(f"\n{name}: {len(data.nodes):,} nodes, {len(data.edges):,} connections")
    print(f"  {'layout':<12} {'crossings':>9} {'nodes on edge':>13} {'label overlaps':>14} "
          f"{'room/node':>12} {'grouping':>9} {'island gap':>11} {'time':>10}")
    times = {}
    for layout, (laid, seconds) in ours(data).items():
        print(_row(layout, readability(laid), seconds), flush=True)
        times[layout] = seconds
    for program in GRAPHVIZ if have_graphviz else ():
        result = graphviz(data, program)
        if result is None:
            print(f"  {program:<12} (failed)")
        else:
            print(_row(program, readability(result[0]), result[1]), flush=True)
    return times


def measure() -> list[Result]:
    have_graphviz = all(shutil.which(p) for p in GRAPHVIZ)
    print("\nLayouts: connections crossing; (node, connection) pairs where a connection runs "
          "through a node's box not its own; overlapping labels; room the map takes per node, "
          "in node-and-label boxes; share of nodes nearer their own block's middle than any "
          "other's; furthest island from the main map, in label heights; time")
    if not have_graphviz:
        print("  (Graphviz's neato/sfdp not found: install the system's graphviz package to "
              "see its figures beside ours)")
    results = []
    for name, data in maps():
        times = print_figures(name, data, have_graphviz)
        if len(data.nodes) == TIMED_SIZE:
            results += [Result(f"layout {TIMED_SIZE:,} nodes: {layout}", seconds, TIMED_TARGET)
                        for layout, seconds in times.items()]
    big = unplaced(large_map())
    for layout in LAYOUTS:
        start = time.perf_counter()
        arrange(big, layout)
        results.append(Result(f"layout 10,000 nodes: {layout} (in the background)",
                              time.perf_counter() - start))
    return results
