"""Write a map as spreadsheets Kumu, Excel and Ecomap all read: an Elements and a Connections
sheet in one .xlsx, or two CSV files ("NAME-elements.csv", "NAME-connections.csv").

The columns are Kumu's (ID, Label, Type, Description, Tags; From, To, Type, Strength, Direction)
with Ecomap's own beside them (Building block, Informal, Reach, X, Y) and one column per
attribute, so importing the file into an empty map gives the same map back. Text is always
written as text: nothing in the file can run as a formula when a spreadsheet opens it.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from app import safe_files
from app.domain import Edge, MapData, Node
from app.errors import BadInput
from app.interchange.tabular import CONNECTIONS_END, ELEMENTS_END
from app.interchange.tabular_rows import SEVERAL, mark, needs_mark
from app.pieces import node_piece

ELEMENT_COLUMNS = ("ID", "Label", "Type", "Building block", "Informal", "Reach", "Description",
                   "Tags", "X", "Y")
CONNECTION_COLUMNS = ("ID", "From", "To", "Type", "Strength", "Direction", "Description")
SHEETS = ("Elements", "Connections")
_NOT_IN_XLSX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # what an .xlsx cannot hold


def spreadsheet_targets(out: str | os.PathLike) -> list[Path]:
    """The files an export to ``out`` writes: ``out`` itself, or for a CSV the two beside it."""
    out = Path(out)
    if out.suffix.lower() != ".csv":
        return [out]
    stem = out.stem
    return [out.with_name(f"{stem}{ELEMENTS_END}.csv"),
            out.with_name(f"{stem}{CONNECTIONS_END}.csv")]


def write_spreadsheet(data: MapData, out: str | os.PathLike) -> list[Path]:
    """Write ``data`` to ``out`` (.xlsx or .csv); each file appears whole or not at all.
    Returns the files written."""
    return write_files(spreadsheet_files(data, out))


def spreadsheet_files(data: MapData, out: str | os.PathLike) -> list[tuple[Path, bytes]]:
    """Each file an export of ``data`` to ``out`` writes, with its bytes: worked out with
    nothing written (the window does this in a worker, and writes when it is done)."""
    targets = spreadsheet_targets(out)
    for target in targets:
        safe_files.check_target(target)
    tables = (element_rows(data), connection_rows(data))
    if Path(out).suffix.lower() == ".csv":
        payloads = [_csv_bytes(rows) for rows in tables]
    else:
        payloads = [_xlsx_bytes(data, tables)]
    return list(zip(targets, payloads, strict=True))


def write_files(files: list[tuple[Path, bytes]]) -> list[Path]:
    """Write every file, each whole or not at all, none replaced before all are ready."""
    targets = [target for target, _payload in files]
    payloads = [payload for _target, payload in files]
    with contextlib.ExitStack() as stack:
        parts = [stack.enter_context(safe_files.temporary_beside(t)) for t in targets]
        for part, payload in zip(parts, payloads, strict=True):
            part.write_bytes(payload)
        for part, target in zip(parts, targets, strict=True):
            safe_files.replace(part, target)
    return targets


def element_rows(data: MapData) -> Iterator[list[Any]]:
    """The Elements sheet: a header, then one row per piece."""
    names = {c.key: c.name for c in data.categories}
    attributes = list(dict.fromkeys(k for n in data.nodes for k in n.attributes))
    yield [*ELEMENT_COLUMNS, *attributes]
    for node in data.nodes:
        yield [*_element(node, names), *(node.attributes.get(a) for a in attributes)]


def _element(node: Node, names: dict[str, str]) -> list[Any]:
    return [node.id, node.label, node.kind, names.get(node.category, node.category),
            "yes" if node.informal else "no", node.reach, node.description,
            SEVERAL.join(node.tags), _number(node.x), _number(node.y)]


def connection_rows(data: MapData) -> Iterator[list[Any]]:
    """The Connections sheet: From and To hold the IDs of the elements they join."""
    yield list(CONNECTION_COLUMNS)
    for edge in data.edges:
        yield _connection(edge)


def _connection(edge: Edge) -> list[Any]:
    return [edge.id, edge.source, edge.target, edge.kind, edge.strength,
            "directed" if edge.directed else "undirected", edge.note]


def _number(value: float | None) -> int | float | None:
    return int(value) if value is not None and float(value).is_integer() else value


# --- CSV ---------------------------------------------------------------------------------------


def _csv_bytes(rows: Iterator[list[Any]]) -> bytes:
    """UTF-8 with a byte-order mark and commas: what Excel calls "CSV UTF-8", which it opens
    with every accent intact."""
    header = next(rows)
    fixed = len(ELEMENT_COLUMNS) if header[:len(ELEMENT_COLUMNS)] == list(ELEMENT_COLUMNS) \
        else len(header)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_csv_cell(value, typed=i >= fixed) for i, value in enumerate(row)])
    return buffer.getvalue().encode("utf-8-sig")


def _csv_cell(value: Any, typed: bool) -> str:
    """A value as CSV text that reads back as the same value. Text that a spreadsheet would
    take for a formula (or, in an attribute column, for a number) gets a ' in front, as in
    Excel; Ecomap takes it off again."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value) if isinstance(value, float) else str(value)
    if typed:
        return mark(value)
    starts_like_formula = value[:1] in ("=", "+", "-", "@") or (value.startswith("'") and
                                                   needs_mark(value[1:]))
    return "'" + value if starts_like_formula else value


# --- XLSX --------------------------------------------------------------------------------------


def _xlsx_bytes(data: MapData, tables) -> bytes:
    import openpyxl  # here, not at the top: the command line starts faster without it
    from openpyxl.cell import WriteOnlyCell

    book = openpyxl.Workbook(write_only=True)
    book.properties.title = _xlsx_text(data.name, "The map's name")
    for title, rows in zip(SHEETS, tables, strict=True):
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append([_xlsx_cell(sheet, value, WriteOnlyCell, row) for value in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _xlsx_cell(sheet, value: Any, cell_type, row: list[Any]):
    if not isinstance(value, str):
        return value
    cell = cell_type(sheet, value=_xlsx_text(value, _piece_of(row)))
    cell.data_type = "s"  # text stays text: "=SUM(…)" in a label is never a formula
    return cell


def _xlsx_text(value: str, piece: str) -> str:
    if _NOT_IN_XLSX.search(value):
        raise BadInput(f"{piece} holds a control character (such as a tab pasted from "
                       "another program) that an Excel file cannot hold; remove it, or export "
                       "to .csv or .json instead", "OUT")
    return value


def _piece_of(row: list[Any]) -> str:
    return node_piece(row[1]) if len(row) > 1 and isinstance(row[1], str) else "A piece"
