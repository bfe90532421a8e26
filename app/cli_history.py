"""``ecomap snapshot``, ``ecomap snapshots`` and ``ecomap diff``: the map's history on the
command line — record the map as it is, list what was recorded, and say what changed."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.errors import BadInput
from app.quoting import printable

SNAPSHOT_HELP = """\
Record the whole map as it is now inside the .ecomap file, under a name (and a note if you
like), so you can compare with it later ("what changed since the Q3 review?") or go back to it.
The map must not be open in the window (close it there, or use Map ▸ Save snapshot… there)."""


def add_parsers(commands) -> None:
    p = commands.add_parser("snapshot", help="record the map as it is now, under a name",
                            description=SNAPSHOT_HELP)
    p.add_argument("map", type=Path, metavar="MAP.ecomap")
    p.add_argument("--name", required=True, help='what to call it, e.g. "Q3 review"')
    p.add_argument("--note", default="", help="what was going on, in a sentence (optional)")
    p.set_defaults(run=run_snapshot)
    p = commands.add_parser("snapshots", help="list the snapshots a map keeps",
                            description="List the snapshots kept in a map, oldest first: name,"
                                        " date, how many pieces and connections, note.")
    p.add_argument("map", type=Path, metavar="MAP")
    p.set_defaults(run=run_snapshots)


def run_snapshot(args: argparse.Namespace) -> int:
    from app.document import MapDocument
    from app.history import snapshots
    from app.history.ops import AddSnapshot

    if args.map.suffix.lower() == ".json":
        raise BadInput("snapshots are kept in .ecomap map files; make one from this JSON map "
                       "first (ecomap import or open it in the window)", str(args.map))
    doc = MapDocument.open(args.map)
    try:
        snapshot = snapshots.take(doc.snapshot(), args.name, args.note)
        doc.apply(AddSnapshot(snapshot))
    finally:
        doc.close()
    print(f"Snapshot {snapshots.described(snapshot)} kept in {printable(str(args.map))}.")
    return 0


def run_snapshots(args: argparse.Namespace) -> int:
    from app.files import load_map
    from app.history import snapshots

    data = load_map(args.map)
    kept = snapshots.in_order(data.snapshots)
    if not kept:
        print(f"{printable(data.name)} has no snapshots yet (ecomap snapshot MAP --name "
              "\"Q3 review\" takes one).")
        return 0
    print(f"{printable(data.name)}: {len(kept)} snapshot{'' if len(kept) == 1 else 's'}")
    for snapshot in kept:
        print(f"  {printable(snapshots.described(snapshot))}")
        if snapshot.note:
            print(f"      {printable(snapshot.note)}")
    return 0
