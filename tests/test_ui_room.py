"""The facilitator's side of the room: invite it, see what phones send arrive in the Room
panel, accept, merge, edit, reject, accept all, keep it private until revealed, count the dots.
Real window, real server on loopback, real HTTP requests from aiohttp's client."""

from __future__ import annotations

import asyncio

import aiohttp
import pytest
from PySide6.QtWidgets import QPushButton

from app.files import create_map
from app.room.accepting import CONTRIBUTED_BY, NAMED_BY_ROOM, ROOM_TAG
from tests.conftest import make_map, open_window


@pytest.fixture
def window(qtbot, tmp_path):
    data = make_map("reps:people mentor:people course:content coaching:process",
                    "reps>course mentor-reps coaching>reps", name="Acme onboarding",
                    at={"reps": (0, 0), "mentor": (-300, 0), "course": (300, 0),
                        "coaching": (0, 300)})
    win = open_window(qtbot, create_map(tmp_path / "acme.ecomap", data))
    yield win
    win.room.pending.clear()  # what a test left waiting: closing would ask about it
    win.room.shutdown()


@pytest.fixture
def room(window):
    assert window.room.start("127.0.0.1", 0, dots=3) is not None
    return window.room


def phone_sends(address: str, *requests: tuple[str, dict], source: str = "127.0.0.1"):
    """One phone joins the room and sends ``requests`` ((name, body), …) in order; the answers."""
    async def phone():
        connector = aiohttp.TCPConnector(local_addr=(source, 0))
        async with aiohttp.ClientSession(connector=connector) as client:
            async with client.post(address + "api/join", json={}) as answer:
                me = (await answer.json())["participant"]
            answers = []
            for i, (name, body) in enumerate(requests):
                body = {"participant": me, "key": f"k{i}", **body}
                async with client.post(address + f"api/{name}", json=body) as answer:
                    answers.append((answer.status, await answer.json()))
            return answers
    return asyncio.run(phone())


def piece(label: str, block: str = "people", connects=(), name: str = ""):
    return ("piece", {"label": label, "block": block, "connects": list(connects), "name": name})


def arrived(qtbot, room, count: int) -> None:
    qtbot.waitUntil(lambda: len(room.pending) >= count, timeout=5000)


def rows(window) -> list[str]:
    listing = window.room.panel.list
    return [listing.item(i).text() for i in range(listing.count())]


def test_inviting_shows_the_address_and_its_qr_code_over_the_map(window, room, qtbot):
    card = room.card
    assert card.isVisible() and card.width() == window.width()
    assert card.geometry().contains(window.view.geometry())
    assert card.link.text() == room.address and room.address.startswith("http://127.0.0.1:")
    assert not card.code.pixmap().isNull()
    assert card.phones.text() == "No phone has joined yet."
    phone_sends(room.address)
    phone_sends(room.address, source="127.0.0.2")
    qtbot.waitUntil(lambda: card.phones.text() == "2 phones have joined.")
    assert "2 phones have joined." in window.room.panel.status.text()
    assert window.room.dock.isVisible()
    assert window.commands["end_workshop"].isEnabled()
    qtbot.keyClick(card.back, "\x1b")
    assert not card.isVisible()


def test_what_a_phone_sends_arrives_in_the_inbox_as_plain_text(window, room, qtbot):
    phone_sends(room.address, piece("<b>Mentors</b>", connects=["node:reps"], name="Sam"))
    arrived(qtbot, room, 1)
    assert rows(window) == ["“<b>Mentors</b>” (People), connects to “Reps” — Sam"]


def test_accepting_a_piece_is_one_undo_step_and_places_it_beside_its_connection(window, room,
                                                                              qtbot):
    phone_sends(room.address, piece("Mentors", connects=["node:course"], name="Sam"))
    arrived(qtbot, room, 1)
    steps = window.editor.stack.count()
    window.room.panel.list.item(0).setSelected(True)
    window.room.panel.buttons["accept"].click()
    assert window.editor.stack.count() == steps + 1
    [node] = [n for n in window.document.nodes() if n.label == "Mentors"]
    assert node.tags == (ROOM_TAG,) and node.attributes == {CONTRIBUTED_BY: "Sam"}
    course = window.document.node("course")
    others = [n for n in window.document.nodes() if n.id != node.id]
    assert abs(node.x - course.x) < 300 and abs(node.y - course.y) < 300
    assert all(abs(node.x - n.x) >= 150 or abs(node.y - n.y) >= 100 for n in others)
    [edge] = [window.document.edge(e) for e in window.document.edge_ids_of(node.id)]
    assert (edge.target, edge.directed, edge.note) == ("course", False, "From the room (Sam)")
    assert node.id in window.scene.item_for_node and rows(window) == []
    window.editor.undo()
    assert all(n.label != "Mentors" for n in window.document.nodes())


