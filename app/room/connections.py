"""How many connections the room's server holds, and for how long.

aiohttp on its own keeps an idle connection open for an hour and takes as many as arrive, so
one laptop on the Wi-Fi could open thousands, or start a request and never finish its body,
until the window runs out of files and no phone is served. ``ConnectionGuard`` stands between
the listening socket and aiohttp: a connection beyond the room's share (in all, or from one
address) is closed at once, and one that sends nothing for ``idle`` seconds is let go — a
phone opens a new one when it next sends, as browsers do.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Callable
from typing import Any

IDLE = 15.0  # seconds a connection may send nothing (a phone's requests take milliseconds)
MAX_CONNECTIONS = 600  # open at once: a room of phones needs one or two each
MAX_PER_ADDRESS = 120  # from one address: 20 phones behind a hotspot, up to six each


def most_connections() -> int:
    """``MAX_CONNECTIONS``, or half the files this process may open if that is fewer (a Mac
    allows 256), so the window can still open a map while a room is connected."""
    try:
        import resource
    except ImportError:  # Windows: no such limit to stay under
        return MAX_CONNECTIONS
    soft = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
    return MAX_CONNECTIONS if soft <= 0 else max(32, min(MAX_CONNECTIONS, soft // 2))


class ConnectionGuard:
    """Stands in for aiohttp's server as the listening socket's protocol factory."""

    def __init__(self, server: Any, idle: float = IDLE, most: int | None = None,
                 per_address: int = MAX_PER_ADDRESS):
        self._server, self.idle, self.per_address = server, idle, per_address
        self.most = most_connections() if most is None else most
        self.open: Counter[str] = Counter()  # address → connections held now

    def __call__(self) -> asyncio.Protocol:
        return _Watched(self._server, self)

    def __getattr__(self, name: str) -> Any:  # the runner shuts aiohttp's server down
        return getattr(self._server, name)

    def admit(self, address: str) -> bool:
        if sum(self.open.values()) >= self.most or self.open[address] >= self.per_address:
            return False
        self.open[address] += 1
        return True

    def leave(self, address: str) -> None:
        self.open[address] -= 1
        if self.open[address] <= 0:
            del self.open[address]


class _Watched(asyncio.Protocol):
    """One connection: handed to aiohttp's protocol if admitted, and timed while idle."""

    def __init__(self, make: Callable[[], asyncio.Protocol], guard: ConnectionGuard):
        self._make, self._guard = make, guard
        self._inner: asyncio.Protocol | None = None
        self._address = ""
        self._transport: asyncio.BaseTransport | None = None
        self._timer: asyncio.TimerHandle | None = None
        self._loop = asyncio.get_event_loop()

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        peer = transport.get_extra_info("peername")
        self._address = str(peer[0]) if peer else ""
        if not self._guard.admit(self._address):
            transport.abort()
            return
        self._transport, self._inner = transport, self._make()
        self._inner.connection_made(transport)
        self._wait()

    def _wait(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
        self._timer = self._loop.call_later(self._guard.idle, self._let_go)

    def _let_go(self) -> None:
        if self._transport is not None:
            self._transport.abort()

    def data_received(self, data: bytes) -> None:
        if self._inner is not None:
            self._wait()
            self._inner.data_received(data)

    def eof_received(self) -> bool | None:
        return self._inner.eof_received() if self._inner is not None else None

    def pause_writing(self) -> None:
        if self._inner is not None:
            self._inner.pause_writing()

    def resume_writing(self) -> None:
        if self._inner is not None:
            self._wait()  # the phone is reading what it asked for: not idle
            self._inner.resume_writing()

    def connection_lost(self, exc: BaseException | None) -> None:
        if self._inner is None:
            return
        if self._timer is not None:
            self._timer.cancel()
        self._guard.leave(self._address)
        inner, self._inner, self._transport = self._inner, None, None
        inner.connection_lost(exc)
