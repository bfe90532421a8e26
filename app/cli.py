"""The ``ecomap`` command line: make, import, export, describe and analyse maps.

Exit status: 0 done; 2 bad input (a message on stderr, no output file left behind); 1 any other
failure; 3 from ``analyze --fail-on`` when findings of that severity are present.

Commands start as fast as a bare Python: building the command line loads nothing but argparse,
and each command imports what it needs inside its ``run`` function, so ``ecomap --help`` never
waits for the maps' modules and ``ecomap info`` never waits for the checks (networkx, numpy),
the exporters (Qt) or SQLAlchemy.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from app import cli_analyze, cli_export, cli_history, cli_import, cli_slides
from app.errors import EcomapError
from app.quoting import printable

EXIT_OK, EXIT_FAILURE, EXIT_BAD_INPUT = 0, 1, 2

DESCRIPTION = """\
Ecomap draws your organisation's learning ecosystem — people, content, processes, and the
technology, data and governance around them — and checks it for what weakens it.
A MAP can be an .ecomap file or a .json map wherever a map is read."""


def main(argv: Sequence[str] | None = None) -> int:
    _speak_utf8()
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help()
        return EXIT_BAD_INPUT
    try:
        return args.run(args) or EXIT_OK
    except EcomapError as exc:
        return _fail(str(exc), exc.exit_status)
    except BrokenPipeError:
        # The reader went away (``ecomap info m | head -1``): nothing to tell anyone.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_FAILURE
    except KeyboardInterrupt:
        return _fail("stopped.", EXIT_FAILURE)
    except OSError as exc:
        return _fail(f"could not finish: {exc.strerror or exc}"
                     f"{f' ({exc.filename})' if exc.filename else ''}", EXIT_FAILURE)
    except Exception as exc:  # a bug, not the user's doing: say so without a traceback
        if os.environ.get("ECOMAP_DEBUG"):
            raise
        return _fail(f"something went wrong inside Ecomap ({type(exc).__name__}). "
                     "Your maps are unchanged. Set ECOMAP_DEBUG=1 to see the details.",
                     EXIT_FAILURE)


def _speak_utf8() -> None:
    """Labels and messages hold “quotes”, −, → and any script: never fail to print them,
    even where a redirected stream defaults to a narrow code page (Windows' cp1252)."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")


def _fail(message: str, status: int) -> int:
    """Say why the command stopped. Whatever a message quotes (a value or a file's name), it
    reaches the terminal with its control characters escaped, never acted on."""
    print(f"ecomap: {printable(message, keep_newlines=True)}", file=sys.stderr)
    return status


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ecomap", description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")
    _add_new(commands)
    cli_import.add_import_parser(commands)
    cli_export.add_export_parser(commands)
    cli_export.add_report_parser(commands)
    cli_slides.add_slides_parser(commands)
    _add_info(commands)
    cli_analyze.add_parser(commands)
    cli_history.add_parsers(commands)
    cli_history.add_diff_parser(commands)
    return parser


def _add_new(commands) -> None:
    p = commands.add_parser("new", help="make a new, empty map file",
                            description="Make a new, empty .ecomap map file.")
    p.add_argument("map", type=Path, metavar="MAP.ecomap", help="the file to create")
    p.add_argument("--name", required=True, help="the map's title, shown on exports")
    p.add_argument("--categories", metavar="KEYS",
                   help="building blocks to start with, comma-separated (default: people, "
                        "content, process; add technology, data or governance when the map "
                        "needs them, e.g. people,content,process,technology)")
    p.set_defaults(run=_run_new)


def _run_new(args) -> int:
    from app.files import create_map, new_map_data

    keys = args.categories.split(",") if args.categories is not None else None
    path = create_map(args.map, new_map_data(args.name, keys))
    print(f"Made {printable(str(path))} — “{printable(args.name)}”.")
    return EXIT_OK


def _add_info(commands) -> None:
    p = commands.add_parser("info", help="the map's name, counts per building block, version",
                            description="Describe a map: its name, how many nodes each "
                                        "building block holds, and the file's version.")
    p.add_argument("map", type=Path, metavar="MAP")
    p.set_defaults(run=_run_info)


def _run_info(args) -> int:
    from app.files import load_map
    from app.storage.inspection import inspect_file

    data = load_map(args.map)
    if args.map.suffix.lower() == ".json":
        version = "JSON map, format version 1"
    else:
        version = f"Ecomap map file, version {inspect_file(args.map).schema_number}"
    counts = data.count_by_category()
    width = max((len(printable(c.name)) for c in data.categories), default=0)
    print(printable(data.name))
    print(f"  {printable(args.map.name)} ({version})")
    print(f"  {_count(data.nodes, 'node')} and {_count(data.edges, 'connection')} in "
          f"{len(data.categories)} building blocks:")
    for cat in data.categories:
        print(f"    {printable(cat.name):<{width}}  {counts.get(cat.key, 0):>5}")
    return EXIT_OK


def _count(items, word: str) -> str:
    """"1 node", "40 nodes" (``app.analysis.words.plural`` would load the checks with it)."""
    return f"{len(items)} {word if len(items) == 1 else word + 's'}"


if __name__ == "__main__":
    sys.exit(main())
