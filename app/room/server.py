"""The room's web server: the phone page and its small JSON interface, on one chosen address.

It runs in a thread of its own with its own asyncio loop, so the window never waits for a
phone. Every address starts with the room's token; anything else is a plain 404, whatever it
asks for. Each client address has a budget of requests (a bucket that refills), and one that
floods is answered "429, wait" at once, costing the others nothing. Bodies are capped, only
JSON is read, and the page may load nothing but itself (its Content-Security-Policy).
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import threading
import time
from importlib import resources
from typing import Any

from aiohttp import web

from app.errors import EcomapError
from app.room.connections import IDLE, ConnectionGuard
from app.room.contributions import Refused
from app.room.room import Room

log = logging.getLogger(__name__)

MAX_BODY = 8 * 1024  # bytes of one request: a piece, its connections and a name fit in 2 KB
BUCKET = 60  # requests a client may make at once…
REFILL = 20.0  # …and per second after that (a phone on the page makes one every few seconds)
MAX_CLIENTS = 10_000  # addresses remembered by the rate limit before the oldest are forgotten
BODY_WAIT = 10.0  # seconds a request's body may take to arrive (it is 8 KB at most)
LINGER = 1.0  # seconds the rest of a refused body is read before the connection is closed
STOP_WAIT = 5.0  # seconds the window waits for the server to let go of its port
PAGE_FILES = {"": ("index.html", "text/html"), "room.js": ("room.js", "text/javascript"),
              "room.css": ("room.css", "text/css")}
HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


class RoomNotStarted(EcomapError):
    """The server could not listen where it was asked (the port is taken, the address gone)."""

    exit_status = 1


class RateLimit:
    """A bucket of requests per client address, refilled at a steady rate."""

    def __init__(self, size: int = BUCKET, refill: float = REFILL):
        self.size, self.refill = size, refill
        self._buckets: dict[str, tuple[float, float]] = {}  # address → (level, when)

    def allow(self, client: str) -> bool:
        now = time.monotonic()
        level, when = self._buckets.pop(client, (self.size, now))
        level = min(self.size, level + (now - when) * self.refill)
        allowed = level >= 1
        self._buckets[client] = (level - 1 if allowed else level, now)  # newest last
        if len(self._buckets) > MAX_CLIENTS:
            del self._buckets[next(iter(self._buckets))]
        return allowed


def page_files() -> dict[str, tuple[bytes, str]]:
    """The phone page's files by the name they are asked for, read once."""
    folder = resources.files("app.room") / "page"
    return {name: (folder.joinpath(file).read_bytes(), kind)
            for name, (file, kind) in PAGE_FILES.items()}


def make_app(room: Room, limit: RateLimit | None = None,
             body_wait: float = BODY_WAIT) -> web.Application:
    """The aiohttp application serving ``room``; a body that takes longer than ``body_wait``
    seconds to arrive is refused (a phone sends its few hundred bytes at once)."""
    limit = limit or RateLimit()
    files = page_files()
    token = f"/{room.token}"

    @web.middleware
    async def guard(request: web.Request, handler):
        if not limit.allow(request.remote or ""):
            return _refusal(Refused("Too many at once: wait a moment.", status=429),
                            {"Retry-After": "1"})
        first, _, rest = request.path.partition("/")[2].partition("/")
        if not hmac.compare_digest(f"/{first}".encode(), token.encode()):
            return web.Response(status=404, text="Not found")
        if request.path == token:
            raise web.HTTPFound(f"{token}/")
        try:
            return await handler(request)
        except Refused as refusal:
            return _refusal(refusal)

    async def page(request: web.Request) -> web.Response:
        body, kind = files[request.match_info.get("file", "")]
        return web.Response(body=body, content_type=kind, charset="utf-8")

    app = web.Application(middlewares=[guard], client_max_size=MAX_BODY)
    app.on_response_prepare.append(_secure)
    app.router.add_get(f"{token}/", page)
    app.router.add_get(f"{token}/{{file:room\\.(?:js|css)}}", page)
    for name, answer in _api(room, body_wait).items():
        app.router.add_post(f"{token}/api/{name}", answer)
    return app


