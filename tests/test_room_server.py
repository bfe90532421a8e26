"""The room's web server as phones and intruders meet it: a real server on loopback, a real
HTTP client (aiohttp's), real requests."""

from __future__ import annotations

import asyncio
import socket
import threading

import aiohttp
import pytest

from app.domain import MAX_LABEL, MAX_NAME
from app.room.room import Block, Choice, Room
from app.room.server import MAX_BODY, RoomNotStarted, RoomServer

BLOCKS = (Block("people", "People", "#E69F00"), Block("content", "Content", "#56B4E9"))
PIECES = (Choice("node:reps", "Sales reps", "people"), Choice("node:lms", "The LMS", "content"))
FINDINGS = (Choice("finding:cane_toad|category:content", "Lectures crowd out the rest", "high"),)


class Inbox:
    """What the server hands the window, as the window's queued signal would receive it."""

    def __init__(self):
        self.items, self.lock = [], threading.Lock()

    def __call__(self, item) -> None:
        with self.lock:
            self.items.append(item)

    def contributions(self):
        return [i for i in self.items if hasattr(i, "number")]


@pytest.fixture
def inbox():
    return Inbox()


@pytest.fixture
def server(inbox):
    room = Room(inbox, dots=3)
    room.show_map(BLOCKS, PIECES, FINDINGS)
    running = RoomServer(room, "127.0.0.1", 0)
    running.start()
    yield running
    running.stop()


def run(coroutine):
    return asyncio.run(coroutine)


async def session(source: str = "127.0.0.1") -> aiohttp.ClientSession:
    """A client on its own loopback address, as each phone has its own on the Wi-Fi."""
    return aiohttp.ClientSession(connector=aiohttp.TCPConnector(local_addr=(source, 0)))


async def joined(client, server) -> str:
    answer = await client.post(server.address + "api/join", json={})
    return (await answer.json())["participant"]


async def post(client, server, request, **body):
    answer = await client.post(server.address + f"api/{request}", json=body)
    return answer.status, await answer.json()


# --- the token ------------------------------------------------------------------------------


def test_the_room_address_carries_a_long_random_token(server):
    token = server.room.token
    assert server.address == f"http://127.0.0.1:{server.port}/{token}/"
    assert len(token.replace("-", "")) == 28  # 28 of 32 symbols: 140 bits
    assert Room(lambda _item: None).token != token


@pytest.mark.parametrize("path", ["", "room.js", "room.css", "api/view"])
def test_without_the_token_or_with_a_wrong_one_everything_is_a_plain_404(server, path):
    token = server.room.token
    wrong = token[:-1] + ("x" if token[-1] != "x" else "y")
    base = f"http://127.0.0.1:{server.port}"

    async def ask():
        async with await session() as client:
            answers = []
            for url in (f"{base}/{path}", f"{base}/{wrong}/{path}", f"{base}/{token.upper()}x/"):
                method = client.post if path.startswith("api") else client.get
                async with method(url, json={}) as answer:
                    answers.append((answer.status, await answer.text(),
                                    answer.headers.get("Content-Type", "")))
            return answers

    for status, text, kind in run(ask()):
        assert (status, text) == (404, "Not found")
        assert kind.startswith("text/plain")


def test_the_page_and_its_files_come_with_the_token_and_a_strict_policy(server):
    async def ask():
        async with await session() as client:
            found = {}
            for name in ("", "room.js", "room.css"):
                async with client.get(server.address + name) as answer:
                    found[name] = (answer.status, answer.headers, await answer.text())
            return found

    found = run(ask())
    assert all(status == 200 for status, _h, _t in found.values())
    headers = found[""][1]
    policy = headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "script-src 'self'" in policy
    assert "connect-src 'self'" in policy and "unsafe" not in policy
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "Server" not in headers
    page, script = found[""][2], found["room.js"][2]
    assert "http" not in page.replace('rel="stylesheet"', "")  # nothing from elsewhere
    assert "innerHTML" not in script and "insertAdjacentHTML" not in script
    assert "eval(" not in script and "http" not in script


# --- what phones send -----------------------------------------------------------------------


def test_a_piece_arrives_once_even_when_the_phone_sends_it_again(server, inbox):
    async def phone():
        async with await session() as client:
            me = await joined(client, server)
            body = dict(participant=me, key="k1", label="Mentors", block="people",
                        connects=["node:reps"], name="Sam")
            return [await post(client, server, "piece", **body) for _ in range(3)]

    answers = run(phone())
    assert answers == [(200, {"number": 1})] * 3
    [piece] = inbox.contributions()
    assert (piece.label, piece.block, piece.ends, piece.name) == (
        "Mentors", "people", ("node:reps",), "Sam")


