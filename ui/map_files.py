"""File ▸ Save, Save As and opening maps saved as JSON, the way people expect files to behave.

Every change is already in the file, so Save only says so. Save As writes a copy under the new
name and carries on editing the copy: the copy holds exactly what the map held, so the undo
history, the selection and the view carry on with it, and the old file keeps the map as it
was. An untitled map given a place this way leaves the untitled maps folder. A JSON map opens
as a new map (never edited itself); opening the same JSON again offers the map already made
from it, and a second copy is only made when asked for, and then said.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths

from app import files
from app.document import MapDocument
from app.errors import EcomapError, StorageFailed
from app.safe_files import check_target
from ui import dialogs
from ui.ways_back import offer_choices

SAVE_AS_PROBLEM = "Could not save the map under a new name"


class MapFiles(QObject):
    """Owned by the main window; File ▸ Save and Save As call it, and so does opening JSON."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window

    # --- Save (Ctrl+S) ---------------------------------------------------------------------

    def save(self) -> None:
        """Nothing to do, as every change is saved as it is made: say so, and say where."""
        document = self.window.document
        if document is None:
            return
        if files.is_untitled(document.path):
            self.say("All changes saved, among the untitled maps: Save As (Ctrl+Shift+S) gives "
                     "this map a place of your own.")
        else:
            self.say(f"All changes saved in “{document.path.name}”.")

    # --- Save As (Ctrl+Shift+S) ------------------------------------------------------------

    def save_as(self) -> None:
        """Ask where, then save the map there and carry on editing it there."""
        document = self.window.document
        if document is not None:
            target = dialogs.choose_save_path(self.window, self.suggested_target(document))
            if target is not None:
                self.save_as_path(target)

    def suggested_target(self, document) -> Path:
        """Where Save As first proposes: beside the map, or in Documents for an untitled one,
        named after the map."""
        untitled = files.is_untitled(document.path)
        folder = _documents_folder() if untitled else document.path.parent
        target = folder / files.file_name_for(document.name)
        if target.exists() and _same_file(target, document.path):
            target = target.with_name(f"{target.stem} (copy){target.suffix}")
        return target

    def save_as_path(self, target: Path) -> bool:
        """Save the open map as ``target`` (replacing a file the user chose to replace, never a
        map open for editing) and go on editing it there; False, with the reason, if not."""
        window, document = self.window, self.window.document
        if document is None:
            return False
        target, old = _with_map_suffix(Path(target)), document.path
        if _same_file(target, old):
            self.say(f"“{old.name}” is the map you have open: every change is already saved "
                     "in it.")
            return True
        try:
            copy = _written_copy(document, target)
        except EcomapError as error:
            window.show_problem(SAVE_AS_PROBLEM, error)
            return False
        window.set_document(copy, carry_on=True)  # closes the old file, so it can go
        untitled = files.is_untitled(old)
        if untitled:
            files.let_go_of_untitled(old, copy.path)
            window.recent.remove(old)
        self.say(_saved_as_message(old, copy.path, untitled))
        return True

    # --- maps saved as JSON ----------------------------------------------------------------

    def open_json(self, source: Path, ask: bool = True) -> bool:
        """Open a JSON map as a new map. With ``ask``, or when a map was made from the same
        JSON before, the user chooses how (the box does not block): False until then."""
        earlier = files.map_made_from(source)
        if earlier is None and not ask:
            return self.open_as_untitled(source)
        self.question = offer_choices(self.window, "Open a map saved as JSON",
                                      _json_question(source, earlier),
                                      self._json_choices(source, earlier), name="open-json")
        return False

    def _json_choices(self, source: Path, earlier: Path | None) -> list:
        if earlier is not None:
            return [(f"Carry on with “{earlier.name}”",
                     "open the map you made from it before",
                     lambda: self.window.open_path(earlier)),
                    ("Open a second copy as a new untitled map",
                     f"a fresh start from the JSON file; “{earlier.name}” stays as it is",
                     lambda: self.open_as_untitled(source))]
        return [("Open it as a new untitled map",
                 "kept among Ecomap's untitled maps until File ▸ Save As puts it where you "
                 "choose", lambda: self.open_as_untitled(source)),
                (f"Make a map file beside “{source.name}”",
                 f"a new .ecomap file in {source.parent}", lambda: self.open_beside(source))]

    def open_as_untitled(self, source: Path) -> bool:
        earlier = files.map_made_from(source)
        return self._open_made(source, lambda: files.import_json_as_untitled(source), earlier)

    def open_beside(self, source: Path) -> bool:
        return self._open_made(source, lambda: files.import_json_beside(source), None)

    def _open_made(self, source: Path, make, earlier: Path | None) -> bool:
        try:
            made = make()
            self.window.set_document(MapDocument.open(made))
        except EcomapError as error:
            self.window.could_not_open(source, error)
            return False
        self.say(_opened_json_message(source, made, earlier))
        return True

    def say(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 12000)


def _written_copy(document, target: Path) -> MapDocument:
    """The open map written whole to ``target`` and opened there for editing."""
    check_target(target)  # a folder that is not there or cannot be written, a read-only file
    try:
        document.save_copy(target)
    except OSError as error:
        raise StorageFailed(f"“{target.name}” could not be written ({error.strerror or error}),"
                            " so nothing was saved there. Choose another place.") from error
    return MapDocument.open(target)


def _saved_as_message(old: Path, new: Path, untitled: bool) -> str:
    if untitled:
        return f"Saved as “{new.name}” in “{new.parent.name}”: it has left the untitled maps."
    return f"Saved as “{new.name}”: you are working in it now; “{old.name}” stays as it was."


def _json_question(source: Path, earlier: Path | None) -> str:
    if earlier is None:
        return (f"“{source.name}” is a map saved as JSON. Ecomap opens it as a new map and "
                "saves every change there: the JSON file stays as it is.")
    where = "among Ecomap's untitled maps" if files.is_untitled(earlier) else \
        f"in {earlier.parent}"
    return (f"You have opened “{source.name}” before. The map made from it then, "
            f"“{earlier.name}”, is {where}, with every change you made to it since.")


def _opened_json_message(source: Path, made: Path, earlier: Path | None) -> str:
    if earlier is not None:
        return (f"Made a second map from “{source.name}”: “{made.name}”; the first is as you "
                "left it.")
    if files.is_untitled(made):
        return (f"Opened a copy of “{source.name}” as an untitled map: Save As (Ctrl+Shift+S) "
                "gives it a place.")
    return f"Made “{made.name}” from “{source.name}”: your changes are saved in it."


def _with_map_suffix(path: Path) -> Path:
    return path if path.suffix.lower() == files.MAP_SUFFIX else \
        path.with_name(path.name + files.MAP_SUFFIX)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and a.samefile(b))
    except OSError:
        return False


def _documents_folder() -> Path:
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found and Path(found).is_dir() else Path.home()
