"""XML from other programs (GraphML, GEXF), read without trusting it, and written so it reads back.

A file is parsed with defusedxml and no document type declaration is accepted at all: a DTD is
where entities are declared, so refusing it refuses entity expansion (the "billion laughs") and
every external file or address before any of it is looked at. Neither format needs one.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterator
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError, indent, tostring

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from app.errors import BadInput
from app.source_files import read_plain_file

REFUSED = ("contains instructions to expand or fetch other files, which Ecomap never follows; "
           "nothing was read from it")
# Characters XML 1.0 cannot hold, not even written as &#1;: they are kept aside, never written.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def read_xml(path: str | os.PathLike, noun: str) -> Element:
    """The root element of the XML file at ``path``, parsed safely, or ``BadInput`` saying
    why not in words that name the file (``noun``: "GraphML")."""
    path = Path(path)
    return parse_xml(read_plain_file(path, f"{noun} file"), str(path), noun)


def parse_xml(raw: bytes, source: str, noun: str) -> Element:
    """``raw`` parsed with no DTD, entity or external reference allowed."""
    try:
        return fromstring(raw, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise BadInput(REFUSED, source) from None
    except ParseError as exc:
        line, column = exc.position
        raise BadInput(f"is not a {noun} file Ecomap can read: its XML is broken at line "
                       f"{line}, column {column + 1}", source) from None


@contextlib.contextmanager
def not_too_deep(source: str) -> Iterator[None]:
    """Reading and writing XML walks it recursively: a file nested thousands of levels deep is
    refused plainly instead of stopping Ecomap."""
    try:
        yield
    except RecursionError:
        raise BadInput("is nested too deeply to be read", source) from None


def local_name(tag: str) -> str:
    """``ShapeNode`` for ``{http://www.yworks.com/xml/graphml}ShapeNode``."""
    return tag.rpartition("}")[2]


def namespace(tag: str) -> str:
    return tag[1:].partition("}")[0] if tag.startswith("{") else ""


def xml_text(text: str) -> str:
    """``text`` without the characters XML cannot hold."""
    return _NOT_XML.sub("", text)


def xml_bytes(root: Element) -> bytes:
    """The document, indented, as UTF-8 with its declaration."""
    indent(root)
    return b"<?xml version='1.0' encoding='utf-8'?>\n" + serialised(root) + b"\n"


def serialised(root: Element) -> bytes:
    """``root`` as UTF-8. A carriage return in text is written as ``&#13;``: a reader turns a
    bare one into a line feed (ElementTree escapes it only in attributes)."""
    return tostring(root, encoding="unicode").replace("\r", "&#13;").encode("utf-8")
