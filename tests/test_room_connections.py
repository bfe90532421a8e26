"""The room's server against clients that hold connections: many at once from one address,
one that never finishes its request, one that trickles its body. A real server on loopback
and real sockets."""

from __future__ import annotations

import socket

import pytest

from app.room.connections import MAX_PER_ADDRESS
from app.room.room import Block, Choice, Room
from app.room.server import RoomServer

BLOCKS = (Block("people", "People", "#E69F00"),)
PIECES = (Choice("node:reps", "Sales reps", "people"),)
GIVE_UP = 30  # seconds a socket waits before the test calls the server stuck


@pytest.fixture
def room():
    made = Room(lambda _item: None)
    made.show_map(BLOCKS, PIECES, ())
    return made


def served(server, **kwargs):
    server.start()
    return server


def connect(server, source="127.0.0.1") -> socket.socket:
    client = socket.create_connection(("127.0.0.1", server.port), timeout=GIVE_UP,
                                      source_address=(source, 0))
    return client


def answer(client: socket.socket) -> bytes:
    """Everything the server sends until it closes the connection."""
    received = b""
    try:
        while chunk := client.recv(4096):
            received += chunk
    except ConnectionResetError:
        pass
    return received


def join(server, source) -> bytes:
    with connect(server, source) as client:
        client.sendall(f"POST /{server.room.token}/api/join HTTP/1.1\r\nHost: x\r\n"
                       "Content-Type: application/json\r\nContent-Length: 2\r\n"
                       "Connection: close\r\n\r\n{}".encode())
        return answer(client)


def test_a_connection_that_never_finishes_its_request_is_let_go(room):
    server = served(RoomServer(room, "127.0.0.1", 0, idle=0.2))
    try:
        with connect(server) as stalled:
            stalled.sendall(f"GET /{room.token}/ HTTP/1.1\r\nHost: x\r\n".encode())
            assert answer(stalled) == b""  # closed, not held for an hour
        assert join(server, "127.0.0.1").startswith(b"HTTP/1.1 200")
    finally:
        server.stop()


def test_a_body_that_trickles_in_is_refused_once_it_takes_too_long(room):
    server = served(RoomServer(room, "127.0.0.1", 0, body_wait=0.2))
    try:
        with connect(server) as slow:
            slow.sendall(f"POST /{room.token}/api/join HTTP/1.1\r\nHost: x\r\n"
                         "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{"
                         .encode())
            first_line = answer(slow).split(b"\r\n")[0]
        assert first_line == b"HTTP/1.1 408 Request Timeout"
    finally:
        server.stop()


def test_one_address_holds_only_its_share_of_connections_and_others_are_served(room):
    server = served(RoomServer(room, "127.0.0.1", 0))
    hoard = []
    try:
        hoard = [connect(server, "127.0.0.7") for _ in range(MAX_PER_ADDRESS + 3)]
        assert join(server, "127.0.0.8").startswith(b"HTTP/1.1 200")
        # The ones beyond the share were closed at once; the share is still open.
        for extra in hoard[MAX_PER_ADDRESS:]:
            assert answer(extra) == b""
        kept = hoard[0]
        kept.settimeout(0.5)
        with pytest.raises(TimeoutError):
            kept.recv(1)
        # Once they close, that address is served again.
        for client in hoard:
            client.close()
        hoard = []
        for _attempt in range(100):
            reply = join(server, "127.0.0.7")
            if reply:
                break
        assert reply.startswith(b"HTTP/1.1 200")
    finally:
        for client in hoard:
            client.close()
        server.stop()


def test_the_room_holds_at_most_its_connections_in_all():
    from app.room.connections import ConnectionGuard

    guard = ConnectionGuard(server=None, most=3, per_address=2)
    assert [guard.admit(a) for a in ("10.0.0.1", "10.0.0.1", "10.0.0.1")] == [True, True, False]
    assert [guard.admit(a) for a in ("10.0.0.2", "10.0.0.3")] == [True, False]
    guard.leave("10.0.0.1")
    assert guard.admit("10.0.0.3")
    assert guard.open == {"10.0.0.1": 1, "10.0.0.2": 1, "10.0.0.3": 1}


def test_json_nested_too_deep_is_refused_as_not_json(room):
    server = served(RoomServer(room, "127.0.0.1", 0))
    try:
        body = b"[" * 8000
        with connect(server) as client:
            client.sendall(f"POST /{room.token}/api/join HTTP/1.1\r\nHost: x\r\n"
                           "Content-Type: application/json\r\n"
                           f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
                           .encode() + body)
            reply = answer(client)
        assert reply.startswith(b"HTTP/1.1 400")  # not a 500 and a traceback in the log
        assert reply.endswith(b'{"error": "That was not JSON.", "field": ""}')
    finally:
        server.stop()
