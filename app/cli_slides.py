"""``ecomap slides MAP OUT.pdf``: the findings walk as a 16:9 PDF deck for a workshop.

Drawing needs Qt, so the deck is written by the ``slides-pdf`` exporter ``ui`` registers (see
``app.cli_export``); nothing heavy is imported until the command runs.
"""

from __future__ import annotations

from app.cli_export import SLIDES, add_map_out_theme, find_exporter, write_themed
from app.errors import BadInput


def add_slides_parser(commands) -> None:
    p = commands.add_parser(
        "slides", help="write the findings walk as a 16:9 PDF deck for a workshop",
        description="Write MAP as slides for a workshop to OUT.pdf: a title slide, the map, one "
                    "slide per finding (its pieces in full colour, the rest faded, its title and "
                    "what you could do in large type), the balance of the building blocks and "
                    "the health score. The same findings, in the same order and words, as the "
                    "window's Workshop ▸ Walk through findings.")
    add_map_out_theme(p, "projector", "the look of the slides (default projector: high "
                                      "contrast, large labels)")
    p.set_defaults(run=run_slides)


def run_slides(args) -> int:
    if args.out.suffix.lower() != ".pdf":
        raise BadInput("slides are written as a PDF: name a file ending in .pdf", "OUT")
    data = write_themed(find_exporter(SLIDES, "slides", ["pdf"]), args)
    print(f"Wrote the slides of “{data.name}” to {args.out}.")
    return 0
