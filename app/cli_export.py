"""``ecomap export`` and ``ecomap report``: a map as JSON, GraphML, GEXF, PNG, SVG or PDF, and the
health report.

Drawing needs Qt, which ``app`` never imports: the formats that draw are exporters registered in
the ``ecomap.exporters`` entry-point group (by ``ui``), found here by name through
``importlib.metadata``. An exporter is called as ``exporter(map_data, out_path, **options)`` and
writes its file whole or not at all.

Like every command, these import the maps' modules and the installed exporters when they run,
not when the command line is built (see ``app.cli``).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from app.errors import BadInput

GROUP = "ecomap.exporters"
REPORT_PREFIX = "report-"
SLIDES = "slides-pdf"  # the deck of ``ecomap slides`` (app.cli_slides), not a map format


def available() -> dict[str, object]:
    """The exporters installed, by name ("png", "svg", "pdf", "report-pdf", …)."""
    from importlib.metadata import entry_points

    return {ep.name: ep for ep in entry_points(group=GROUP)}


def find_exporter(name: str, what: str, choices: list[str]):
    """The exporter called ``name``, loaded; or ``BadInput`` naming the formats there are."""
    found = available().get(name)
    if found is None:
        listed = ", ".join(f".{c}" for c in choices) or "none installed"
        raise BadInput(f"Ecomap cannot write {what}; the formats it can write are {listed}",
                       "OUT")
    return found.load()


SPREADSHEETS = ("csv", "xlsx")


def map_formats() -> list[str]:
    drawn = sorted(n for n in available() if not n.startswith(REPORT_PREFIX) and n != SLIDES)
    return ["json", *SPREADSHEETS, *NETWORK_FORMATS, *drawn]


def report_formats() -> list[str]:
    return sorted(n[len(REPORT_PREFIX):] for n in available() if n.startswith(REPORT_PREFIX))


def _suffix(out: Path) -> str:
    return out.suffix.lower().lstrip(".")


# --- export ------------------------------------------------------------------------------------


def add_export_parser(commands) -> None:
    p = commands.add_parser(
        "export", help="write a map as .json, .csv, .xlsx, .graphml, .gexf, .png, .svg or .pdf",
        description="Write MAP to OUT. The format follows OUT's ending: .json writes the JSON "
                    "interchange format; .xlsx a workbook with an Elements and a Connections "
                    "sheet, and .csv the same as two files, OUT-elements.csv and "
                    "OUT-connections.csv (both in the shape Kumu reads, and `ecomap import` "
                    "reads back as the same map); .graphml (for yEd) and .gexf (for Gephi) the "
                    "network with its colours, shapes and positions, and everything Ecomap needs "
                    "to read it back; .png, .svg and .pdf draw the map as the "
                    "window shows it, with its name, the date and a legend. Pages fit the "
                    "whole map. See docs/formats.md.")
    p.add_argument("map", type=Path, metavar="MAP")
    p.add_argument("out", type=Path, metavar="OUT")
    p.add_argument("--size", metavar="A4|A3|WxH",
                   help="paper (A4, A3) or pixels (1920x1080); default A4 for .pdf and .svg, "
                        "1920x1080 for .png")
    p.add_argument("--dpi", type=int, default=300, help="dots per inch on paper (default 300)")
    p.add_argument("--theme", choices=("light", "dark", "projector"), default="light")
    p.add_argument("--title", action=argparse.BooleanOptionalAction, default=True,
                   help="show the map's name and the date (default: shown)")
    p.add_argument("--legend", action=argparse.BooleanOptionalAction, default=True,
                   help="show the building blocks with their counts (default: shown)")
    p.add_argument("--selection", metavar="IDS",
                   help="only these nodes, by id, comma-separated (e.g. reps,deck)")
    p.add_argument("--transparent", action="store_true",
                   help="no background (.png and .svg)")
    p.set_defaults(run=run_export)


def run_export(args) -> int:
    from app.files import export_json, load_map
    from app.safe_files import check_target

    check_target(args.out, source=args.map)  # before any time is spent drawing
    suffix = _suffix(args.out)
    if suffix == "json":
        export_json(args.map, args.out)
    elif suffix in SPREADSHEETS:
        from app.interchange.tabular_export import spreadsheet_targets, write_spreadsheet

        for target in spreadsheet_targets(args.out):
            check_target(target, source=args.map)
        written = write_spreadsheet(load_map(args.map), args.out)
        print(f"Wrote {' and '.join(str(p) for p in written)}.")
        return 0
    elif suffix in NETWORK_FORMATS:
        network_writer(suffix)(load_map(args.map), args.out)
    else:
        exporter = find_exporter(suffix, f"“{args.out.suffix or args.out.name}” files",
                                 map_formats())
        options = _drawing_options(args, suffix)
        exporter(load_map(args.map), args.out, **options)
    print(f"Wrote {args.out}.")
    return 0


# --- network files for yEd and Gephi: written from the map's data, nothing drawn -------------

NETWORK_FORMATS = ("graphml", "gexf")


def network_writer(suffix: str):
    """``write_graphml`` or ``write_gexf``, imported only when asked for."""
    if suffix == "graphml":
        from app.interchange.graphml import write_graphml
        return write_graphml
    from app.interchange.gexf import write_gexf
    return write_gexf


DATA_FORMATS = (*SPREADSHEETS, *NETWORK_FORMATS)


def data_files(data, out: Path) -> list[tuple[Path, bytes]]:
    """The files a data export (.csv, .xlsx, .graphml, .gexf) of ``data`` to ``out`` writes,
    with their bytes; nothing is written yet (``tabular_export.write_files`` writes them)."""
    suffix = _suffix(out)
    if suffix in SPREADSHEETS:
        from app.interchange.tabular_export import spreadsheet_files
        return spreadsheet_files(data, out)
    if suffix == "graphml":
        from app.interchange.graphml import graphml_bytes
        return [(out, graphml_bytes(data))]
    from app.interchange.gexf import gexf_bytes
    return [(out, gexf_bytes(data))]


def _drawing_options(args, suffix: str) -> dict:
    if args.transparent and suffix == "pdf":
        raise BadInput("is for .png and .svg; a PDF page always has its background",
                       "--transparent")
    selection = tuple(s.strip() for s in (args.selection or "").split(",") if s.strip())
    if args.selection is not None and not selection:
        raise BadInput("name at least one node id, e.g. --selection reps,deck", "--selection")
    return {"size": args.size, "dpi": args.dpi, "theme": args.theme, "title": args.title,
            "legend": args.legend, "selection": selection, "transparent": args.transparent}


# --- report ------------------------------------------------------------------------------------


def add_report_parser(commands) -> None:
    p = commands.add_parser(
        "report", help="write the health report as .pdf (or .html)",
        description="Write the health report of MAP to OUT: the health score and what took "
                    "points off, the map, the balance of its building blocks, every finding "
                    "with a picture of the part of the map it concerns, a table of all nodes "
                    "and how the checks work. OUT ending in .html writes one self-contained "
                    "web page instead of a PDF.")
    add_map_out_theme(p, "light", "the theme of the map pictures (default light: best on "
                                  "paper)")
    p.add_argument("--since", metavar="SNAPSHOT",
                   help="for \"What changed since …\": the snapshot to compare with (default: "
                        "the latest; maps without snapshots have no such section)")
    p.set_defaults(run=run_report)


def add_map_out_theme(p, theme: str, says: str) -> None:
    """MAP, OUT.pdf and --theme: what the report and the slides are asked."""
    p.add_argument("map", type=Path, metavar="MAP")
    p.add_argument("out", type=Path, metavar="OUT.pdf")
    p.add_argument("--theme", choices=("light", "dark", "projector"), default=theme, help=says)


def run_report(args) -> int:
    suffix = _suffix(args.out)
    exporter = find_exporter(REPORT_PREFIX + suffix,
                             f"a report as “{args.out.suffix or args.out.name}”",
                             report_formats())
    data = write_themed(exporter, args, check=_since_known(args.since), since=args.since)
    print(f"Wrote the health report of “{data.name}” to {args.out}.")
    return 0


def _since_known(since: str | None):
    """A check that the snapshot --since names is one the map keeps, before any work."""
    def check(data) -> None:
        if since is not None:
            from app.history.snapshots import named

            named(data, since)
    return check


def write_themed(exporter, args, check=lambda data: None, **options):
    """Check that OUT can be written, read MAP, ``check`` it, and have ``exporter`` draw it in
    the theme asked for (with ``options``); the map read."""
    from app.files import load_map
    from app.safe_files import check_target

    check_target(args.out, source=args.map)
    data = load_map(args.map)
    check(data)
    exporter(data, args.out, theme=args.theme, **options)
    return data