def test_a_connection_can_name_a_piece_the_room_just_added(server, inbox):
    async def phone():
        async with await session() as client:
            me = await joined(client, server)
            await post(client, server, "piece", participant=me, key="a", label="Lunch & learn",
                       block="content")
            return await post(client, server, "connection", participant=me, key="b",
                              **{"from": "room:1", "to": "node:reps"})

    assert run(phone()) == (200, {"number": 2})
    assert inbox.contributions()[1].ends == ("room:1", "node:reps")


@pytest.mark.parametrize("field, value, words", [
    ("label", "x" * (MAX_LABEL + 1), "The piece's name is 201 characters long; the most is 200."),
    ("name", "n" * (MAX_NAME + 1), "Your name is 201 characters long; the most is 200."),
    ("label", "   ", "The piece's name must not be empty."),
    ("label", 42, "The piece's name should be text, not a number."),
    ("block", "robots", "Choose one of the building blocks for the piece."),
    ("connects", ["node:nobody"], "What it connects to is not on the map any more; reload the "
                                  "list and choose again."),
    ("connects", ["node:reps"] * 13, "Choose at most 12 pieces it connects to."),
])
def test_a_field_out_of_bounds_is_refused_with_a_clear_message(server, inbox, field, value,
                                                               words):
    async def phone():
        async with await session() as client:
            me = await joined(client, server)
            body = dict(participant=me, key="k", label="Mentors", block="people")
            body[field] = value
            return await post(client, server, "piece", **body)

    assert run(phone()) == (400, {"error": words, "field": field})
    assert inbox.contributions() == []


def test_a_body_too_big_or_not_json_is_refused(server, inbox):
    async def phone():
        async with await session() as client:
            me = await joined(client, server)
            url = server.address + "api/piece"
            big = {"participant": me, "key": "k", "label": "x", "block": "people",
                   "padding": "y" * MAX_BODY}
            answers = []
            for kwargs in ({"json": big}, {"data": "label=x"},
                           {"data": b"{not json", "headers": {"Content-Type": "application/json"}},
                           {"json": ["a", "list"]}):
                async with client.post(url, **kwargs) as answer:
                    answers.append((answer.status, (await answer.json())["error"]))
            return answers

    assert run(phone()) == [(413, "That is too much to send at once."),
                            (415, "Only JSON is taken here."), (400, "That was not JSON."),
                            (400, "That was not a JSON object.")]
    assert inbox.contributions() == []


def test_a_phone_that_has_not_joined_is_sent_to_reload(server, inbox):
    async def stranger():
        async with await session() as client:
            return await post(client, server, "piece", participant="made-up", key="k",
                              label="x", block="people")

    assert run(stranger()) == (403, {"error": "This phone has not joined the room; reload "
                                              "the page.", "field": "participant"})


def test_script_in_a_label_is_kept_as_plain_text(server, inbox):
    label = '<script>alert("hi")</script><img src=x onerror=alert(1)>'

    async def phone():
        async with await session() as client:
            me = await joined(client, server)
            await post(client, server, "piece", participant=me, key="k", label=label,
                       block="people")
            return await post(client, server, "view", participant=me)

    _status, view = run(phone())
    assert inbox.contributions()[0].label == label
    assert {"ref": "room:1", "label": label, "block": "people"} in view["pieces"]


# --- votes ----------------------------------------------------------------------------------


def test_votes_are_limited_to_the_dots_each_person_has(server, inbox):
    finding = FINDINGS[0].ref

    async def phone():
        async with await session() as client:
            me = await joined(client, server)
            return [await post(client, server, "vote", participant=me, target=finding, dots=2),
                    await post(client, server, "vote", participant=me, target="node:lms", dots=2),
                    await post(client, server, "vote", participant=me, target="node:lms", dots=1),
                    await post(client, server, "vote", participant=me, target=finding, dots=0),
                    await post(client, server, "vote", participant=me, target="node:x", dots=1)]

    answers = run(phone())
    assert answers[0] == (200, {"mine": {finding: 2}})
    assert answers[1] == (400, {"error": "You have 3 dots in all, and 1 left to give.",
                                "field": "dots"})
    assert answers[2] == (200, {"mine": {finding: 2, "node:lms": 1}})
    assert answers[3] == (200, {"mine": {"node:lms": 1}})
    assert answers[4][0] == 400
    assert server.room.votes().dots == {"node:lms": 1}


# --- many phones, and one that floods -------------------------------------------------------


