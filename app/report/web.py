"""The health report as one self-contained web page: the same blocks as the PDF, one after the
other, every picture embedded."""

from __future__ import annotations

import base64
import re
from collections.abc import Mapping
from html import escape

from app.report.blocks import PAGE_REF, STYLE, Block, Report, Table


def html_page(report: Report, pictures: Mapping[int, bytes]) -> str:
    """``report`` as a web page; ``pictures`` are the PNGs ``ui`` drew, by block index."""
    parts = [_table(item) if isinstance(item, Table) else _block(item, pictures.get(index))
             for index, item in enumerate(report.blocks)]
    page = _linked("".join(parts))
    for name, png in report.images.items():
        page = page.replace(f"src='{name}'", f"src='{_data_uri(png)}'")
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
            f"<title>{escape(report.title)}</title><style>{STYLE}"
            "body { max-width: 60em; margin: 2em auto; padding: 0 1em; }"
            ".picture { max-width: 100%; border: 1px solid #C9CED6; }"
            "section { margin-bottom: 2.5em; }</style></head>"
            f"<body>{page}</body></html>\n")


def _block(block: Block, picture: bytes | None) -> str:
    anchor = f" id='{block.anchor}'" if block.anchor else ""
    shown = (f"<p><img class='picture' src='{_data_uri(picture)}' alt=''></p>"
             if picture else "")
    return f"<section{anchor}>{block.html}{shown}{block.caption}</section>"


def _table(item: Table) -> str:
    head = "".join(f"<th>{escape(c.title)}</th>" for c in item.columns)
    rows = "".join("<tr>" + "".join(
        f"<td{' align=right' if c.numeric else ''}>{escape(cell)}</td>"
        for c, cell in zip(item.columns, row, strict=True)) + "</tr>" for row in item.rows)
    return (f"<section>{item.heading}<table width='100%' cellspacing='0' cellpadding='4' "
            f"border='1' style='border-collapse: collapse; border-color: #9AA1AA'>"
            f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>{item.note}</section>")


def _linked(html: str) -> str:
    """Page references become links: a web page has no pages."""
    pattern = re.escape(PAGE_REF).replace(r"\{\}", "([a-z0-9-]+)")
    return re.sub(pattern, lambda m: f"<a href='#{m.group(1)}'>below</a>", html)


def _data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")
