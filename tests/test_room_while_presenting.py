"""Inviting the room while presenting (as `ecomap-gui MAP --present --invite-room` does) keeps
the projector to the map, as F5 does: the Room panel waits until presenting ends."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.test_ui_presenting import cane_toad, press, visible_docks  # noqa: F401


def test_inviting_while_presenting_keeps_the_room_panel_off_the_projector(cane_toad,  # noqa: F811
                                                                          qtbot):
    presenter, room = cane_toad.workshop.presenter, cane_toad.room
    presenter.start()
    qtbot.waitUntil(lambda: cane_toad.isFullScreen())
    try:
        assert room.start("127.0.0.1", 0) is not None
        assert visible_docks(cane_toad) == set()  # the map, the invitation over it
        assert room.card.isVisible()
        room.hide_invitation()
        press(cane_toad, Qt.Key.Key_Escape)
        assert not presenter.active
        assert "room" in visible_docks(cane_toad)  # now the facilitator can decide
    finally:
        room.shutdown()


def test_the_room_panel_stays_hidden_if_the_workshop_ended_while_presenting(cane_toad,  # noqa: F811
                                                                              qtbot):
    presenter, room = cane_toad.workshop.presenter, cane_toad.room
    presenter.start()
    assert room.start("127.0.0.1", 0) is not None
    room.end_workshop()
    presenter.leave()
    assert "room" not in visible_docks(cane_toad)


def test_a_kiosk_opens_the_same_json_map_workshop_after_workshop(tmp_path, qtbot, capsys,
                                                                 settings_put_back):
    """The second run of the same kiosk command used to ask which copy to open (a box nobody
    answers) and exit 1 without a word; it opens a fresh copy of the JSON each time."""
    from app.files import create_map, export_json
    from tests.conftest import make_map
    from ui.main import parser, start_window

    source = tmp_path / "workshop.json"
    export_json(create_map(tmp_path / "made.ecomap", make_map("reps:people course:content")),
                source)
    command = [str(source), "--present", "--invite-room", "--bind", "127.0.0.1"]
    for _workshop in range(2):
        window, failed = start_window(parser().parse_args(command))
        try:
            assert failed is None, capsys.readouterr().err
            assert window.document is not None and window.room.invited
            assert window.workshop.presenter.active
            assert capsys.readouterr().out.startswith("http://127.0.0.1:")
        finally:
            window.close()


def test_the_closing_slide_stays_whole_when_the_map_changes_or_a_piece_is_captured(
        cane_toad, qtbot):  # noqa: F811
    from tests.test_ui_presenting import type_label

    presenter, walk = cane_toad.workshop.presenter, cane_toad.workshop.walk
    qtbot.waitUntil(lambda: cane_toad.findings.runner.latest is not None)
    press(cane_toad, Qt.Key.Key_W)
    walk.go(len(walk.slides))
    assert walk.at_end and walk.closing.isVisible()
    presenter.toggle_score()
    presenter.toggle_score()  # the score is shown again (as after a new check of the map)…
    overlays = walk.closing.parent().children()
    assert overlays.index(walk.closing) > overlays.index(presenter.score)  # …under the slide
    press(cane_toad, Qt.Key.Key_N)  # capturing needs the map: the walk gives way
    assert not walk.active and not walk.closing.isVisible()
    type_label("Lunch and learn")
    assert "Lunch and learn" in {n.label for n in cane_toad.document.nodes()}