def test_a_flood_from_one_phone_is_slowed_while_another_is_served(server, inbox):
    async def flood(client, me):
        statuses = await asyncio.gather(*(
            post(client, server, "piece", participant=me, key=f"f{i}", label=f"Flood {i}",
                 block="people") for i in range(300)))
        return [status for status, _answer in statuses]

    async def both():
        async with await session("127.0.0.2") as flooder, await session("127.0.0.3") as phone:
            flooder_id, phone_id = await joined(flooder, server), await joined(phone, server)
            flooding = asyncio.ensure_future(flood(flooder, flooder_id))
            polite = [await post(phone, server, "piece", participant=phone_id, key=f"p{i}",
                                 label=f"Polite {i}", block="content") for i in range(5)]
            return await flooding, polite

    flooded, polite = run(both())
    assert flooded.count(429) > 200  # most of the flood is turned away at once
    assert set(flooded) == {200, 429}
    assert [status for status, _ in polite] == [200] * 5
    labels = [c.label for c in inbox.contributions()]
    assert [f"Polite {i}" for i in range(5)] == [x for x in labels if x.startswith("Polite")]
    assert labels.count("Flood 0") <= 1


def test_five_phones_sending_ten_each_arrive_exactly_once(server, inbox):
    async def phone(n):
        async with await session(f"127.0.0.{10 + n}") as client:
            me = await joined(client, server)
            for i in range(10):
                for _attempt in range(2):  # a phone resends when unsure: still counted once
                    status, _ = await post(client, server, "piece", participant=me,
                                           key=f"{n}-{i}", label=f"Phone {n} piece {i}",
                                           block="people")
                    assert status == 200

    async def room():
        await asyncio.gather(*(phone(n) for n in range(5)))

    run(room())
    labels = sorted(c.label for c in inbox.contributions())
    assert labels == sorted(f"Phone {n} piece {i}" for n in range(5) for i in range(10))
    assert sorted(c.number for c in inbox.contributions()) == list(range(1, 51))


# --- starting and stopping ------------------------------------------------------------------


def test_stopping_the_server_lets_go_of_its_port(inbox):
    room = Room(inbox)
    server = RoomServer(room, "127.0.0.1", 0)
    server.start()
    port = server.port
    server.stop()
    assert not server.running
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", port))  # free again
    with socket.socket() as probe, pytest.raises(OSError):
        probe.connect(("127.0.0.1", port))


def test_a_port_in_use_is_refused_in_plain_words(inbox):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        server = RoomServer(Room(inbox), "127.0.0.1", taken.getsockname()[1])
        with pytest.raises(RoomNotStarted, match="could not be invited on 127.0.0.1 port"):
            server.start()
    assert not server.running


def test_in_private_mode_each_phone_sees_only_its_own_new_pieces(server, inbox):
    server.room.private = True

    async def two_phones():
        async with await session("127.0.0.2") as ana, await session("127.0.0.3") as ben:
            ana_id, ben_id = await joined(ana, server), await joined(ben, server)
            await post(ana, server, "piece", participant=ana_id, key="a", label="Mentors",
                       block="people")
            _s, ana_sees = await post(ana, server, "view", participant=ana_id)
            _s, ben_sees = await post(ben, server, "view", participant=ben_id)
            return ana_sees, ben_sees

    ana_sees, ben_sees = run(two_phones())
    assert [p["label"] for p in ana_sees["pieces"]] == ["Sales reps", "The LMS", "Mentors"]
    assert [p["label"] for p in ben_sees["pieces"]] == ["Sales reps", "The LMS"]


def test_a_piece_accepted_can_still_be_connected_to_and_a_rejected_one_cannot(server, inbox):
    async def phone(then):
        async with await session() as client:
            me = await joined(client, server)
            for key in ("a", "b"):
                await post(client, server, "piece", participant=me, key=key, label=key,
                           block="people")
            then()
            return [await post(client, server, "connection", participant=me, key=f"c{n}",
                               **{"from": f"room:{n}", "to": "node:lms"}) for n in (1, 2)]

    def decide():
        server.room.settled(1, kept=True)
        server.room.settled(2, kept=False)

    kept, rejected = run(phone(decide))
    assert kept == (200, {"number": 3})
    assert rejected[0] == 400


def test_a_very_large_map_is_listed_in_part_and_every_piece_can_still_be_named(inbox):
    from app.room.room import MAX_LISTED

    room = Room(inbox)
    many = [Choice(f"node:n{i}", f"Piece {i}", "people") for i in range(MAX_LISTED + 500)]
    room.show_map(BLOCKS, many)
    me = room.join("127.0.0.1")
    assert len(room.view(me)["pieces"]) == MAX_LISTED
    last = many[-1].ref
    assert room.add_connection(me, {"key": "k", "from": "node:n0", "to": last}) == 1
    assert room.vote(me, {"target": last, "dots": 1}) == {last: 1}
