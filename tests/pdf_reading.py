"""Just enough PDF reading to test what Ecomap writes (Qt's PDFs): pages, sizes, and the text.

Qt writes each font as a Type0 font with a ToUnicode map and shows text as hex glyph codes, so
the text is found by decoding those codes through each font's map — the way a PDF reader lets a
user select and search it. No PDF library is needed.
"""

from __future__ import annotations

import re
import zlib

_OBJECT = re.compile(rb"(\d+) 0 obj\s*(.*?)endobj", re.S)
_STREAM = re.compile(rb"^(.*?)stream\r?\n(.*)endstream\s*$", re.S)
_TEXT_OP = re.compile(rb"/(F\d+)\s+[\d.]+\s+Tf|<([0-9A-Fa-f]+)>")


def objects(pdf: bytes) -> dict[int, tuple[bytes, bytes]]:
    """Every object as (its dictionary, its decoded stream or b"")."""
    found = {}
    for number, body in _OBJECT.findall(pdf):
        match = _STREAM.match(body)
        head, stream = (match.group(1), match.group(2)) if match else (body, b"")
        if stream and b"/FlateDecode" in head:
            stream = zlib.decompress(stream)
        found[int(number)] = (head, stream)
    return found


def page_count(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))


def page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    """(width, height) in points of each page, in order of appearance."""
    boxes = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)
    return [(float(w), float(h)) for w, h in boxes]


def text(pdf: bytes) -> str:
    """All text shown on the pages, decoded to Unicode, in the order it is drawn (Qt shows
    glyph by glyph, so lines run together: compare with whitespace removed, see ``squeezed``)."""
    objs = objects(pdf)
    fonts = _font_maps(objs)
    shown = []
    for head, stream in objs.values():
        if not stream or b"BT" not in stream or b"/Type" in head:
            continue
        current: dict[int, str] = {}
        for font_name, hex_codes in _TEXT_OP.findall(stream):
            if font_name:
                current = fonts.get(font_name.decode(), {})
            elif current:
                codes = [int(hex_codes[i:i + 4], 16) for i in range(0, len(hex_codes), 4)]
                shown.append("".join(current.get(c, "") for c in codes))
    return "".join(shown).replace("\t", " ")


def squeezed(words: str) -> str:
    """``words`` without any whitespace: how to look for a wrapped label in ``text``."""
    return "".join(words.split())


def _font_maps(objs) -> dict[str, dict[int, str]]:
    """Font resource name (F11) → glyph code → character, via each font's ToUnicode map."""
    maps = {}
    for head, _stream in objs.values():
        for name, number in re.findall(rb"/(F\d+)\s+(\d+)\s+0\s+R", head):
            font_head = objs.get(int(number), (b"", b""))[0]
            to_unicode = re.search(rb"/ToUnicode\s+(\d+)\s+0\s+R", font_head)
            if to_unicode:
                maps[name.decode()] = _cmap(objs[int(to_unicode.group(1))][1])
    return maps


def _cmap(stream: bytes) -> dict[int, str]:
    mapping: dict[int, str] = {}
    for start, _end, targets in re.findall(
            rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*\[((?:\s*<[0-9A-Fa-f]+>)*)\s*\]", stream):
        for offset, target in enumerate(re.findall(rb"<([0-9A-Fa-f]+)>", targets)):
            mapping[int(start, 16) + offset] = bytes.fromhex(target.decode()).decode("utf-16-be")
    for start, end, target in re.findall(
            rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", stream):
        first = int(target, 16)
        for offset in range(int(end, 16) - int(start, 16) + 1):
            mapping.setdefault(int(start, 16) + offset, chr(first + offset))
    for code, target in re.findall(rb"<([0-9A-Fa-f]{4})>\s*<([0-9A-Fa-f]+)>\s*\n", stream):
        mapping.setdefault(int(code, 16), bytes.fromhex(target.decode()).decode("utf-16-be"))
    return mapping


# --- page by page, with the size text is shown at -------------------------------------------------

_TOKEN = re.compile(rb"(/[^\s/<>\[\]()]+)|<([0-9A-Fa-f]*)>|([-+]?(?:\d+\.?\d*|\.\d+))|([A-Za-z*'\"]+)")


def pages(pdf: bytes) -> list[bytes]:
    """Each page's drawing (its decoded content stream), in page order."""
    objs = objects(pdf)
    root = next(head for head, _ in objs.values() if re.search(rb"/Type\s*/Pages\b", head))
    kids = [int(n) for n in re.findall(rb"(\d+)\s+0\s+R", root.split(b"/Kids", 1)[1])]
    streams = []
    for kid in kids:
        head = objs[kid][0]
        if not re.search(rb"/Type\s*/Page\b(?!s)", head):
            continue
        contents = re.search(rb"/Contents\s+(\d+)\s+0\s+R", head)
        streams.append(objs[int(contents.group(1))][1] if contents else b"")
    return streams


def text_runs(pdf: bytes) -> list[list[tuple[str, float]]]:
    """For each page, every piece of text shown and its size in points (the font size times
    the scale of the text and drawing transforms), in the order drawn."""
    fonts = _font_maps(objects(pdf))
    return [_runs(stream, fonts) for stream in pages(pdf)]


def page_texts(pdf: bytes) -> list[str]:
    """All text of each page (glyph by glyph: compare ``squeezed``)."""
    return ["".join(text for text, _size in runs) for runs in text_runs(pdf)]


def _runs(stream: bytes, fonts) -> list[tuple[str, float]]:
    ctm, saved, text_matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0), [], (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    font, size, operands, runs = {}, 0.0, [], []
    for name, hexa, number, operator in _TOKEN.findall(stream):
        if operator:
            op = operator.decode()
            if op == "q":
                saved.append(ctm)
            elif op == "Q" and saved:
                ctm = saved.pop()
            elif op == "cm" and len(operands) >= 6:
                ctm = _times(tuple(float(v) for v in operands[-6:]), ctm)
            elif op == "Tm" and len(operands) >= 6:
                text_matrix = tuple(float(v) for v in operands[-6:])
            elif op == "Tf" and operands:
                size = float(operands[-1])
            elif op == "Tj" and operands:
                codes = operands[-1]
                shown = "".join(font.get(int(codes[i:i + 4], 16), "")
                                for i in range(0, len(codes), 4))
                a, b, c, d, _e, _f = _times(text_matrix, ctm)
                runs.append((shown, size * abs(a * d - b * c) ** 0.5))
            operands = []
        elif name:
            operands.append(name.decode())
            if name[1:2] == b"F" and name[2:].isdigit():
                font = fonts.get(name[1:].decode(), {})
        else:
            operands.append(hexa.decode() if hexa or not number else number.decode())
    return runs


def _times(m, n):
    """The PDF matrix product m × n (each as a, b, c, d, e, f)."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n  # noqa: N806 - the matrix's own names
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D,
            e * A + f * C + E, e * B + f * D + F)


def fill_colours(stream: bytes) -> set[tuple[int, int, int]]:
    """The RGB colours (0–255) a page's drawing fills with."""
    found = re.findall(rb"([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+scn\b", stream)
    return {tuple(round(float(v) * 255) for v in rgb) for rgb in found}
