"""Maps as files: read either format, import JSON into .ecomap, make new and untitled maps.

Reading and making map files needs only sqlite3 (``app.storage.inspection``, ``new_file``), and
networkx, to place nodes that have no position, is loaded only when some have none: so the
command line reads and imports maps without waiting for libraries it does not use.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import platformdirs

from app import made_from, safe_files
from app.domain import MapData, categories_from_keys, check_key, check_text
from app.errors import BadInput
from app.interchange import read_json, write_json
from app.safe_files import check_target
from app.storage import new_file
from app.storage.inspection import read_file

MAP_SUFFIX = ".ecomap"
# A new map starts with the three blocks every learning ecosystem has. Technology, data and
# governance are added when a map calls for them: declared but empty, they would be reported
# as missing from a map that is only being started.
STARTER_BLOCKS = ("people", "content", "process")


def load_map(path: str | os.PathLike) -> MapData:
    """The whole map in ``path``, a .json interchange file or an .ecomap file; nothing is changed."""
    path = Path(path)
    if path.suffix.lower() == ".json":
        return read_json(path)
    return read_file(path)


def laid_out(data: MapData) -> MapData:
    """The map with every node given a position (nodes already placed keep theirs)."""
    if all(node.has_position for node in data.nodes):
        return data
    from app.layout import auto_layout  # networkx: loaded only when there is work for it

    return data.with_positions(auto_layout(data))


def create_map(path: str | os.PathLike, data: MapData, or_next_free: bool = False) -> Path:
    """Write ``data`` as a new .ecomap file (complete or not at all, never over another file)
    and return its path: ``path``, or with ``or_next_free`` the first free "name (n).ecomap"."""
    path = Path(path)
    if path.suffix.lower() != MAP_SUFFIX:
        raise BadInput(f"a map file's name must end in {MAP_SUFFIX}, e.g. "
                       f"“{path.stem or 'my map'}{MAP_SUFFIX}”", str(path))
    return new_file.create(path, laid_out(data), or_next_free=or_next_free)


def new_map_data(name: str, category_keys: list[str] | None = None) -> MapData:
    """An empty map with the people, content and process blocks, or the blocks named."""
    check_text(name, "--name", required=True, limit=200)
    if category_keys is None:
        category_keys = list(STARTER_BLOCKS)
    keys = [check_key(k.strip(), "--categories") for k in category_keys if k.strip()]
    if not keys:
        raise BadInput("name at least one building block, e.g. people,content,process",
                       "--categories")
    if len(set(keys)) != len(keys):
        raise BadInput("a building block is named twice", "--categories")
    return MapData(name=name, categories=categories_from_keys(keys))


def import_json(source: str | os.PathLike, target: str | os.PathLike) -> Path:
    """A new .ecomap at ``target`` from a JSON map; a bad source creates nothing."""
    return create_map(target, read_json(source))


def import_json_beside(source: str | os.PathLike) -> Path:
    """Import a JSON map into a new .ecomap next to it ("name.ecomap", or "name (2).ecomap")."""
    source = Path(source)
    made = create_map(source.with_suffix(MAP_SUFFIX), read_json(source), or_next_free=True)
    made_from.note(source, made)
    return made


def import_json_as_untitled(source: str | os.PathLike) -> Path:
    """Open a JSON map as a new untitled map in the user's data folder; the JSON is untouched."""
    data = read_json(source)
    made = create_map(untitled_dir() / f"{_safe_stem(data.name)}{MAP_SUFFIX}", data,
                      or_next_free=True)
    made_from.note(source, made)
    return made


def map_made_from(source: str | os.PathLike) -> Path | None:
    """The map made earlier from a JSON map with the same contents, if it is still there."""
    try:
        return made_from.earlier_map(source)
    except OSError:
        return None  # the JSON cannot be read: opening it will say why


def create_untitled(name: str = "Untitled map") -> Path:
    """A new empty map in the user's data folder, where it lives until it is given a name."""
    return create_map(untitled_dir() / f"{_safe_stem(name)}{MAP_SUFFIX}", new_map_data(name),
                      or_next_free=True)


def is_untitled(path: str | os.PathLike) -> bool:
    """Whether ``path`` is one of the untitled maps, which live in Ecomap's own folder."""
    return Path(path).resolve().parent == untitled_dir().resolve()


def let_go_of_untitled(old: str | os.PathLike, new: str | os.PathLike) -> None:
    """An untitled map was saved as ``new``: the copy in the untitled folder goes (it must be
    closed first), and a map made from a JSON file is now the one at ``new``."""
    old = Path(old)
    if not is_untitled(old) or old.resolve() == Path(new).resolve():
        return
    made_from.moved(old, new)
    for leftover in (old, *safe_files.sidecars(old)):
        with contextlib.suppress(OSError):  # left behind, it is only a spare copy
            leftover.unlink(missing_ok=True)


def untitled_dir() -> Path:
    folder = Path(platformdirs.user_data_dir("Ecomap", appauthor=False)) / "Untitled maps"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def export_json(source: str | os.PathLike, target: str | os.PathLike) -> None:
    """Write the map in ``source`` as JSON to ``target``, which may not be ``source`` itself."""
    check_target(target, source=source)
    write_json(load_map(source), target)


def file_name_for(map_name: str) -> str:
    """A file name made from a map's name: "Acme: sales" becomes "Acme sales.ecomap"."""
    return _safe_stem(map_name) + MAP_SUFFIX


def _safe_stem(name: str) -> str:
    cleaned = "".join(c if c.isalnum() or c in " -_()." else " " for c in name).strip(" .")
    return " ".join(cleaned.split())[:80] or "Untitled map"
