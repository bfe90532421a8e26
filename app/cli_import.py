"""``ecomap import``: a JSON map, a spreadsheet or a Kumu project into a new map, or merged into
an existing one, with the preview of what will happen printed first.

Nothing is written until the whole file has been read and planned: a new map appears whole or
not at all, and a merge is one transaction. ``--dry-run`` prints the preview and stops there.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from app.domain import DEFAULT_CATEGORIES
from app.errors import AlreadyExists, BadInput
from app.interchange.progress import Progress, quiet
from app.quoting import printable

TYPE_HINT = '--map-type "TYPE=BLOCK/KIND"'


def add_import_parser(commands) -> None:
    p = commands.add_parser(
        "import", help="bring a JSON map, spreadsheet (.csv, .xlsx), Kumu project, GraphML or "
                       "GEXF file in",
        description="Read SOURCE — an Ecomap JSON map, a spreadsheet (.csv or .xlsx) in the "
                    "shape Kumu or Gephi use, a Kumu project (.json), a GraphML file (.graphml, "
                    "from yEd) or a GEXF file (.gexf, from Gephi) — and make a new map "
                    "from it, or with --merge add it to an existing map. A preview of what "
                    "will happen is printed first: where each Type goes, what is added and "
                    "changed, and every row that cannot be imported. A file with such rows "
                    "changes nothing unless --skip-bad-rows is given. Pieces without a "
                    "position are laid out. See docs/formats.md.")
    p.add_argument("source", type=Path, metavar="SOURCE")
    p.add_argument("map", type=Path, metavar="MAP.ecomap",
                   help="the map to create (or, with --merge, to add to)")
    p.add_argument("--merge", action="store_true",
                   help="add to and update the existing MAP instead of making a new one")
    p.add_argument("--dry-run", action="store_true",
                   help="print the preview only; nothing is written")
    p.add_argument("--map-type", action="append", default=[], metavar="TYPE=BLOCK/KIND",
                   help="put the rows of this Type in this building block, with this kind "
                        "(e.g. \"Course=content/Course\", \"Buddy=people/Mentor\"; the kind "
                        "may be left out); repeat for each type to change")
    p.add_argument("--skip-bad-rows", action="store_true",
                   help="import the rest when some rows cannot be imported (they are listed)")
    p.set_defaults(run=run_import)


def run_import(args) -> int:
    from app.interchange.sources import ECOMAP, read_json_source

    if not args.merge:
        _check_new_map_name(args.map)
    if args.source.suffix.lower() == ".json" and not args.merge:
        kind, found = read_json_source(args.source)
        if kind == ECOMAP:
            return _import_own_json(found, args)
    progress = TerminalProgress() if sys.stdout.isatty() else quiet
    try:
        return _merge(args, progress) if args.merge else _new_map(args, progress)
    finally:
        _clear(progress)


def _clear(progress: Progress) -> None:
    if isinstance(progress, TerminalProgress):
        progress.clear()


def _check_new_map_name(path: Path) -> None:
    from app.files import MAP_SUFFIX  # the storage layer, loaded when a command runs

    if path.suffix.lower() != MAP_SUFFIX:
        raise BadInput(f"a map file's name must end in {MAP_SUFFIX}, e.g. "
                       f"“{path.stem or 'my map'}{MAP_SUFFIX}”", str(path))
    if path.exists():
        raise AlreadyExists(f"{path} already exists; choose another name, or add --merge to "
                            "add to that map.")


def _import_own_json(data, args) -> int:
    from app.files import create_map
    from app.interchange.preview import counted

    counts = f"{counted(len(data.nodes), 'node')}, {counted(len(data.edges), 'connection')}"
    if args.dry_run:
        print(f"Would import “{printable(data.name)}” into {printable(str(args.map))}: "
              f"{counts}. Nothing was changed (--dry-run).")
        return 0
    path = create_map(args.map, data)
    print(f"Imported “{printable(data.name)}” into {printable(str(path))}: {counts}.")
    return 0


def _new_map(args, progress: Progress) -> int:
    from app.importing import new_map_from

    plan = _plan(args, None, progress)
    if args.dry_run:
        return _dry_run_done()
    path = new_map_from(plan, args.map, progress)
    _clear(progress)
    _say_done(plan, f"made {printable(str(path))}")
    return 0


def _merge(args, progress: Progress) -> int:
    from app.document import MapDocument
    from app.storage import MapStore

    if args.dry_run:  # read only: the map may even be open in the window
        _plan(args, MapStore.read(args.map), progress)
        return _dry_run_done()
    doc = MapDocument.open(args.map)
    try:
        plan = _plan(args, doc.snapshot(), progress)
        progress("Writing the map", 0, 1)
        doc.apply(plan.operation())
    finally:
        doc.close()
    _clear(progress)
    _say_done(plan, f"merged into {printable(str(args.map))}")
    return 0


def _plan(args, into, progress: Progress):
    from app.interchange.plan import make_plan
    from app.interchange.preview import preview_lines
    from app.interchange.sources import read_source
    from app.interchange.type_mapping import parse_choice

    blocks = into.categories if into is not None else DEFAULT_CATEGORIES
    chosen = dict(parse_choice(text, blocks) for text in args.map_type)
    imported = read_source(args.source, progress)
    plan = make_plan(imported, types=chosen, into=into, progress=progress)
    _clear(progress)
    print("\n".join(preview_lines(plan, type_hint=TYPE_HINT)))
    _refuse_unused_choices(chosen, plan)
    if not plan.ready and not args.skip_bad_rows:
        left_out = len(plan.problems) + len(plan.ambiguous)
        rows = f"{left_out:,} row{'s' if left_out != 1 else ''}"
        raise BadInput(f"nothing was imported: {rows} cannot be imported as written (listed "
                       f"above). Correct {'it' if left_out == 1 else 'them'} in the file and "
                       "import it again, or add --skip-bad-rows to import the rest.")
    return plan


def _refuse_unused_choices(chosen: dict, plan) -> None:
    from app.interchange.type_mapping import NO_TYPE

    found = {" ".join(t.type.split()).casefold() for t in plan.types}
    for type_text in chosen:
        key = " ".join(type_text.split()).casefold()
        if key not in found and not (key in ("", NO_TYPE) and "" in found):
            listed = ", ".join(f"“{t.shown_type}”" for t in plan.types[:10]) or "none"
            raise BadInput(f"“{printable(type_text)}” is not a Type in this file (its types: "
                           f"{listed}); nothing was imported", "--map-type")


def _dry_run_done() -> int:
    print("Nothing was changed (--dry-run).")
    return 0


def _say_done(plan, what: str) -> None:
    from app.interchange.preview import counted as _many

    def said(pieces, connections, done: str) -> str:
        counts = [_many(len(found), noun) for found, noun in ((pieces, "piece"),
                                                              (connections, "connection"))
                  if found]
        return f"{' and '.join(counts)} {done}" if counts else ""

    parts = [said(plan.nodes_to_add, plan.edges_to_add, "added"),
             said(plan.node_updates, plan.edge_updates, "updated")]
    nothing = "nothing changed" if plan.merge else "a map with nothing in it yet"
    print(f"Done: {what} — {', '.join(p for p in parts if p) or nothing}.")



class TerminalProgress:
    """One line on the terminal, rewritten in place at most ten times a second."""

    def __init__(self, stream=None):
        self.stream = stream or sys.stdout
        self.shown = 0.0
        self.width = 0

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self.shown < 0.1 and done != total:
            return
        self.shown = now
        amount = f"{done:,} of {total:,}" if total else f"{done:,}"
        line = f"{stage}… {amount}" if done else f"{stage}…"
        self.stream.write("\r" + line.ljust(self.width))
        self.stream.flush()
        self.width = len(line)

    def clear(self) -> None:
        if self.width:
            self.stream.write("\r" + " " * self.width + "\r")
            self.stream.flush()
            self.width = 0
