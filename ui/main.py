"""``ecomap-gui [MAP] [--screenshot OUT.png] [--size WxH] [--theme …]``: the window, or a picture of it.

``ecomap-gui MAP --invite-room [--bind ADDRESS] [--port N]`` opens the map with the room
invited and prints the room's address, token and all, on standard output (for a kiosk).
``--present`` starts presenting the map full screen (with ``--invite-room``: the invitation
over it, Esc to the map).

A .json map given here opens as an untitled copy (the JSON is never changed). Bad input is
reported on stderr with exit status 2, never as a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from app.errors import EcomapError
from app.quoting import printable

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2
ICON_DIR = Path(__file__).resolve().parents[1] / "resources" / "icons"


class UsageError(Exception):
    """The command line itself is wrong (argparse's own errors become this)."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):
        raise UsageError(message)


def parser() -> argparse.ArgumentParser:
    p = _Parser(prog="ecomap-gui", description="Open a learning-ecosystem map in a window.")
    p.add_argument("map", nargs="?", type=Path, help="a map file: .ecomap, or .json to import")
    p.add_argument("--screenshot", type=Path, metavar="OUT.png",
                   help="save a picture of the window with the map, then quit")
    p.add_argument("--size", default="1600x1000", metavar="WIDTHxHEIGHT",
                   help="window size for --screenshot (default 1600x1000)")
    p.add_argument("--theme", choices=("light", "dark", "projector"),
                   help="the theme of the map and the panels around it")
    room = p.add_argument_group("a workshop")
    room.add_argument("--present", action="store_true",
                      help="present the map full screen at once, as F5 does (Esc leaves)")
    room.add_argument("--invite-room", action="store_true",
                      help="invite the room to add pieces and vote from their phones, and print "
                           "the room's address (with its token) on standard output")
    room.add_argument("--bind", metavar="ADDRESS",
                      help="the address of this computer the room connects to (default: the "
                           "first on the local network)")
    room.add_argument("--port", type=int, metavar="N",
                      help="the port the room connects to (default: any free port)")
    return p


def parse_size(text: str) -> tuple[int, int]:
    """'1600x1000' as (1600, 1000), or ``UsageError`` explaining what is wanted."""
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise UsageError(f"--size should look like 1600x1000, not {text!r}") from None
    if not (320 <= width <= 8000 and 240 <= height <= 8000):
        raise UsageError(f"--size {text} is out of range (320x240 up to 8000x8000)")
    return width, height


def main(argv: list[str] | None = None) -> int:
    """Run the window (or take a screenshot); return the exit status."""
    try:
        args = parser().parse_args(argv)
        size = parse_size(args.size)
        _check_map_argument(args.map)
        _check_room_arguments(args)
    except UsageError as error:
        _say(error)
        return EXIT_BAD_INPUT
    if args.screenshot is not None and not _has_display():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    try:
        if args.screenshot is not None:
            return _screenshot(args, size)
        return _run_window(args)
    except EcomapError as error:
        _say(error)
        return error.exit_status


def _say(error: Exception) -> None:
    """Why the window could not start, on stderr, with control characters shown escaped."""
    print(f"ecomap-gui: {printable(str(error), keep_newlines=True)}", file=sys.stderr)


def _check_map_argument(path: Path | None) -> None:
    if path is None:
        return
    if not path.exists():
        raise UsageError(f"there is no file called {path}")
    if path.suffix.lower() not in (".ecomap", ".json"):
        raise UsageError(f"{path.name} is not a map: open an .ecomap file or a .json map")


def _check_room_arguments(args) -> None:
    if args.present and args.map is None:
        raise UsageError("--present needs a map to open")
    if args.present and args.screenshot is not None:
        raise UsageError("--present is for the window; --screenshot takes a picture of it "
                         "as it opens")
    if not args.invite_room:
        if args.bind is not None or args.port is not None:
            raise UsageError("--bind and --port go with --invite-room")
        return
    if args.map is None:
        raise UsageError("--invite-room needs a map to open")
    if args.bind is not None:
        import ipaddress

        try:
            ipaddress.ip_address(args.bind)
        except ValueError:
            raise UsageError(f"--bind wants an address of this computer like 192.168.1.23, "
                             f"not {args.bind!r}") from None
    if args.port is not None and not 0 <= args.port <= 65535:
        raise UsageError(f"--port should be from 1 to 65535 (0: any free port), not {args.port}")


def invite_room(window, bind: str | None, port: int | None) -> int | None:
    """Invite the room to the map open in ``window`` and print its address; the exit status
    to end with if that failed (the reason on stderr), else None."""
    from ui.room.interfaces import default_address

    if window.document is None:
        print("ecomap-gui: the room was not invited: the map did not open", file=sys.stderr)
        return EXIT_FAILED
    try:
        address = window.room.invite(bind or default_address(), port or 0)
    except EcomapError as error:
        _say(error)
        return error.exit_status
    window.room.show_invitation()
    print(address, flush=True)
    return None


def _has_display() -> bool:
    if sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _application():
    from PySide6.QtWidgets import QApplication

    from ui.theme import load_fonts

    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "ecomap-gui"])
    app.setApplicationName("Ecomap")
    app.setApplicationDisplayName("Ecomap")
    app.setDesktopFileName("ecomap")  # Linux desktops match the window to ecomap.desktop
    app.setWindowIcon(_icon())
    from ui.editing import release_clipboard

    app.aboutToQuit.connect(release_clipboard)
    load_fonts()
    return app


