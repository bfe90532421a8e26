"""``ecomap slides MAP OUT.pdf``: the findings walk as a 16:9 PDF deck for a workshop.

Drawing needs Qt, so the deck is written by the ``slides-pdf`` exporter ``ui`` registers (see
``app.cli_export``); nothing heavy is imported until the command runs.
"""

from __future__ import annotations

from pathlib import Path

from app.cli_export import SLIDES, find_exporter
from app.errors import BadInput


def add_slides_parser(commands) -> None:
    p = commands.add_parser(
        "slides", help="write the findings walk as a 16:9 PDF deck for a workshop",
        description="Write MAP as slides for a workshop to OUT.pdf: a title slide, the map, one "
                    "slide per finding (its pieces in full colour, the rest faded, its title and "
                    "what you could do in large type), the balance of the building blocks and "
                    "the health score. The same findings, in the same order and words, as the "
                    "window's Workshop ▸ Walk through findings.")
    p.add_argument("map", type=Path, metavar="MAP")
    p.add_argument("out", type=Path, metavar="OUT.pdf")
    p.add_argument("--theme", choices=("light", "dark", "projector"), default="projector",
                   help="the look of the slides (default projector: high contrast, large "
                        "labels)")
    p.set_defaults(run=run_slides)


def run_slides(args) -> int:
    from app.files import load_map
    from app.safe_files import check_target

    if args.out.suffix.lower() != ".pdf":
        raise BadInput("slides are written as a PDF: name a file ending in .pdf", "OUT")
    exporter = find_exporter(SLIDES, "slides", ["pdf"])
    check_target(args.out, source=args.map)
    data = load_map(args.map)
    exporter(data, args.out, theme=args.theme)
    print(f"Wrote the slides of “{data.name}” to {args.out}.")
    return 0
