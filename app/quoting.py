"""How a value from a file is quoted in a message: cut to a readable length, and with every
character that could act on a terminal (escape codes, NUL, bidi overrides) shown escaped.

A message quotes what the user wrote so they can find it; a hostile or damaged file must not
be able to fill the screen, hide text, or send escape codes through that quote.
"""

from __future__ import annotations

import re
from typing import Any

QUOTE_LIMIT = 60  # characters of a quoted value (after escaping) before it is cut
KEY_LIMIT = 40  # characters of a name from the file used as part of a location

# C0 controls, DEL, C1 controls, lone surrogates, and the characters that reorder or hide the
# text around them (bidi embeddings, overrides and isolates; line and paragraph separators).
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\u061c\u200e\u200f\u2028-\u202e"
                     "\u2066-\u2069]")
_SHORT = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


class UnreadableNumber:
    """A number in a file too large for Python to hold or use (a 5,000-digit integer, 1e400).

    The JSON reader puts one where the number was instead of failing, so the check of the field
    it sits in refuses it and names where it is. It is neither ``int`` nor ``float``, so no rule
    that wants a number accepts it.
    """

    __slots__ = ("described",)

    def __init__(self, described: str):
        self.described = described

    def __repr__(self) -> str:
        return f"UnreadableNumber({self.described!r})"


def escaped(char: str) -> str:
    """One unsafe character as an escape a reader can see: ``\\x1b``, ``\\u202e``, ``\\n``."""
    code = ord(char)
    return _SHORT.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def printable(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` with every unsafe character escaped; the rest, any script, left as it is."""
    if keep_newlines:
        return "\n".join(printable(line) for line in text.split("\n"))
    return _UNSAFE.sub(lambda m: escaped(m.group()), text)


def cut(text: str, limit: int = QUOTE_LIMIT) -> str:
    """``text`` made printable and, when long, cut to about ``limit`` characters with its
    full length said: ``Lorem ipsum…  (5,242,880 characters)``."""
    if len(text) <= limit and not _UNSAFE.search(text):
        return text
    pieces, length = [], 0
    for char in text:
        piece = escaped(char) if _UNSAFE.match(char) else char
        if length + len(piece) > limit:
            return f"{''.join(pieces)}… ({len(text):,} characters)"
        pieces.append(piece)
        length += len(piece)
    return "".join(pieces)


def key_part(name: Any) -> str:
    """A name from the file (an attribute, a threshold) made safe to use in a location."""
    return cut(name, KEY_LIMIT) if isinstance(name, str) else shown(name)


def shown(value: Any) -> str:
    """A value as the user wrote it in JSON ("procces", 12, true), cut and escaped."""
    if isinstance(value, str):
        return f'"{cut(value)}"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "nothing (null)"
    if isinstance(value, int):
        return _whole_number(value)
    if isinstance(value, float):
        return repr(value)
    return describe(value)


def describe(value: Any) -> str:
    """What kind of value this is, in words: "a list", "text", "a number 5,000 digits long"."""
    if isinstance(value, UnreadableNumber):
        return value.described
    names = {dict: "an object", list: "a list", tuple: "a list", str: "text",
             bool: "true/false", int: "a number", float: "a number",
             type(None): "nothing (null)", bytes: "binary data, not text"}
    return names.get(type(value), cut(type(value).__name__))


def _whole_number(value: int) -> str:
    try:
        digits = str(abs(value))
    except ValueError:  # beyond Python's own limit on turning numbers into text
        return "a number thousands of digits long"
    if len(digits) > QUOTE_LIMIT:
        return f"a number {len(digits):,} digits long"
    return str(value)
