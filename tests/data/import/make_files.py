"""Make the files of this folder that a text editor cannot write by hand: the same hand-written
mentors.csv in the encodings and separators Excel saves, a UTF-8 file with one byte pasted in
from a Windows program, and the workbooks (see README.md for where each shape comes from).

Run from the project: .venv/bin/python tests/data/import/make_files.py
"""

from __future__ import annotations

import codecs
import shutil
import zipfile
from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent


def encodings() -> None:
    text = (HERE / "mentors.csv").read_text(encoding="utf-8")
    semicolons = text.replace(",", ";")
    tabs = text.replace(",", "\t")
    (HERE / "mentors_utf8_bom_semicolon.csv").write_bytes(
        codecs.BOM_UTF8 + semicolons.replace("\n", "\r\n").encode("utf-8"))
    (HERE / "mentors_cp1252_semicolon.csv").write_bytes(
        semicolons.replace("\n", "\r\n").encode("cp1252"))
    (HERE / "mentors_utf16_tab.csv").write_bytes(tabs.replace("\n", "\r\n").encode("utf-16"))
    (HERE / "mentors_utf16le_no_mark.csv").write_bytes(tabs.encode("utf-16-le"))
    mixed = text.encode("utf-8").replace("Málaga".encode(), "Málaga".encode("cp1252"))
    (HERE / "mentors_mixed_encoding.csv").write_bytes(mixed)


def catalogue_workbook() -> None:
    """Kumu's import template: an Elements and a Connections sheet, plus a sheet Kumu skips."""
    book = openpyxl.Workbook()
    elements = book.active
    elements.title = "Elements"
    for row in _rows("catalogue-elements.csv"):
        elements.append(row)
    elements["F4"] = 12  # becomes a formula cell with this cached value below
    connections = book.create_sheet("Connections")
    for row in _rows("catalogue-connections.csv"):
        connections.append(row)
    old = book.create_sheet("Last year (ignore)")
    old.append(["Label", "Type"])
    old.append(["Retired course", "Course"])
    notes = book.create_sheet("Read me")
    notes.append(["This workbook lists our learning offer for Kumu."])
    path = HERE / "catalogue.xlsx"
    book.save(path)
    _with_formula(path, "xl/worksheets/sheet1.xml", "F4", "12", "SUM(6,6)")


def one_sheet_workbook() -> None:
    """Kumu reads one sheet in blocks: two blank rows, then the next block's own header."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Map"
    sheet.append(["Label", "Type", "Tags"])
    sheet.append(["Induction day", "Workshop", "onboarding"])
    sheet.append(["Buddy scheme", "Buddy", None])
    sheet.append([None])  # one blank row inside a block does not end it
    sheet.append(["Safety videos", "Video", "safety|onboarding"])
    sheet.append([None])
    sheet.append([None])
    sheet.append(["From", "To", "Type"])
    sheet.append(["Buddy scheme", "Induction day|Safety videos", "supports"])
    book.save(HERE / "one_sheet_blocks.xlsx")


def _rows(name: str) -> list[list]:
    import csv

    with open(HERE / name, encoding="utf-8", newline="") as handle:
        return [[_typed(cell) for cell in row] for row in csv.reader(handle)]


def _typed(cell: str):
    for kind in (int, float):
        try:
            return kind(cell)
        except ValueError:
            pass
    return cell or None


def _with_formula(path: Path, member: str, ref: str, value: str, formula: str) -> None:
    """Excel keeps a formula with the value it last worked out; openpyxl writes no such
    value, so the cell is rewritten as Excel writes it."""
    copy = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(copy, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == member:
                old = f'<c r="{ref}" t="n"><v>{value}</v></c>'.encode()
                new = f'<c r="{ref}"><f>{formula}</f><v>{value}</v></c>'.encode()
                assert old in data, "the cell to make a formula was not found"
                data = data.replace(old, new)
            dst.writestr(item, data)
    shutil.move(copy, path)


if __name__ == "__main__":
    encodings()
    catalogue_workbook()
    one_sheet_workbook()
