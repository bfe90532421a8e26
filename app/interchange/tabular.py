"""Read spreadsheets — CSV and XLSX — in the shape Kumu users know, and Gephi's tables.

A workbook's sheets are recognised by their headers, never by their names; a sheet with
"(ignore)" in its name is skipped; in a sheet, two blank rows start a new block with its own
header, as Kumu reads them. Formula cells are read as the values the spreadsheet last worked
out (openpyxl in read-only mode with ``data_only``): nothing in a file is ever run.

    imported = read_spreadsheet("catalogue.xlsx", progress)
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from app.errors import BadInput
from app.interchange import workbooks
from app.interchange.progress import EVERY, Progress, quiet
from app.interchange.records import Connection, Element, Imported, Problem
from app.interchange.tabular_rows import (
    CONNECTION_FIELDS,
    ELEMENT_FIELDS,
    Columns,
    RowReader,
    gephi_directions,
    header_names,
    kind_of,
    mutual_note,
    scale_weights,
)
from app.interchange.text_files import SEPARATORS, decode, separator
from app.quoting import cut
from app.source_files import read_plain_file, require_plain_file

SUFFIXES = (".csv", ".xlsx")
IGNORE = "(ignore)"
ELEMENTS_END, CONNECTIONS_END = "-elements", "-connections"  # ``ecomap export out.csv`` pairs


@dataclass
class _Found:
    """What the blocks of a file hold, gathered as they are read."""

    elements: list[Element] = field(default_factory=list)
    connections: list[Connection] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    typed: bool = False

    def imported(self, source: str, name: str | None) -> Imported:
        return Imported(source, tuple(self.elements), tuple(self.connections), name=name,
                        notes=tuple(self.notes), problems=tuple(self.problems),
                        typed=self.typed)


def read_spreadsheet(path: str | os.PathLike, progress: Progress = quiet) -> Imported:
    """Everything in a .csv or .xlsx file. A CSV named "NAME-elements.csv" brings in
    "NAME-connections.csv" beside it too (and the other way round), as ``ecomap export``
    writes them."""
    path = Path(path)
    if path.suffix.lower() == ".xlsx":
        return read_xlsx(path, progress)
    if path.suffix.lower() != ".csv":
        raise BadInput("is not a spreadsheet Ecomap reads: save it as .xlsx or .csv", str(path))
    partner = _partner(path)
    found = _Found()
    _read_csv_into(found, path, progress)
    if partner is not None:
        found.notes.append(f"{partner.name} beside it was read too")
        _read_csv_into(found, partner, progress)
    return found.imported(path.name, _map_name(path))


def _partner(path: Path) -> Path | None:
    stem = path.stem
    for end, other in ((ELEMENTS_END, CONNECTIONS_END), (CONNECTIONS_END, ELEMENTS_END)):
        if stem.lower().endswith(end):
            candidate = path.with_name(stem[: -len(end)] + other + path.suffix)
            if candidate.is_file():
                return candidate
    return None


def _map_name(path: Path) -> str:
    stem = path.stem
    for end in (ELEMENTS_END, CONNECTIONS_END):
        if stem.lower().endswith(end) and len(stem) > len(end):
            return stem[: -len(end)]
    return stem


# --- CSV -------------------------------------------------------------------------------------


def _read_csv_into(found: _Found, path: Path, progress: Progress) -> None:
    decoded = decode(_read_bytes(path))
    sep, text = separator(decoded.text)
    found.notes.append(f"{path.name} was read as text in {decoded.encoding}, with columns "
                       f"separated by {SEPARATORS[sep]}")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=sep))
    block = _Block(path.name, None, list(enumerate(rows, 1)), csv=True,
                   damaged=bool(decoded.damaged_lines))
    _read_block(found, block, progress, len(rows))


def _read_bytes(path: Path) -> bytes:
    return read_plain_file(path, "spreadsheet")


# --- XLSX ------------------------------------------------------------------------------------


def read_xlsx(path: str | os.PathLike, progress: Progress = quiet) -> Imported:
    """Every recognised block of every sheet of a workbook, read as values only."""
    path = Path(path)
    require_plain_file(path, "spreadsheet")
    found = _Found()
    found.notes.append(f"{path.name} was read as an Excel workbook")
    for sheet in workbooks.sheets(path):
        if IGNORE in sheet.title.lower():
            found.notes.append(f"Sheet “{sheet.title}” was skipped: its name says {IGNORE}")
            continue
        progress(f"Reading sheet “{sheet.title}”", 0, len(sheet.rows))
        before = len(found.elements) + len(found.connections) + len(found.problems)
        for block in _blocks(path.name, sheet.title, list(enumerate(sheet.rows, 1))):
            _read_block(found, block, progress, len(sheet.rows))
        if len(found.elements) + len(found.connections) + len(found.problems) == before:
            found.notes.append(f"Sheet “{sheet.title}” was not read: none of its blocks starts "
                               "with a header of Label or ID (elements) or From and To "
                               "(connections)")
    return found.imported(path.name, workbooks.title(path) or path.stem)


@dataclass
class _Block:
    """Rows under one header: a CSV file, or a part of a sheet."""

    source: str
    sheet: str | None
    rows: list[tuple[int, tuple]]  # (row number as the spreadsheet shows it, cells)
    csv: bool = False
    damaged: bool = False  # a UTF-8 file with bytes saved in another encoding here and there

    def where(self, number: int) -> str:
        if self.sheet is None:
            return f"{self.source}, row {number}"
        return f"{self.source}, sheet “{self.sheet}”, row {number}"


def _blocks(source: str, sheet: str, rows: list[tuple[int, tuple]]) -> Iterator[_Block]:
    """The parts of a sheet that two or more blank rows keep apart (blank rows left out)."""
    current: list[tuple[int, tuple]] = []
    blanks = 0
    for number, cells in rows:
        if _blank(cells):
            blanks += 1
            continue
        if blanks >= 2 and current:
            yield _Block(source, sheet, current)
            current = []
        blanks = 0
        current.append((number, cells))
    if current:
        yield _Block(source, sheet, current)


def _blank(cells: tuple) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in cells)


# --- a block of rows, whatever the file --------------------------------------------------------


def _read_block(found: _Found, block: _Block, progress: Progress, total: int) -> None:
    rows = [(n, cells) for n, cells in block.rows if not _blank(cells)]
    if not rows:
        return
    if block.damaged:
        rows = _without_damaged(found, block, rows)
    header_number, header_cells = rows[0]
    header = header_names(header_cells)
    kind = kind_of(header)
    if kind is None:
        if block.sheet is None:
            found.problems.append(Problem(
                block.where(header_number), "is not a header Ecomap knows: elements need a "
                "Label (or ID) column, connections a From and a To column"))
        return
    known = ELEMENT_FIELDS if kind == "elements" else CONNECTION_FIELDS
    reader = RowReader(Columns.of(header, known), csv=block.csv)
    stage = f"Reading sheet “{block.sheet}”" if block.sheet else f"Reading {block.source}"
    if kind == "elements":
        found.typed |= "type" in reader.columns.index
        for count, (number, cells) in enumerate(rows[1:], 1):
            element = reader.element(cells, block.where(number))
            if element is not None:
                found.elements.append(element)
            if count % EVERY == 0:
                progress(stage, count, total)
        if reader.labelled_by_id:
            n = reader.labelled_by_id
            found.notes.append(f"{_count(n, 'element')} in "
                               f"{block.where(header_number).rsplit(',', 1)[0]} had no label, "
                               f"so {'its' if n == 1 else 'their'} ID is used as the label")
    else:
        _read_connections(found, block, reader, rows[1:], progress, total)
    found.problems.extend(reader.problems)


def _without_damaged(found: _Found, block: _Block, rows: list) -> list:
    """The rows without a character that could not be read; each of those is a problem."""
    header = header_names(rows[0][1])
    kept = []
    for number, cells in rows:
        bad = next((i for i, c in enumerate(cells) if "\ufffd" in c), None)
        if bad is None or number == rows[0][0]:
            kept.append((number, cells))
            continue
        column = header[bad] if bad < len(header) and header[bad] else None
        found.problems.append(Problem(
            block.where(number), f"“{cut(cells[bad].strip(), 40)}” holds a character saved in "
            "another encoding than the rest of the file (shown as �); save the file again as "
            "“CSV UTF-8” and import it again", column))
    return kept


def _read_connections(found: _Found, block: _Block, reader: RowReader, rows, progress,
                      total: int) -> None:
    read: list[Connection] = []
    for count, (number, cells) in enumerate(rows, 1):
        read.extend(reader.connections(cells, block.where(number)))
        if count % EVERY == 0:
            progress(f"Reading sheet “{block.sheet}”" if block.sheet else
                     f"Reading {block.source}", count, total)
    is_gephi = "weight" in reader.columns.index or (
        reader.columns.names.get("source", "").casefold() == "source")
    if is_gephi:
        read = gephi_directions(read, "direction" in reader.columns.index)
    read, note = scale_weights(read)
    if note:
        found.notes.append(note)
    if reader.mutual:
        found.notes.append(mutual_note(reader.mutual))
    found.connections.extend(read)


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"
