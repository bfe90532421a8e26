"""Pictures of the room to look at: the phone page at phone size in headless Chromium (each of
its three parts), and the window with the invitation and the Room panel in a theme (projector
unless told) at 1024×768 and 3840×2160. Not part of the tests (Chromium is not needed to build Ecomap).

    .venv/bin/python tools/look_at_room.py OUT_FOLDER [--chromium /usr/bin/chromium]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import aiohttp  # noqa: E402

SAMPLE = Path(__file__).resolve().parents[1] / "sample_maps" / "lecture_cane_toad.json"
PHONE = (390, 844)


def phone_pictures(address: str, out: Path, chromium: str) -> None:
    """Each part at phone size, and the first part whole (a long page, scrolled through)."""
    for part, height in (("add", PHONE[1]), ("connect", PHONE[1]), ("vote", PHONE[1]),
                         ("add", 2400)):
        target = out / f"phone-{part}{'-whole' if height != PHONE[1] else ''}.png"
        subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu",
                        "--hide-scrollbars", f"--window-size={PHONE[0]},{height}",
                        "--virtual-time-budget=4000", f"--screenshot={target}",
                        f"{address}#{part}"], check=True, capture_output=True, timeout=120)
        print(target)


def send_some(address: str) -> None:
    """What a room sends in the first minutes, a hostile label among it."""
    async def phones():
        async with aiohttp.ClientSession() as client:
            async def post(name, body):
                async with client.post(address + f"api/{name}", json=body) as answer:
                    return await answer.json()
            me = (await post("join", {}))["participant"]
            view = await post("view", {"participant": me})
            first = view["pieces"][0]["ref"]
            sent = [("Mentors", "people", "Sam"), ("Lunch & learn", "process", ""),
                    ("The old LMS", "content", "Priya"),
                    ('<script>alert("x")</script>', "content", "")]
            for i, (label, block, name) in enumerate(sent):
                await post("piece", {"participant": me, "key": f"k{i}", "label": label,
                                     "block": block, "connects": [first], "name": name})
            await post("connection", {"participant": me, "key": "c", "from": "room:1",
                                      "to": first})
            for ref, dots in ((view["findings"][0]["ref"], 1), (first, 2)):
                await post("vote", {"participant": me, "target": ref, "dots": dots})
    asyncio.run(phones())


def window_pictures(out: Path, chromium: str | None, theme: str) -> None:
    from PySide6.QtWidgets import QApplication

    from app.files import import_json
    from ui.main_window import MainWindow
    from ui.settings import app_settings
    from ui.theme import load_fonts

    app = QApplication.instance() or QApplication([])
    load_fonts()
    with tempfile.TemporaryDirectory() as tmp:
        window = MainWindow(app_settings(), remember=False)
        window.set_theme(theme)
        window.resize(1024, 768)
        window.show()
        window.open_path(import_json(SAMPLE, Path(tmp) / "map.ecomap"))
        address = window.room.start("127.0.0.1", 0, dots=3)
        print(address)
        send_some(address)
        if chromium:
            phone_pictures(address, out, chromium)
        for _ in range(50):
            app.processEvents()
        for size in ((1024, 768), (3840, 2160)):
            window.resize(*size)
            app.processEvents()
            window.room.show_invitation()
            app.processEvents()
            window.grab().save(str(out / f"invitation-{theme}-{size[0]}x{size[1]}.png"))
            window.room.hide_invitation()
            app.processEvents()
            window.grab().save(str(out / f"inbox-{theme}-{size[0]}x{size[1]}.png"))
        window.room.panel.grab().save(str(out / f"inbox-panel-{theme}.png"))
        window.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--theme", default="projector", choices=("light", "dark", "projector"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    chromium = args.chromium if Path(args.chromium).exists() else None
    window_pictures(args.out, chromium, args.theme)
    return 0


if __name__ == "__main__":
    sys.exit(main())
