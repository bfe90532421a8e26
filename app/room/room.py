"""The room's side of a workshop: who has joined, what they sent, how they voted.

``Room`` is shared by the server's thread (which adds to it) and the window's (which tells it
what the map holds and what the facilitator decided), so every method holds one lock and
nothing it hands out can change afterwards. Everything it keeps is bounded: a room can only
fill the inbox, never the memory.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import ChainMap, Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from app.room.contributions import (
    Contribution,
    Refused,
    connection_fields,
    key_field,
    name_field,
    piece_fields,
    ref_field,
)

MAX_DOTS = 20  # dots per person a facilitator can hand out
MAX_CONTRIBUTIONS = 5000  # in the inbox of one workshop
MAX_PER_PERSON = 300  # contributions from one phone
MAX_PEOPLE = 500  # phones in one room
MAX_PEOPLE_PER_ADDRESS = 20  # phones behind one address (a hotspot): more is one phone farming
MAX_LISTED = 1500  # pieces of a (very large) map listed on the phones; all can still be named
# Crockford's alphabet: no i, l, o or u to misread from a projector. 28 characters: 140 bits.
TOKEN_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"
TOKEN_LENGTH = 28


def new_token() -> str:
    """A random token of 140 bits, in groups of four to read off a screen."""
    chars = "".join(secrets.choice(TOKEN_ALPHABET) for _ in range(TOKEN_LENGTH))
    return "-".join(chars[i:i + 4] for i in range(0, TOKEN_LENGTH, 4))


@dataclass(frozen=True)
class Block:
    key: str
    name: str
    color: str


@dataclass(frozen=True)
class Choice:
    """Something a phone can pick: a piece to connect to, a finding or piece to vote on."""

    ref: str  # node:<id>, room:<n> or finding:<key>
    label: str
    block: str = ""  # the building block's key (pieces); the severity (findings)


@dataclass(frozen=True)
class Votes:
    """The room's dots by what they were put on (handed to the window after each vote)."""

    dots: Mapping[str, int] = field(default_factory=dict)
    people: int = 0  # how many have voted at all


@dataclass(frozen=True)
class Joined:
    """How many phones have joined the room (handed to the window after each one joins)."""

    phones: int


Notify = Callable[[Any], None]  # given each Contribution, Votes after a vote, Joined after a join


