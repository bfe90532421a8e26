"""The sheets of an .xlsx workbook as rows of values, numbered as the spreadsheet numbers them.

Two readers give the same rows. python-calamine (Rust) reads a 10,000-row catalogue about ten
times faster than openpyxl and is used when installed; openpyxl in read-only mode with
``data_only`` is the fallback. Both read a formula cell as the value the spreadsheet last
worked out and never run anything; both parse the workbook's XML without expanding entities.
"""

from __future__ import annotations

import contextlib
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path

from app.errors import BadInput
from app.interchange.safe_xml import REFUSED

# Before a part's root element: its XML declaration, comments and processing instructions, then
# a <!DOCTYPE (in UTF-8 or, as XML allows, UTF-16 with a byte-order mark).
_DECLARATION = re.compile(rb"^(?:\xef\xbb\xbf)?\s*(?:(?:<\?.*?\?>|<!--.*?-->)\s*)*<!DOCTYPE"
                          rb"|^(?:\xff\xfe|\xfe\xff).*?<\x00?!\x00?D\x00?O\x00?C\x00?T",
                          re.DOTALL)
PROLOGUE = 64 * 1024
READER = "calamine" if find_spec("python_calamine") else "openpyxl"  # tests try both
NOT_A_WORKBOOK = ("is not an Excel workbook that can be read (.xlsx): open it in your "
                  "spreadsheet program and save it again as “Excel Workbook (.xlsx)”")


@dataclass(frozen=True)
class Sheet:
    title: str
    rows: list[tuple]  # from row 1; an empty cell is None or ""


def sheets(path: Path) -> Iterator[Sheet]:
    """Each worksheet in the workbook's order (chart sheets have no rows and are left out)."""
    reader = _calamine_sheets if READER == "calamine" else _openpyxl_sheets
    try:
        _refuse_declarations(path)
        yield from reader(path)
    except BadInput:
        raise
    except OSError as exc:
        if isinstance(exc, zipfile.BadZipFile):
            raise BadInput(NOT_A_WORKBOOK, str(path)) from None
        raise BadInput(f"could not be read ({exc.strerror or exc})", str(path)) from None
    except Exception:  # each library has its own errors for a damaged or foreign file
        raise BadInput(NOT_A_WORKBOOK, str(path)) from None


def _refuse_declarations(path: Path) -> None:
    """A workbook is a zip of XML parts, and Excel never writes a document type in them: one
    that declares entities (a "billion laughs", an external file) is refused before any reader
    sees it, with the reason GraphML and GEXF files are given, instead of "cannot be read"."""
    with zipfile.ZipFile(path) as archive:
        for part in archive.infolist():
            if part.filename.endswith((".xml", ".rels")):
                with archive.open(part) as stream:
                    if _DECLARATION.match(stream.read(PROLOGUE)):
                        raise BadInput(REFUSED, str(path))


def title(path: Path) -> str | None:
    """The title in the workbook's document properties (File ▸ Info in Excel), if any."""
    from defusedxml import ElementTree

    try:
        with zipfile.ZipFile(path) as archive:
            core = archive.read("docProps/core.xml")
        found = ElementTree.fromstring(core).find("{http://purl.org/dc/elements/1.1/}title")
    except (KeyError, OSError, zipfile.BadZipFile, ElementTree.ParseError, ValueError):
        return None
    return (found.text or "").strip() or None if found is not None else None


def _calamine_sheets(path: Path) -> Iterator[Sheet]:
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    try:
        for meta in book.sheets_metadata:
            if str(meta.typ).rsplit(".", 1)[-1] != "WorkSheet":
                continue
            rows = book.get_sheet_by_name(meta.name).to_python(skip_empty_area=False)
            yield Sheet(meta.name, [tuple(map(_whole, row)) for row in rows])
    finally:
        with contextlib.suppress(Exception):
            book.close()


def _whole(value):
    """Excel keeps every number as a decimal; a whole one is read as a whole number, as
    openpyxl reads it."""
    return int(value) if type(value) is float and value.is_integer() else value


def _openpyxl_sheets(path: Path) -> Iterator[Sheet]:
    import openpyxl  # here, not at the top: the command line starts faster without it

    book = openpyxl.load_workbook(path, read_only=True, data_only=True, keep_links=False)
    try:
        for sheet in book.worksheets:
            sheet.reset_dimensions()  # some programs state a wrong size: read every row there is
            yield Sheet(sheet.title, list(sheet.iter_rows(values_only=True)))
    finally:
        book.close()
