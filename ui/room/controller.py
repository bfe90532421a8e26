"""The window's side of the room: starting and stopping the server, the inbox, the votes.

The window owns one ``RoomController`` (``window.room``); the Workshop menu calls it. The
server's thread hands each arrival to ``_received``, which only queues it and wakes the GUI
thread through a queued signal (at most one wake-up waiting at a time, however many phones
send at once); everything Qt is done on the GUI thread. Each accepted contribution is one
operation through the editor's undo history, like any other edit.
"""

from __future__ import annotations

import threading
from collections import deque
from dataclasses import replace

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QDockWidget

from app.errors import EcomapError
from app.room.accepting import accept, accept_all, merge
from app.room.contributions import Contribution
from app.room.room import Block, Choice, Joined, Room, Votes
from app.room.server import RoomServer
from ui.following import follow_changes
from ui.room.vote_marks import VoteMarks
from ui.wording import in_words

MAP_DELAY_MS = 150  # the phones' list follows the map this long after the last change


def finding_ref(finding) -> str:
    """A finding's name for votes, the same however often the map is checked again."""
    return f"finding:{finding.check}|{finding.subject or ','.join(finding.node_ids)}"


class RoomController(QObject):
    """Owned by the main window; the Workshop menu and the inbox panel call it."""

    arrived = Signal()  # emitted from the server's thread: arrivals are waiting
    changed = Signal()  # the inbox, the votes or the room's state changed (the panel follows)

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.room: Room | None = None
        self.server: RoomServer | None = None
        self.pending: dict[int, Contribution] = {}  # by number, in order of arrival
        self.decided: dict[int, str] = {}  # number → the node it became ("" for connections)
        self.votes = Votes()
        self.phones = 0  # how many phones have joined
        self.private = False
        self.finding_titles: dict[str, str] = {}
        self.labels: dict[int, str] = {}  # every piece the room sent, by number
        self._arrivals: deque = deque()
        self._lock = threading.Lock()
        self._woken = False
        self.arrived.connect(self._take_arrivals, Qt.ConnectionType.QueuedConnection)
        self._map_timer = QTimer(self, singleShot=True, interval=MAP_DELAY_MS)
        self._map_timer.timeout.connect(self._tell_room_the_map)
        self._followed = None
        self.card = None  # the invitation over the canvas, made when first shown
        window.findings.runner.checked.connect(self.findings_checked)
        self.marks = VoteMarks(window.scene)
        self.changed.connect(self._show_dots)
        self.changed.connect(self._show_phones)
        window.scene.contents_changed.connect(self._show_dots)
        self._add_dock()

    def _add_dock(self) -> None:
        from ui.room.inbox import InboxPanel

        self.panel = InboxPanel(self)
        self.dock = QDockWidget("Room", self.window)
        self.dock.setObjectName("room")
        self.dock.setWidget(self.panel)
        # A tab beside Health: on a 1024×768 projector the map keeps its width.
        self.window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.window.tabifyDockWidget(self.window.findings.dock, self.dock)
        self.dock.hide()

    def add_to_menus(self, commands: dict) -> None:
        """The panel's show/hide entry under View; the Workshop entries enabled as they apply."""
        toggle = self.dock.toggleViewAction()
        toggle.setText("&Room panel")
        commands["docks"].menu().addAction(toggle)
        self.commands = commands
        commands["room_private"].setCheckable(True)
        self.changed.connect(self._update_enabled)
        self._update_enabled()

    def _update_enabled(self) -> None:
        commands = getattr(self, "commands", {})
        for key, enabled in (("invite_room", self.document is not None),
                             ("room_invitation", self.invited),
                             ("end_workshop", self.invited)):
            commands[key].setEnabled(enabled)
        commands["room_private"].setChecked(self.private)

    # --- the Workshop menu -----------------------------------------------------------------

    def invite_dialog(self) -> None:
        """Workshop ▸ Invite the room…: choose the network and the dots, then invite."""
        from ui.room.invite import InviteDialog

        dialog = InviteDialog(self.window, self.room.dots if self.room is not None else 3)
        if dialog.exec() == InviteDialog.DialogCode.Accepted:
            self.start(*dialog.chosen())

    def start(self, host: str, port: int = 0, dots: int = 3) -> str | None:
        """Invite the room and show the invitation; the address, or None (and the reason
        shown) if the server could not start."""
        try:
            address = self.invite(host, port, dots)
        except EcomapError as error:
            self.window.show_problem("Could not invite the room", error)
            return None
        self.show_invitation()
        return address

    def show_invitation(self) -> None:
        """The QR code and the address over the canvas, as large as it fits."""
        if not self.invited:
            return
        if self.card is None:
            from ui.room.invite import InvitationCard

            self.card = InvitationCard(self.window, self.hide_invitation)
        self.card.show_address(self.address, self.window.scene.theme)
        self.card.show_phones(self.phones)

    def _show_phones(self) -> None:
        if self.card is not None and self.card.isVisible():
            self.card.show_phones(self.phones)

    def hide_invitation(self) -> None:
        if self.card is not None:
            self.card.hide()
            self.window.view.setFocus()

    def toggle_private(self) -> None:
        self.set_private(not self.private)

    @property
    def document(self):
        return self.window.document

    @property
    def invited(self) -> bool:
        return self.server is not None and self.server.running

    @property
    def address(self) -> str:
        return self.server.address if self.server is not None else ""

    # --- the workshop ----------------------------------------------------------------------

    def invite(self, host: str, port: int = 0, dots: int = 3) -> str:
        """Start the room's server on ``host``; the address phones open. ``RoomNotStarted``
        (with the reason in words) if it cannot listen there."""
        self.end_workshop()
        room = Room(self._received, dots)
        room.private = self.private
        self.phones = 0
        server = RoomServer(room, host, port)
        server.start()
        self.room, self.server = room, server
        self._tell_room_the_map()
        presenter = self.window.workshop.presenter
        if presenter.active:  # docks stay off the projector, as F5 keeps them: after, then
            presenter.left.connect(self._show_dock, Qt.ConnectionType.SingleShotConnection)
        else:
            self._show_dock()
        self.changed.emit()
        return server.address

    def _show_dock(self) -> None:
        if self.invited:
            self.dock.show()
            self.dock.raise_()

    def show_panel(self) -> None:
        """The Room panel in front (out of presenting, which hides it), to decide what waits."""
        presenter = self.window.workshop.presenter
        if presenter.active:
            presenter.leave()
        self.dock.show()
        self.dock.raise_()

    def end_workshop(self) -> None:
        """Stop the server (the phones get nothing more); what is in the inbox stays."""
        server, self.server = self.server, None
        if server is not None:
            server.stop()
            self._take_arrivals()  # anything that came in before it stopped
        self.room = None
        self.hide_invitation()
        self.changed.emit()

    def shutdown(self) -> None:
        """The window is closing: no server may outlive it."""
        self.end_workshop()

    def set_dots(self, dots: int) -> None:
        if self.room is not None:
            self.room.set_dots(dots)
            self.changed.emit()

    def set_private(self, private: bool) -> None:
        """Private: the room's contributions and dots are not shown on screen (the inbox
        shows only how many wait) until ``reveal``."""
        self.private = private
        if self.room is not None:
            self.room.private = private
        self.changed.emit()

    def reveal(self) -> None:
        self.set_private(False)

    # --- the open map ----------------------------------------------------------------------

    def set_document(self, document, carry_on: bool = False) -> None:
        """A map was opened or closed: the room belongs to the map it was invited to.
        ``carry_on``: the same map goes on in another file (Save As), and so does the room."""
        self._followed = follow_changes(self._followed, document, self._on_document_changed)
        if document is not None:
            self._map_timer.start()
        elif not carry_on:
            self.end_workshop()
            self.pending.clear()
            self.decided.clear()
            self.votes = Votes()
            self.changed.emit()

    def _on_document_changed(self, changed) -> None:
        if self.room is not None:
            self._map_timer.start()
        self.marks.follow(changed.nodes)

    def _show_dots(self) -> None:
        """The room's dots above the pieces they voted on (none while private)."""
        votes = {} if self.private else self.votes.dots
        self.marks.show({ref[5:]: n for ref, n in votes.items() if ref.startswith("node:")})

    def _tell_room_the_map(self) -> None:
        document, room = self.document, self.room
        if document is None or room is None:
            return
        blocks = [Block(c.key, c.name, c.color) for c in document.categories()]
        pieces = [Choice(f"node:{n.id}", n.label, n.category) for n in document.nodes()]
        latest = self.window.findings.runner.latest
        room.show_map(blocks, pieces, self._findings(latest) if latest is not None else None)

    def findings_checked(self, result) -> None:
        """The map was checked again: the phones vote on the new findings."""
        if self.room is not None:
            self._tell_room_the_map()
        self._findings(result)

    def _findings(self, result) -> list[Choice]:
        choices = [Choice(finding_ref(f), f.title, f.severity)
                   for f in result.analysis.findings]
        self.finding_titles.update((c.ref, c.label) for c in choices)
        return choices

    # --- arrivals (the first method runs on the server's thread) ---------------------------

    def _received(self, item) -> None:
        with self._lock:
            self._arrivals.append(item)
            wake, self._woken = not self._woken, True
        if wake:
            self.arrived.emit()

    def _take_arrivals(self) -> None:
        with self._lock:
            items = list(self._arrivals)
            self._arrivals.clear()
            self._woken = False
        if not items:
            return
        for item in items:
            if isinstance(item, Contribution):
                self.pending[item.number] = item
                self.labels[item.number] = item.label
            elif isinstance(item, Joined):
                self.phones = item.phones
            else:
                self.votes = item
        self.changed.emit()

    # --- words for what the room refers to -----------------------------------------------

    def label_of(self, ref: str) -> str:
        """The label of a piece on the map (``node:…``), of one the room sent (``room:…``),
        or the title of a finding."""
        kind, _, key = ref.partition(":")
        nodes = self.document.node_ids() if self.document is not None else {}
        if kind == "room" and key.isdigit():
            number = int(key)
            if number in self.pending:
                return self.pending[number].label
            key = self.decided.get(number) or ""
            if key not in nodes:
                return self.labels.get(number, "a piece left off the map")
        if kind == "finding":
            return self.finding_titles.get(ref, "a finding")
        node = nodes.get(key)
        return node.label if node is not None else "a piece no longer on the map"

    def block_name(self, key: str) -> str:
        categories = self.document.categories() if self.document is not None else ()
        return next((c.name for c in categories if c.key == key), key)

    # --- deciding --------------------------------------------------------------------------

    def accept(self, number: int) -> bool:
        """Put contribution ``number`` on the map as one undoable step."""
        item = self.pending[number]
        return self._decide(item, lambda data: accept(item, data, self.decided),
                            f"Add “{item.label}” from the room" if item.label else
                            "Connect, from the room")

    def merge(self, number: int, node_id: str) -> bool:
        """Take piece ``number`` as the node ``node_id`` the map already has."""
        item = self.pending[number]
        label = self.document.node(node_id).label
        return self._decide(item, lambda data: merge(item, node_id, data, self.decided),
                            f"Merge “{item.label}” into “{label}”")

    def edit(self, number: int, label: str, block: str) -> None:
        """Change a piece's words or building block before it is accepted."""
        self.pending[number] = replace(self.pending[number], label=label, block=block)
        self.changed.emit()

    def reject(self, number: int) -> None:
        self._settle(number, None)
        self.changed.emit()

    def accept_all(self) -> int:
        """Accept every contribution that can be (pieces first) as one undoable step; the
        number accepted. Connections to pieces still waiting stay in the inbox."""
        if self.document is None or not self.pending:
            return 0
        batch, became, left = accept_all(self.pending.values(), self.document.snapshot(),
                                         self.decided)
        if not became or not self.window.editor.run(batch, f"Accept {len(became)} from the "
                                                    "room"):
            return 0
        for number, node in became.items():
            self._settle(number, node)
        if left:
            self.window.editor.show_message(f"{len(left)} could not be accepted: they connect "
                                            "to pieces no longer on the map")
        self.changed.emit()
        return len(became)

    def _decide(self, item: Contribution, decide, text: str) -> bool:
        if self.document is None:
            return False
        try:
            decision = decide(self.document.snapshot())
        except EcomapError as error:
            self.window.editor.show_message(f"Not added: {in_words(error)}")
            return False
        if not self.window.editor.run(decision.op, text):
            return False
        self._settle(item.number, decision.node or "")
        self.changed.emit()
        return True

    def _settle(self, number: int, node: str | None) -> None:
        self.pending.pop(number, None)
        if node is not None:
            self.decided[number] = node
        if self.room is not None:
            self.room.settled(number, kept=node is not None)
