"""CSV files as people's programs save them: which encoding and which separator, found out.

Excel saves "CSV UTF-8" with a byte-order mark, plain "CSV" in the computer's Windows code page
(cp1252 in Western Europe and the Americas), "Unicode text" as UTF-16 with tabs; Excel in much
of Europe separates with semicolons. The reader tries each and says which it used.
"""

from __future__ import annotations

import codecs
import csv
import re
from dataclasses import dataclass

SEPARATORS = {",": "commas", ";": "semicolons", "\t": "tabs"}
SNIFF_CHARS = 64 * 1024
SNIFF_ROWS = 50
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_UTF8_TELLS = re.compile(rb"[\xc2\xc3][\x80-\xbf]|\xe2\x80[\x80-\xbf]")
_SEP_LINE = re.compile(r"sep=(.)\r?\n", re.IGNORECASE)  # Excel's own hint on the first line


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # in words: "UTF-8", "UTF-8 with a byte-order mark", "UTF-16", "Windows (cp1252)"
    damaged_lines: tuple[int, ...] = ()  # lines (from 1) holding bytes no encoding explains


def decode(raw: bytes) -> Decoded:
    """The text of a CSV file and the encoding it was read in. A UTF-8 file with a few bytes
    saved another way is read as UTF-8, and the lines holding those bytes are listed."""
    if raw.startswith(codecs.BOM_UTF8):
        return _utf8(raw[len(codecs.BOM_UTF8):], "UTF-8 with a byte-order mark")
    if raw.startswith(_UTF16_BOMS):
        return Decoded(raw.decode("utf-16"), "UTF-16")
    utf16 = _utf16_without_mark(raw)
    if utf16:
        return Decoded(raw.decode(utf16), "UTF-16")
    try:
        return Decoded(raw.decode("utf-8"), "UTF-8")
    except UnicodeDecodeError:
        pass
    if _has_utf8_sequences(raw):  # mostly UTF-8, with a few bytes pasted in from elsewhere
        return _utf8(raw, "UTF-8")
    try:
        return Decoded(raw.decode("cp1252"), "Windows (cp1252)")
    except UnicodeDecodeError:
        return _utf8(raw, "UTF-8")


def _utf8(raw: bytes, name: str) -> Decoded:
    text = raw.decode("utf-8", errors="replace")
    if "\ufffd" not in text:
        return Decoded(text, name)
    damaged = tuple(i for i, line in enumerate(text.splitlines(), 1) if "\ufffd" in line)
    return Decoded(text, name, damaged)


def _utf16_without_mark(raw: bytes) -> str | None:
    """UTF-16 saved without a byte-order mark: every other byte of Latin text is zero."""
    sample = raw[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if odd > half * 0.4 and even < half * 0.05:
        return "utf-16-le"
    if even > half * 0.4 and odd < half * 0.05:
        return "utf-16-be"
    return None


def _has_utf8_sequences(raw: bytes) -> bool:
    """Whether text that is not all UTF-8 is still mostly UTF-8: its multi-byte characters
    outnumber the stray bytes twenty to one, or it holds at least as many of the sequences that
    in cp1252 would read as "Ã©" or "â€™" (UTF-8 accents and typographic quotes, which no one
    types in cp1252) as stray bytes, as a small UTF-8 file with one pasted cell does."""
    sequences = len(re.findall(rb"[\xc2-\xf4][\x80-\xbf]+", raw))
    if not sequences:
        return False
    stray = raw.decode("utf-8", errors="replace").count("\ufffd")
    return stray * 20 < sequences or len(_UTF8_TELLS.findall(raw)) >= stray


def separator(text: str) -> tuple[str, str]:
    """``(separator, text without Excel's "sep=" line)``: the one Excel named, else the one
    that splits the first rows into as many columns as the header most often."""
    hint = _SEP_LINE.match(text)
    if hint:
        return hint.group(1), text[hint.end():]
    sample = text[:SNIFF_CHARS]
    if len(text) > SNIFF_CHARS:  # a cut last line would count against every separator
        sample = sample.rsplit("\n", 1)[0]
    return max(SEPARATORS, key=lambda sep: _fit(sample, sep)), text


def _fit(sample: str, sep: str) -> tuple[int, int, int]:
    """How well ``sep`` splits the sample: rows as wide as a header of several columns, then
    the header's width, then the usual order (comma first)."""
    try:
        rows = [row for row in csv.reader(sample.splitlines()[:SNIFF_ROWS], delimiter=sep)
                if any(cell.strip() for cell in row)]
    except csv.Error:
        return (0, 0, 0)
    if not rows or len(rows[0]) < 2:
        return (0, 0, -list(SEPARATORS).index(sep))
    width = len(rows[0])
    return (sum(len(row) == width for row in rows), width, -list(SEPARATORS).index(sep))