def test_a_connection_to_a_piece_just_added_follows_it_onto_the_map(window, room, qtbot):
    phone_sends(room.address, piece("Lunch & learn", "process"),
                ("connection", {"from": "room:1", "to": "node:reps"}))
    arrived(qtbot, room, 2)
    assert rows(window)[1] == "“Lunch & learn” connects to “Reps”"
    assert not window.room.accept(2)  # its piece is still waiting
    assert window.room.accept(1) and window.room.accept(2)
    new = window.room.decided[1]
    assert any({e.source, e.target} == {new, "reps"} for e in window.document.edges())


def test_merging_into_a_piece_the_map_has_adds_only_its_connections(window, room, qtbot):
    phone_sends(room.address, piece("Mentoring", connects=["node:course"], name="Ana"))
    arrived(qtbot, room, 1)
    nodes_before = len(window.document.nodes())
    steps = window.editor.stack.count()
    assert window.room.merge(1, "mentor")
    assert len(window.document.nodes()) == nodes_before
    assert window.editor.stack.count() == steps + 1
    mentor = window.document.node("mentor")
    assert mentor.attributes == {NAMED_BY_ROOM: "Mentoring", CONTRIBUTED_BY: "Ana"}
    assert any({e.source, e.target} == {"mentor", "course"} for e in window.document.edges())
    window.editor.undo()
    assert window.document.node("mentor").attributes == {}


def test_editing_then_rejecting(window, room, qtbot):
    phone_sends(room.address, piece("Lunch n learn"), piece("asdf"))
    arrived(qtbot, room, 2)
    window.room.edit(1, "Lunch & learn", "process")
    assert rows(window)[0] == "“Lunch & learn” (Processes)"
    window.room.panel.list.item(1).setSelected(True)
    window.room.panel.buttons["reject"].click()
    assert rows(window) == ["“Lunch & learn” (Processes)"]
    assert window.room.accept(1)
    [node] = [n for n in window.document.nodes() if n.label == "Lunch & learn"]
    assert node.category == "process"
    assert all(n.label != "asdf" for n in window.document.nodes())


def test_accept_all_puts_everything_on_the_map_as_one_step(window, room, qtbot):
    phone_sends(room.address, piece("Mentors", connects=["node:reps"]),
                ("connection", {"from": "room:1", "to": "node:course"}),
                piece("Lunch & learn", "process"), piece("Wiki", "content"))
    arrived(qtbot, room, 4)
    steps, nodes = window.editor.stack.count(), len(window.document.nodes())
    window.room.panel.buttons["accept_all"].click()
    assert window.editor.stack.count() == steps + 1
    assert len(window.document.nodes()) == nodes + 3 and rows(window) == []
    positions = [(n.x, n.y) for n in window.document.nodes()]
    assert len(set(positions)) == len(positions)
    window.editor.undo()
    assert len(window.document.nodes()) == nodes


def test_private_mode_keeps_the_room_off_the_screen_until_revealed(window, room, qtbot):
    window.commands["room_private"].trigger()
    panel = window.room.panel
    phone_sends(room.address, piece("Mentors"), ("vote", {"target": "node:reps", "dots": 2}))
    arrived(qtbot, room, 1)
    qtbot.waitUntil(lambda: room.votes.dots == {"node:reps": 2})
    assert panel.status.text() == ("1 waiting, hidden from the screen. Reveal when the room "
                                   "is ready.")
    assert not panel.list.isVisible() and not panel.votes.isVisible()
    assert not panel.buttons["accept_all"].isEnabled()
    assert all(n.label != "Mentors" for n in window.document.nodes())
    assert dots_on_canvas(window) == {}
    panel.reveal_button.click()
    assert panel.list.isVisible() and rows(window) == ["“Mentors” (People)"]
    assert [panel.votes.item(i).text() for i in range(panel.votes.count())] == ["●●  Reps"]
    assert dots_on_canvas(window) == {"reps": 2}
    assert not window.commands["room_private"].isChecked()


def dots_on_canvas(window) -> dict[str, int]:
    from ui.room.vote_marks import VoteDots

    return {node_id: child.dots for node_id, item in window.scene.item_for_node.items()
            for child in item.childItems() if isinstance(child, VoteDots)}


def test_votes_are_tallied_in_the_panel_and_beside_the_pieces(window, room, qtbot):
    phone_sends(room.address, ("vote", {"target": "node:reps", "dots": 2}),
                ("vote", {"target": "node:course", "dots": 1}), source="127.0.0.2")
    phone_sends(room.address, ("vote", {"target": "node:course", "dots": 3}),
                source="127.0.0.3")
    qtbot.waitUntil(lambda: room.votes.people == 2)
    votes = window.room.panel.votes
    assert [votes.item(i).text() for i in range(votes.count())] == ["●●●●  Course", "●●  Reps"]
    assert dots_on_canvas(window) == {"course": 4, "reps": 2}
    window.editor.select(["reps"])
    window.editor.delete()
    window.editor.undo()  # the piece's item is made again: its dots come back
    assert dots_on_canvas(window) == {"course": 4, "reps": 2}


