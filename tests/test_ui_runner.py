"""Work done in the background is let go once its result is in: a long session of checks and
report exports does not keep every map snapshot it ever checked."""

from __future__ import annotations

import gc
import weakref

from app import collector
from ui.analysis_runner import AnalysisRunner


class Payload:
    """Stands in for a map snapshot a job works on."""


def test_a_finished_job_lets_go_of_its_work(qapp):
    runner = AnalysisRunner()
    payload = Payload()
    gone = weakref.ref(payload)
    results = []
    runner.start(1, lambda held=payload: held, lambda _t, r: results.append(r is not None),
                 lambda _t, message: results.append(message))
    del payload
    runner.wait()
    assert results == [True]
    gc.collect()
    assert gone() is None
    runner.shutdown()


def test_the_collector_runs_again_once_every_job_has_reported(qapp):
    runner = AnalysisRunner()
    for ticket in range(3):
        runner.start(ticket, lambda: None, lambda _t, _r: None, lambda _t, _m: None)
    runner.wait()
    assert gc.isenabled()
    with collector.held():
        assert not gc.isenabled()
    assert gc.isenabled()
    runner.shutdown()
