"""What a phone types reaches the inbox as the words it typed: control characters (a NUL, a
bell) and the marks that reverse the reading direction ("‮evil" shows as "live") are left out;
letters, accents and emoji — joined ones too — stay."""

from __future__ import annotations

import pytest

from app.room.room import Block, Room

BLOCKS = (Block("people", "People", "#E69F00"),)


@pytest.mark.parametrize(("sent", "kept"), [
    ("Lunch\x00 & learn\x07", "Lunch & learn"),
    ("\u202eevil\u202c", "evil"),
    ("Mentor\u2066s\u2069", "Mentors"),
    ("Caf\u00e9 \U0001F469\u200d\U0001F3EB", "Caf\u00e9 \U0001F469\u200d\U0001F3EB"),
    ("x\n\ny\tz", "x y z"),
])
def test_a_piece_and_a_name_keep_only_the_words(sent, kept):
    arrived = []
    room = Room(arrived.append)
    room.show_map(BLOCKS, (), ())
    me = room.join("10.0.0.2")
    room.add_piece(me, {"key": "k", "label": sent, "block": "people", "name": sent})
    [piece] = [item for item in arrived if hasattr(item, "label")]
    assert (piece.label, piece.name) == (kept, kept)


def test_a_label_of_nothing_but_control_characters_is_refused_as_empty():
    from app.room.contributions import Refused

    room = Room(lambda _item: None)
    room.show_map(BLOCKS, (), ())
    me = room.join("10.0.0.2")
    with pytest.raises(Refused, match="must not be empty"):
        room.add_piece(me, {"key": "k", "label": "\x00\u202e", "block": "people"})
