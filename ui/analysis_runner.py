"""Keeps the health checks in step with the open map: at once on small maps, in a worker on large.

Every run is for one numbered snapshot (its generation). A result is handed on only if it is for
the newest snapshot, so a slow run finishing after a newer edit is never shown as current.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, QTimer, Signal, Slot

from app import collector
from app.analysis import Analysis, analyze
from app.domain import MapData

SMALL_MAP = 500  # nodes: checks this size take ≤ ~150 ms, so they run on the spot
DELAY_MS = 300  # on large maps, wait for a pause in the edits before checking


@dataclass(frozen=True)
class CheckResult:
    """One finished check: which snapshot it was for, the map as it was, what was found."""

    generation: int
    data: MapData
    analysis: Analysis
    connections: Counter  # how many nodes have 0, 1, 2… connections


def connection_counts(data: MapData) -> Counter:
    """How many nodes have 0, 1, 2… connections (to distinct other nodes)."""
    neighbours: dict[str, set[str]] = {node.id: set() for node in data.nodes}
    for edge in data.edges:
        if edge.source != edge.target and edge.source in neighbours and edge.target in neighbours:
            neighbours[edge.source].add(edge.target)
            neighbours[edge.target].add(edge.source)
    return Counter(len(linked) for linked in neighbours.values())


def check(generation: int, data: MapData) -> CheckResult:
    """Run every check on ``data`` (pure: runs in a worker thread as well as on the GUI's)."""
    return CheckResult(generation, data, analyze(data), connection_counts(data))


class _Relay(QObject):
    """Carries results from pool threads to the GUI thread. It belongs to the runner, so no
    worker ever emits from an object that may be gone before its signal is delivered."""

    done = Signal(int, object)  # the job's key, its result
    failed = Signal(int, str)  # the job's key, what went wrong


class Job(QRunnable):
    """``work()`` in a pool thread; its result (or its error) comes back through ``relay``."""

    def __init__(self, key: int, work: Callable[[], object], relay: _Relay):
        super().__init__()
        self.key, self.work, self.relay = key, work, relay
        self.setAutoDelete(False)  # the runner keeps it until its result has arrived

    def run(self) -> None:
        # The runner holds the collector from before this starts until the result is back on
        # the GUI thread (see ``AnalysisRunner.start``).
        try:
            result = self.work()
        except Exception as error:  # shown to the user as "could not check", not a crash
            self.relay.failed.emit(self.key, str(error))
            return
        self.relay.done.emit(self.key, result)


class AnalysisRunner(QObject):
    """Runs the checks on the document's snapshots and announces the newest result."""

    checked = Signal(object)  # a CheckResult for the newest snapshot
    checking = Signal()  # the map changed; a newer result is on its way
    failed = Signal(str)  # the checks could not run (a message for the user)

    def __init__(self, parent: QObject | None = None, small_map: int = SMALL_MAP,
                 delay_ms: int = DELAY_MS):
        super().__init__(parent)
        self.small_map = small_map
        self.document = None
        self.generation = 0  # the newest snapshot's number; older results are dropped
        self.latest: CheckResult | None = None
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._jobs: dict[int, tuple] = {}  # key: (job, ticket, done, failed) until it reports
        self._keys = itertools.count(1)
        self._relay = _Relay(self)
        self._relay.done.connect(self._job_done)
        self._relay.failed.connect(self._job_failed)
        self._checked_nodes: dict | None = None  # the latest result's nodes, by id
        self._timer = QTimer(self, singleShot=True, interval=delay_ms)
        self._timer.timeout.connect(self._start_job)

    # --- following a document --------------------------------------------------------------

    def set_document(self, document) -> None:
        """Check ``document`` (``None``: nothing open). Small maps are checked before returning;
        a large one after a short pause, so the map is drawn first without a worker competing
        for Python's interpreter lock."""
        self._forget_document()
        self.document = document
        if document is not None:
            document.add_listener(self.on_document_changed)
            self.request()

    def _forget_document(self) -> None:
        if self.document is not None:
            self.document.remove_listener(self.on_document_changed)
        self.document = None
        self.latest = None
        self.generation += 1  # whatever is still running is for a map no longer shown
        self._timer.stop()

    def on_document_changed(self, changed) -> None:
        """After every edit: check again, unless nodes were only moved (positions change
        nothing the checks measure)."""
        if self._only_moved(changed):
            return
        self.request()

    def _only_moved(self, changed) -> bool:
        if (changed.removed_nodes or changed.edges or changed.removed_edges
                or changed.categories or changed.map or changed.snapshots  # growth reads them
                or self.latest is None):
            return False
        if self._checked_nodes is None:
            self._checked_nodes = {n.id: n for n in self.latest.data.nodes}
        before = self._checked_nodes
        for node_id in changed.nodes:
            old, new = before.get(node_id), self.document.node(node_id)
            if old is None or old.at(new.x, new.y) != new:
                return False
        return True

    # --- running ---------------------------------------------------------------------------

    @property
    def pending(self) -> bool:
        """Whether what is shown may be out of date (a newer check is waiting or running)."""
        return self.document is not None and (
            self.latest is None or self.latest.generation != self.generation)

    def is_large(self) -> bool:
        return self.document is not None and len(self.document.node_ids()) > self.small_map

    def request(self) -> None:
        """The map changed: a small map is checked now, a large one after a short pause."""
        if self.document is None:
            return
        self.generation += 1
        if not self.is_large():
            self._check_here()
            return
        self.checking.emit()
        self._timer.start()

    def check_now(self) -> None:
        """Check at once (in the background on a large map)."""
        if self.document is None:
            return
        self.generation += 1
        if self.is_large():
            self.checking.emit()
            self._start_job()
        else:
            self._check_here()

    def _check_here(self) -> None:
        try:
            result = check(self.generation, self.document.snapshot())
        except Exception as error:  # a bug in one check must not take the window down
            self._on_failed(self.generation, str(error))
            return
        self._on_done(self.generation, result)

    def _start_job(self) -> None:
        if self.document is None:
            return
        generation, data = self.generation, self.document.snapshot()
        self.start(generation, lambda: check(generation, data), self._on_done, self._on_failed)

    def start(self, ticket: int, work: Callable[[], object], done, failed) -> Job:
        """Run ``work`` in this runner's pool; ``done(ticket, result)`` or ``failed(ticket,
        message)`` is called on the GUI thread."""
        key = next(self._keys)
        job = Job(key, work, self._relay)
        self._jobs[key] = (job, ticket, done, failed)
        # Python's cycle collector runs in whichever thread happens to allocate. Were it to run
        # in the worker, it could destroy a Qt object (a closed dialog, an old window) off the
        # GUI thread, leaving Qt a dangling timer. So it is held until the result is back.
        collector.hold()
        self.pool.start(job)
        return job

    @Slot(int, object)
    def _job_done(self, key: int, result: object) -> None:
        self._reported(key, result, succeeded=True)

    @Slot(int, str)
    def _job_failed(self, key: int, message: str) -> None:
        self._reported(key, message, succeeded=False)

    def _reported(self, key: int, answer: object, succeeded: bool) -> None:
        """Hand a job's result (or its error) on, unless the runner has shut down since."""
        entry = self._jobs.pop(key, None)
        if entry is None:
            return
        job, ticket, done, failed = entry
        _finished(job)
        (done if succeeded else failed)(ticket, answer)

    def _on_done(self, generation: int, result: CheckResult) -> None:
        if generation != self.generation or self.document is None:
            return  # stale: a newer snapshot exists (or the map was closed)
        self.latest, self._checked_nodes = result, None
        self.checked.emit(result)

    def _on_failed(self, generation: int, message: str) -> None:
        if generation == self.generation:
            self.failed.emit(message)

    # --- ending ----------------------------------------------------------------------------

    def wait(self, msecs: int = -1) -> bool:
        """Let a running check finish and its result arrive (screenshots, tests, closing)."""
        if self._timer.isActive():
            self._timer.stop()
            self._start_job()
        finished = self.pool.waitForDone(msecs)
        QCoreApplication.sendPostedEvents()
        return finished

    def shutdown(self) -> None:
        """Stop following the map and wait for a running worker, so none outlives the window."""
        self._forget_document()
        self.pool.clear()
        self.pool.waitForDone()
        QCoreApplication.sendPostedEvents(self)  # late results arrive now, and are dropped
        for job, *_rest in self._jobs.values():
            _finished(job)
        self._jobs.clear()


def _finished(job: Job) -> None:
    """A job has reported (or will never report): drop its work, and what the work holds (the
    pool keeps finished jobs), here on the GUI thread; let the collector run again."""
    job.work = None
    collector.release()