class Room:
    """One workshop's room: the token in its address, its phones, contributions and votes."""

    def __init__(self, notify: Notify, dots: int = 3, token: str | None = None):
        self.token = token or new_token()
        self._notify = notify
        self._lock = threading.Lock()
        self._dots = _dots_in_range(dots)
        self.private = False
        self._blocks: tuple[Block, ...] = ()
        self._listed: list[dict] = []  # the pieces as the phones get them, made once per change
        self._findings: list[dict] = []
        self._votable: frozenset[str] = frozenset()  # the pieces and findings on the map
        self._piece_refs: dict[str, None] = {}
        self._pending: dict[str, tuple[str, Choice]] = {}  # undecided pieces, with who sent
        self._kept: dict[str, None] = {}  # room pieces now on the map: fine to connect to
        self._contributions: list[Contribution] = []
        self._seen: dict[tuple[str, str], int] = {}  # (participant, key) → number
        self._people: dict[str, str] = {}  # participant → the address it joined from
        self._sent: Counter[str] = Counter()
        self._votes: dict[str, dict[str, int]] = {}  # participant → {ref: dots}

    # --- what the window tells the room ----------------------------------------------------

    def show_map(self, blocks: Iterable[Block], pieces: Iterable[Choice],
                 findings: Iterable[Choice] | None = None) -> None:
        """What is on the map now (after every change): the phones' lists follow."""
        pieces = tuple(pieces)
        listed = [vars(c) for c in pieces[:MAX_LISTED]]
        refs = dict.fromkeys(c.ref for c in pieces)
        findings = None if findings is None else [vars(c) for c in findings]
        with self._lock:
            self._blocks, self._listed, self._piece_refs = tuple(blocks), listed, refs
            if findings is not None:
                self._findings = findings
            self._votable = frozenset(refs) | {f["ref"] for f in self._findings}

    def settled(self, number: int, kept: bool = True) -> None:
        """The facilitator accepted or merged (``kept``), or rejected, contribution
        ``number``: the phones list the piece it became instead, or nothing."""
        with self._lock:
            if self._pending.pop(f"room:{number}", None) is not None and kept:
                self._kept[f"room:{number}"] = None

    def set_dots(self, dots: int) -> None:
        with self._lock:
            self._dots = _dots_in_range(dots)

    @property
    def dots(self) -> int:
        return self._dots

    def contributions(self) -> list[Contribution]:
        with self._lock:
            return list(self._contributions)

    def votes(self) -> Votes:
        with self._lock:
            return self._tally()

    # --- what the phones ask ---------------------------------------------------------------

    def join(self, address: str) -> str:
        """A new phone: its participant id (which it sends with everything after)."""
        with self._lock:
            if len(self._people) >= MAX_PEOPLE:
                raise Refused("The room is full.", status=429)
            if sum(a == address for a in self._people.values()) >= MAX_PEOPLE_PER_ADDRESS:
                raise Refused("Too many phones have joined from this address.", status=429)
            participant = secrets.token_urlsafe(16)
            self._people[participant] = address
            joined = Joined(len(self._people))
        self._notify(joined)
        return participant

    def view(self, participant: str) -> dict[str, Any]:
        """Everything the phone page shows: the blocks, what it can connect and vote on."""
        with self._lock:
            self._known(participant)
            pieces = self._listed + [  # in private mode, each phone sees only its own
                vars(choice) for sender, choice in self._pending.values()
                if not self.private or sender == participant]
            mine = self._votes.get(participant, {})
            return {
                "blocks": [vars(b) for b in self._blocks],
                "pieces": pieces,
                "findings": self._findings,
                "dots": self._dots,
                "mine": dict(mine),
            }

    def add_piece(self, participant: str, body: Mapping[str, Any]) -> int:
        """A new piece from a phone: its number in the inbox (the same number again for a
        resend of one already received)."""
        with self._lock:
            key = self._fresh(participant, body)
            if isinstance(key, int):
                return key
            blocks = {b.key for b in self._blocks}
            label, block, ends = piece_fields(body, blocks, self._refs())
            made = self._keep(participant, key, kind="piece", label=label, block=block,
                              ends=ends, name=name_field(body))
            self._pending[made.ref] = (participant, Choice(made.ref, label, block))
        self._notify(made)
        return made.number

    def add_connection(self, participant: str, body: Mapping[str, Any]) -> int:
        """A connection between two pieces from a phone: its number in the inbox."""
        with self._lock:
            key = self._fresh(participant, body)
            if isinstance(key, int):
                return key
            ends = connection_fields(body, self._refs())
            made = self._keep(participant, key, kind="connection", ends=ends,
                              name=name_field(body))
        self._notify(made)
        return made.number

    def vote(self, participant: str, body: Mapping[str, Any]) -> dict[str, int]:
        """Put ``dots`` dots on ``target`` (0 takes them back): the phone's dots afterwards.
        Setting, not adding, so a resend counts once."""
        with self._lock:
            self._known(participant)
            mine = self._votes.setdefault(participant, {})
            target = ref_field(body.get("target"), "target", self._votable | set(mine))
            dots = body.get("dots")
            if isinstance(dots, bool) or not isinstance(dots, int) or dots < 0:
                raise Refused("The number of dots should be 0 or more.", "dots")
            others = sum(n for ref, n in mine.items() if ref != target)
            if others + dots > self._dots:
                raise Refused(f"You have {self._dots} dots in all, and {self._dots - others} "
                              "left to give.", "dots")
            if dots:
                mine[target] = dots
            else:
                mine.pop(target, None)
            votes, answer = self._tally(), dict(mine)
        self._notify(votes)
        return answer

    # --- inside the lock -------------------------------------------------------------------

    def _known(self, participant: Any) -> None:
        if not isinstance(participant, str) or participant not in self._people:
            raise Refused("This phone has not joined the room; reload the page.", "participant",
                          status=403)

    def _fresh(self, participant: str, body: Mapping[str, Any]) -> str | int:
        """The contribution's key if it is new; its number if it was received before."""
        self._known(participant)
        key = key_field(body)
        seen = self._seen.get((participant, key))
        if seen is not None:
            return seen
        if len(self._contributions) >= MAX_CONTRIBUTIONS:
            raise Refused("The inbox is full: tell the facilitator.", status=429)
        if self._sent[participant] >= MAX_PER_PERSON:
            raise Refused(f"You have sent {MAX_PER_PERSON} already: thank you! That is the "
                          "most from one phone.", status=429)
        return key

    def _keep(self, participant: str, key: str, **fields) -> Contribution:
        made = Contribution(len(self._contributions) + 1, received=time.perf_counter(),
                            **fields)
        self._contributions.append(made)
        self._seen[(participant, key)] = made.number
        self._sent[participant] += 1
        return made

    def _refs(self) -> ChainMap:
        return ChainMap(self._piece_refs, self._pending, self._kept)  # no copy of a big map's

    def _tally(self) -> Votes:
        dots: Counter[str] = Counter()
        for mine in self._votes.values():
            dots.update(mine)
        return Votes(dict(dots), sum(1 for mine in self._votes.values() if mine))


def _dots_in_range(dots: int) -> int:
    return max(1, min(MAX_DOTS, int(dots)))
