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


DIFF_HELP = """\
Say what changed between two states of a map: a snapshot and the map as it is now, or two
snapshots. Lists every piece and connection added, removed or changed (label, building block,
kind, informal, reach, tags, description, attributes; a connection's ends, kind, strength,
direction and note), and compares health: the score before → after, the findings that came and
went, and the shares of the building blocks and of the kinds inside them.

exit status: 0 done; 2 the map could not be read, or it has no snapshot of that name (the
message lists the ones it has)."""


def add_diff_parser(commands) -> None:
    p = commands.add_parser("diff", help="what changed since a snapshot, or between two",
                            description=DIFF_HELP,
                            formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("map", type=Path, metavar="MAP")
    p.add_argument("--from", dest="since", required=True, metavar="SNAPSHOT",
                   help='the earlier state: a snapshot\'s name, e.g. "Q1 review"')
    p.add_argument("--to", default="now", metavar="SNAPSHOT",
                   help='the later state: a snapshot\'s name, or "now" (the default)')
    p.add_argument("--json", action="store_true",
                   help='print one JSON object: {"from", "to", "summary", "nodes", "edges", '
                        '"health"}')
    p.set_defaults(run=run_diff)


def run_diff(args: argparse.Namespace) -> int:
    import json

    from app.files import load_map
    from app.history import diff, diff_text, snapshots

    data = load_map(args.map)
    before, after = snapshots.state(data, args.since), snapshots.state(data, args.to)
    changes = diff.compare(before, after)
    health = diff.compare_health(before, after)
    if args.json:
        output = diff_text.to_json(changes, health, _state_json(data, args.since),
                                   _state_json(data, args.to))
        print(json.dumps(output, ensure_ascii=False, indent=2))
    else:
        print(printable(diff_text.report(changes, health, _state_words(data, args.since),
                                         _state_words(data, args.to)), keep_newlines=True),
              end="")
    return 0


def _state_json(data, name: str) -> dict:
    from app.history import snapshots

    if name.strip().casefold() == "now":
        return {"snapshot": None}
    snapshot = snapshots.named(data, name)
    return {"snapshot": snapshot.name, "taken_at": snapshot.taken_at}


def _state_words(data, name: str) -> str:
    from app.history import snapshots

    if name.strip().casefold() == "now":
        return "now"
    snapshot = snapshots.named(data, name)
    when = snapshots.moment(snapshot.taken_at)
    return f"“{snapshot.name}” ({when.day} {when:%b %Y})"