def _api(room: Room, body_wait: float) -> dict[str, Any]:
    """The phone's requests, each a JSON object in and out."""
    def handler(work):
        async def answer(request: web.Request) -> web.Response:
            body = await _json_body(request, body_wait)
            return web.json_response(work(request, body))
        return answer

    return {
        "join": handler(lambda request, _body: {"participant": room.join(request.remote or "")}),
        "view": handler(lambda _request, body: room.view(body.get("participant"))),
        "piece": handler(lambda _r, body: {"number": room.add_piece(body.get("participant"),
                                                                    body)}),
        "connection": handler(lambda _r, body: {
            "number": room.add_connection(body.get("participant"), body)}),
        "vote": handler(lambda _r, body: {"mine": room.vote(body.get("participant"), body)}),
    }


async def _json_body(request: web.Request, body_wait: float) -> dict[str, Any]:
    if request.content_type != "application/json":
        raise Refused("Only JSON is taken here.", status=415)
    if request.content_length is not None and request.content_length > MAX_BODY:
        raise Refused("That is too much to send at once.", status=413)
    try:
        async with asyncio.timeout(body_wait):
            body = json.loads(await request.read())
    except TimeoutError:
        raise Refused("That took too long to arrive: send it again.", status=408) from None
    except web.HTTPRequestEntityTooLarge:
        raise Refused("That is too much to send at once.", status=413) from None
    except (ValueError, UnicodeDecodeError, RecursionError):  # (nested 8,000 deep)
        raise Refused("That was not JSON.") from None
    if not isinstance(body, dict):
        raise Refused("That was not a JSON object.")
    return body


def _refusal(refusal: Refused, headers: dict[str, str] | None = None) -> web.Response:
    return web.json_response(refusal.answer(), status=refusal.status, headers=headers)


async def _secure(_request: web.Request, response: web.StreamResponse) -> None:
    response.headers.update(HEADERS)
    response.headers.pop("Server", None)  # nothing to tell a scanner which server this is


class _GuardedRunner(web.AppRunner):
    """aiohttp's runner with a ``ConnectionGuard`` in front of each connection."""

    def __init__(self, app: web.Application, idle: float, **kwargs):
        super().__init__(app, **kwargs)
        self.idle = idle

    async def _make_server(self):
        return ConnectionGuard(await super()._make_server(), self.idle)


class RoomServer:
    """``room``'s web server on ``host``:``port`` (0: any free port), in its own thread.
    ``idle``: seconds a connection may send nothing before it is let go; ``body_wait``:
    seconds a request's body may take (see ``ConnectionGuard`` and ``make_app``)."""

    def __init__(self, room: Room, host: str, port: int = 0, idle: float = IDLE,
                 body_wait: float = BODY_WAIT):
        self.room, self.host, self.port = room, host, port
        self.idle, self.body_wait = idle, body_wait
        self._loop: asyncio.AbstractEventLoop | None = None
        self._runner: web.AppRunner | None = None
        self._thread: threading.Thread | None = None

    @property
    def address(self) -> str:
        """The address the phones open, token and all."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/{self.room.token}/"

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        """Listen; returns once the port is open, or raises ``RoomNotStarted`` saying why."""
        ready, failure = threading.Event(), []
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._serve, args=(ready, failure),
                                        name="ecomap-room", daemon=True)
        self._thread.start()
        ready.wait()
        if failure:
            self._thread.join()
            self._thread = None
            raise RoomNotStarted(f"The room could not be invited on {self.host} port "
                                 f"{self.port}: {failure[0]}. Choose another address or port.")

    def _serve(self, ready: threading.Event, failure: list) -> None:
        loop = self._loop
        asyncio.set_event_loop(loop)
        try:
            loop.run_until_complete(self._open())
        except OSError as error:
            failure.append(error.strerror or str(error))
            loop.close()
            ready.set()
            return
        ready.set()
        loop.run_forever()
        loop.run_until_complete(self._runner.cleanup())
        loop.close()

    async def _open(self) -> None:
        self._runner = _GuardedRunner(make_app(self.room, body_wait=self.body_wait),
                                      self.idle, access_log=None, shutdown_timeout=0.5,
                                      lingering_time=LINGER)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port, reuse_address=True)
        try:
            await site.start()
        except OSError:
            await self._runner.cleanup()
            raise
        self.port = self._runner.addresses[0][1]

    def stop(self) -> None:
        """Stop serving and let go of the port (nothing happens if it is not running)."""
        thread, self._thread = self._thread, None
        if thread is None:
            return
        if self._loop is not None and thread.is_alive():
            self._loop.call_soon_threadsafe(self._loop.stop)
        thread.join(STOP_WAIT)
        if thread.is_alive():
            log.warning("the room's server took more than %s s to stop", STOP_WAIT)
