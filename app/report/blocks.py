"""The pieces a report is made of, for ``ui`` to lay out on pages and ``app.report.web`` to join
into one web page: blocks of text (HTML) with perhaps a picture of the map, kept together on a
page, and long tables that run over pages."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from app.domain import Category

CHART_PICTURE = "balance.png"
PAGE_REF = "⟦page:{}⟧"  # "on page 3" on paper; a link on the web page
STYLE = """
body { font-family: 'Atkinson Hyperlegible', sans-serif; font-size: 13px; color: #1C2026; }
h1 { font-size: 28px; margin-top: 0px; margin-bottom: 2px; }
h2 { font-size: 20px; margin-top: 4px; margin-bottom: 6px; }
h3 { font-size: 15px; margin-top: 0px; margin-bottom: 4px; }
p { margin-top: 3px; margin-bottom: 5px; }
li { margin-bottom: 6px; }
.muted { color: #4A525C; }
.score { font-size: 46px; font-weight: bold; }
.verdict { font-size: 17px; font-weight: bold; }
th { background-color: #E4E7EB; text-align: left; }
"""
SEVERITY_COLOURS = {"high": ("#B8420A", "#FFFFFF"), "medium": ("#F2C46D", "#1C2026"),
                    "low": ("#E4E7EB", "#1C2026")}  # Okabe–Ito vermillion and orange, softened


@dataclass(frozen=True)
class MapPicture:
    """A picture of the map for ``ui`` to draw: which part, and what stands out in it."""

    part: frozenset[str] | None = None  # the nodes to frame; None: the whole map
    emphasised: frozenset[str] | None = None  # at full strength, the rest faded; None: all
    first: tuple[str, ...] = ()  # named first when not every name fits
    height: float = 0.4  # the most of a page's text height it may take (1: all that is left)
    legend: bool = False


@dataclass(frozen=True)
class Block:
    """Text (HTML) and perhaps a picture under it, kept together on one page."""

    html: str
    picture: MapPicture | None = None
    caption: str = ""  # HTML under the picture
    new_page: bool = False
    anchor: str = ""  # what ``PAGE_REF`` calls it


@dataclass(frozen=True)
class Column:
    title: str
    width: float  # share of the text width
    numeric: bool = False


@dataclass(frozen=True)
class Table:
    """Rows of plain text that may run over pages, their headings repeated on each; the
    ``heading`` (HTML) stays with the first rows."""

    heading: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[str, ...], ...]
    note: str = ""
    new_page: bool = True


@dataclass(frozen=True)
class Report:
    """The report ready to lay out: its blocks in order, the charts they show, and the number
    each piece has in the list of pieces (pictures show it where the name does not fit)."""

    title: str
    blocks: tuple[Block | Table, ...]
    images: Mapping[str, bytes]
    numbers: Mapping[str, int]


def swatch(category: Category) -> str:
    return f"<span style='background-color: {category.color}'>&nbsp;&nbsp;&nbsp;&nbsp;</span>"


def table(headings: Sequence[str], rows: str, widths: Sequence[int] = ()) -> str:
    """A small table, kept whole with its block (long ones are ``Table``s); ``widths`` are
    percentages of the text width."""
    sized = zip(headings, widths or [0] * len(headings), strict=True)
    head = "".join(f"<th width='{w}%'>{h}</th>" if w else f"<th>{h}</th>" for h, w in sized)
    return (f"<table width='100%' cellspacing='0' cellpadding='4' border='1' "
            f"style='border-collapse: collapse; border-color: #9AA1AA'>"
            f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")
