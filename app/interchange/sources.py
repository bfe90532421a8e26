"""Which kind of file a source is, and its rows read: the one door every import goes through.

Spreadsheets by their ending (.csv, .xlsx), networks too (.graphml from yEd, .gexf from Gephi,
read as safe XML); a .json file by what it holds — Ecomap's own map
(``"format": "ecomap"``) or Kumu's (``elements``, ``connections``).
"""

from __future__ import annotations

import os
from pathlib import Path

from app.domain import MapData
from app.errors import BadInput
from app.interchange.json_format import parse_json, parse_map
from app.interchange.kumu import is_kumu, read_kumu
from app.interchange.progress import Progress, quiet
from app.interchange.records import Connection, Element, Imported
from app.interchange.tabular import SUFFIXES, read_spreadsheet
from app.source_files import read_plain_file, require_plain_file

ECOMAP, KUMU, SPREADSHEET = "Ecomap map", "Kumu project", "spreadsheet"
NETWORKS = (".graphml", ".gexf")
READABLE = (".json", *SUFFIXES, *NETWORKS)


def read_source(path: str | os.PathLike, progress: Progress = quiet) -> Imported:
    """The rows of any file Ecomap imports; ``BadInput`` for a file it cannot read at all."""
    path = Path(path)
    require_plain_file(path, "file to import")  # a pipe or a folder is refused at once
    suffix = path.suffix.lower()
    if suffix in SUFFIXES:
        return read_spreadsheet(path, progress)
    if suffix in NETWORKS:
        return _read_network(path, suffix)
    if suffix != ".json":
        raise BadInput(f"is not a file Ecomap imports; it reads {', '.join(READABLE)}",
                       str(path))
    kind, found = read_json_source(path)
    return found if kind == KUMU else imported_from_map(found, path.name)


def read_json_source(path: Path) -> tuple[str, MapData | Imported]:
    """``(ECOMAP, MapData)`` or ``(KUMU, Imported)``, told apart by what the file holds."""
    doc = parse_json(_read(path), str(path))  # once: it is told apart, then read
    if is_kumu(doc):
        return KUMU, read_kumu(doc, path.name, path.stem)
    if isinstance(doc, dict) and not {"format", "nodes", "edges"} & set(doc):
        raise BadInput("is neither an Ecomap map (it has no \"format\": \"ecomap\") nor a "
                       "Kumu project (it has no \"elements\" list)", str(path))
    return ECOMAP, parse_map(doc)


def imported_from_map(data: MapData, source: str) -> Imported:
    """An Ecomap map as rows, to merge it into another map like any other source."""
    elements = tuple(Element(
        f"{source}, piece “{n.id}”", n.label, id=n.id, category=n.category, kind=n.kind,
        description=n.description, tags=n.tags, informal=n.informal, reach=n.reach, x=n.x,
        y=n.y, attributes=n.attributes) for n in data.nodes)
    connections = tuple(Connection(
        f"{source}, connection “{e.id}”", e.source, e.target, id=e.id, type=e.kind,
        strength=e.strength, directed=e.directed, note=e.note) for e in data.edges)
    return Imported(source, elements, connections, name=data.name,
                    categories=data.categories, notes=(f"{source} was read as an Ecomap map",),
                    description=data.description, goals=data.goals, settings=data.settings)


def _read_network(path: Path, suffix: str) -> Imported:
    if suffix == ".gexf":
        from app.interchange.gexf import read_gexf

        return read_gexf(path)
    from app.interchange.graphml import read_graphml

    return read_graphml(path)


def _read(path: Path) -> bytes:
    return read_plain_file(path, "file to import")