def test_phones_vote_on_the_findings_of_the_map(window, room, qtbot):
    async def view():
        async with aiohttp.ClientSession() as client:
            async with client.post(room.address + "api/join", json={}) as answer:
                me = (await answer.json())["participant"]
            async with client.post(room.address + "api/view", json={"participant": me}) as a:
                return await a.json()

    seen = asyncio.run(view())
    titles = [f.title for f in window.findings.runner.latest.analysis.findings]
    assert [f["label"] for f in seen["findings"]] == titles and titles
    assert {p["label"] for p in seen["pieces"]} == {"Reps", "Mentor", "Course", "Coaching"}


def test_ending_the_workshop_and_closing_the_map_stop_the_server(window, room, qtbot):
    address = room.address
    window.commands["end_workshop"].trigger()
    assert not room.invited and not window.commands["end_workshop"].isEnabled()
    with pytest.raises(aiohttp.ClientConnectionError):
        phone_sends(address)
    window.room.start("127.0.0.1", 0)
    window.close_map()
    assert not room.invited and room.pending == {}


def test_closing_the_map_asks_first_while_the_room_still_waits(window, room, qtbot):
    phone_sends(room.address, piece("Mentors"), piece("Lunch & learn", "process"))
    arrived(qtbot, room, 2)
    window.close_map()
    question = window.room_question
    assert window.document is not None and room.invited  # nothing closed yet
    assert "2 contributions from the room are still in the Room panel" in question.message.text()
    keep = next(b for b in question.findChildren(QPushButton) if "Keep the map open" in b.text())
    keep.click()
    assert window.document is not None and room.dock.isVisible()
    assert len(room.pending) == 2

    window.close()  # the window too asks, and stays
    assert window.isVisible() and window.document is not None
    close = next(b for b in window.room_question.findChildren(QPushButton)
                 if "Close anyway" in b.text())
    close.click()
    assert window.document is None and not room.invited and room.pending == {}


def test_a_map_with_nothing_waiting_closes_without_a_question(window, room):
    window.close_map()
    assert window.document is None


# --- from the command line ------------------------------------------------------------------


@pytest.mark.parametrize("argv, words", [
    (["--invite-room"], "--invite-room needs a map to open"),
    (["MAP", "--port", "80"], "--bind and --port go with --invite-room"),
    (["MAP", "--invite-room", "--bind", "my laptop"], "--bind wants an address of this "
                                                      "computer like 192.168.1.23"),
    (["MAP", "--invite-room", "--port", "70000"], "--port should be from 1 to 65535"),
])
def test_wrong_room_options_are_bad_input(tmp_path, capsys, argv, words):
    from ui.main import main

    path = create_map(tmp_path / "m.ecomap", make_map("reps:people"))
    assert main([str(path) if a == "MAP" else a for a in argv]) == 2
    assert words in capsys.readouterr().err


def test_the_window_started_with_the_room_invited_prints_its_address(tmp_path):
    import os
    import subprocess
    import sys

    path = create_map(tmp_path / "m.ecomap", make_map("reps:people course:content"))
    program = [sys.executable, "-c", "import sys; from ui.main import main; sys.exit(main())",
               str(path), "--invite-room", "--bind", "127.0.0.1"]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    window = subprocess.Popen(program, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, env=env)
    try:
        address = window.stdout.readline().strip()
        assert address.startswith("http://127.0.0.1:")
        [(status, view)] = phone_sends(address, ("view", {}))
        assert status == 200 and {p["label"] for p in view["pieces"]} == {"Reps", "Course"}
    finally:
        window.terminate()
        window.wait(30)


def test_a_kiosk_starts_presenting_with_the_room_invited_over_the_map(tmp_path, qtbot, capsys,
                                                                     settings_put_back):
    from ui.main import parser, start_window

    path = create_map(tmp_path / "m.ecomap", make_map("reps:people course:content"))
    args = parser().parse_args([str(path), "--present", "--invite-room", "--bind", "127.0.0.1"])
    window, failed = start_window(args)
    try:
        assert failed is None
        assert window.workshop.presenter.active
        assert window.room.invited
        address = capsys.readouterr().out.strip()
        [(status, view)] = phone_sends(address, ("view", {}))
        assert status == 200 and {p["label"] for p in view["pieces"]} == {"Reps", "Course"}
    finally:
        window.close()


def test_present_needs_a_map(capsys):
    from ui.main import main

    assert main(["--present"]) == 2
    assert "--present needs a map to open" in capsys.readouterr().err