def _icon():
    """Ecomap's icon at the sizes title bars and task bars ask for."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QIcon, QPixmap

    picture = QPixmap(str(ICON_DIR / "ecomap-256.png"))
    icon = QIcon()
    for size in (16, 24, 32, 48, 64, 128):
        icon.addPixmap(picture.scaled(size, size, Qt.AspectRatioMode.KeepAspectRatio,
                                      Qt.TransformationMode.SmoothTransformation))
    icon.addPixmap(picture)
    return icon


def _window(args, remember: bool):
    from ui.main_window import MainWindow
    from ui.settings import app_settings

    window = MainWindow(app_settings(), remember=remember)
    if args.theme:
        window.set_theme(args.theme)
    return window


def _run_window(args) -> int:
    app = _application()
    window, failed = start_window(args)
    if failed is not None:
        window.close()
        return failed
    return app.exec()


def start_window(args) -> tuple:
    """The window, shown with the map open (presenting, the room invited, as asked), and the
    exit status to end with at once if inviting the room failed (else None)."""
    window = _window(args, remember=True)
    sys.excepthook = _crash_reporter(window)
    window.show()
    if args.map is not None and _unattended(args) and args.map.suffix.lower() == ".json":
        window.files.open_as_untitled(args.map)  # no box asking which copy: nobody is there
    elif args.map is not None:
        window.open_from_command_line(args.map)
    if args.present and window.document is not None:
        window.workshop.presenter.start()
    if args.invite_room:
        return window, invite_room(window, args.bind, args.port)
    return window, None


def _unattended(args) -> bool:
    """A kiosk or a script: the window must start as asked, without a question first."""
    return args.present or args.invite_room


def _crash_reporter(window):
    """A bug must not look like the user's fault, nor lose work: every edit is already saved."""
    def report(kind, error, trace) -> None:
        import traceback

        traceback.print_exception(kind, error, trace, file=sys.stderr)
        from ui import dialogs

        dialogs.show_crash(window, f"{kind.__name__}: {error}")
    return report


def _screenshot(args, size: tuple[int, int]) -> int:
    from app.document import MapDocument
    from app.files import import_json

    _application()
    with tempfile.TemporaryDirectory(prefix="ecomap-shot-") as tmp:
        path = args.map
        if path is not None and path.suffix.lower() == ".json":
            path = import_json(path, Path(tmp) / "map.ecomap")
        document = MapDocument.open(path) if path is not None else None
        window = _window(args, remember=False)
        try:
            return save_window_picture(window, document, size, args.screenshot)
        finally:
            window.close()


def save_window_picture(window, document, size: tuple[int, int], out: Path) -> int:
    """Show ``document`` in ``window`` at ``size``, save the picture to ``out``."""
    from PySide6.QtWidgets import QApplication

    window.resize(*size)
    window.show()
    if document is not None:
        window.set_document(document)
        window.findings.runner.wait()  # a large map is checked in the background: show it
    QApplication.processEvents()
    window.view.fit_to_window()
    QApplication.processEvents()
    from app.safe_files import write_bytes
    from ui.exporters import png_encoded

    try:
        write_bytes(out, png_encoded(window.grab().toImage()))
    except (EcomapError, OSError) as error:
        print(f"ecomap-gui: could not write the picture to {printable(str(out))}: "
              f"{printable(str(error))}", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
