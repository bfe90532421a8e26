"""What a foreign file holds, read but not yet judged: rows of elements and connections.

Spreadsheets, Kumu, GraphML and GEXF readers all produce an ``Imported``: each row as it was
written, with where it came from (file, sheet, row) so every problem can be named where it is.
Turning rows into a map — mapping each ``type`` to a building block and kind, matching rows to
the nodes of an open map, checking every rule — happens after, in one place, the same for every
format; nothing is written until the whole plan has been seen and accepted.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from app.domain import Category


@dataclass(frozen=True)
class Problem:
    """A row that cannot be imported as it is, and why, in words an L&D lead understands:
    ``catalogue.xlsx, sheet “Connections”, row 7, column To: “LMS 2” is not an element …``."""

    where: str
    message: str
    column: str | None = None  # the file's own name for the column ("To", "Strength")

    def __str__(self) -> str:
        return f"{self.where}, column {self.column}: {self.message}" if self.column \
            else f"{self.where}: {self.message}"


@dataclass(frozen=True)
class Element:
    """One row that becomes a node."""

    where: str  # "catalogue.xlsx, sheet “Elements”, row 12": said in every message about it
    label: str
    id: str | None = None
    type: str | None = None  # the file's own word ("Course", "Mentor"), mapped to block/kind
    category: str | None = None  # when the file says which building block (our own exports)
    kind: str | None = None
    description: str = ""
    tags: tuple[str, ...] = ()
    informal: bool | None = None
    reach: int | None = None
    x: float | None = None
    y: float | None = None
    color: str | None = None  # "#rrggbb", as yEd or Gephi drew it
    attributes: Mapping[str, Any] = field(default_factory=dict)
    # The file's own name for each field read ({"label": "Label", "reach": "Learners"}), so a
    # problem names the column the user sees; a field missing here is named in plain words.
    columns: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Connection:
    """One row that becomes a connection (``To`` with "A|B|C" is read as three of these)."""

    where: str
    source: str  # an element's id, or its label where the file has no ids
    target: str
    id: str | None = None
    type: str | None = None  # becomes the connection's kind ("uses", "delivers")
    strength: int | None = None
    directed: bool | None = None
    note: str = ""
    attributes: Mapping[str, Any] = field(default_factory=dict)  # kept in the note, "Name: value"
    columns: Mapping[str, str] = field(default_factory=dict)  # {"target": "To"}, as for Element


@dataclass(frozen=True)
class Imported:
    """Everything read from one source, and what was noticed while reading it."""

    source: str  # the file's name, as messages call it
    elements: tuple[Element, ...] = ()
    connections: tuple[Connection, ...] = ()
    name: str | None = None  # the map's title, where the file has one
    categories: tuple[Category, ...] | None = None  # where the file declares building blocks
    notes: tuple[str, ...] = ()  # "read as UTF-16 with semicolons", "sheet “Old (ignore)” skipped"
    problems: tuple[Problem, ...] = ()  # rows the reader could not read (a Strength of "high")
    # Whether elements without an ID are matched by label *and* type (Kumu's rule when the file
    # has a Type column); None: whenever any element has a type.
    typed: bool | None = None
    # The rest of a map's own fields where the file has them: all of them in a GraphML or GEXF
    # file Ecomap wrote, so a map taken out to yEd or Gephi and brought back into a new map
    # loses nothing; the description a yEd or Gephi file gives its graph.
    description: str = ""
    goals: tuple[str, ...] = ()
    settings: Mapping[str, Any] | None = None
