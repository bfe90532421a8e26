"""On a large map the checks run in the background, and a stale result is never shown as current."""

from __future__ import annotations

import pytest

from app import ops
from tests.conftest import shown_window

WAIT_MS = 60_000  # generous: a slow CI machine is not a failure


@pytest.fixture
def window(qtbot):
    win = shown_window(qtbot, (1200, 800))
    yield win
    win.close()


@pytest.fixture
def opened(window, large_path, qtbot):
    """The large map open and its first check shown."""
    runner = window.findings.runner
    with qtbot.waitSignal(runner.checked, timeout=WAIT_MS):
        assert window.open_path(large_path)
        assert runner.pending  # opening did not wait for the checks
    return window


def test_a_large_map_is_checked_in_the_background(window, large_path, qtbot):
    runner = window.findings.runner
    with qtbot.waitSignal(runner.checked, timeout=WAIT_MS) as shown:
        window.open_path(large_path)
        assert window.findings.panel.state_label.text() == "Checking the map…"
    assert shown.args[0].generation == runner.generation
    assert window.findings.panel.score_label.text().startswith("Health ")
    assert window.findings.panel.findings()


def test_an_edit_on_a_large_map_marks_the_result_as_updating(opened, qtbot):
    runner, panel = opened.findings.runner, opened.findings.panel
    before = runner.latest
    opened.document.apply(ops.RemoveNodes(("n1",)))
    assert runner.pending and runner.latest is before  # the window was not held up
    assert panel.state_label.text() == "Updating after your last change…"
    with qtbot.waitSignal(runner.checked, timeout=WAIT_MS) as shown:
        pass
    assert shown.args[0].analysis.node_count == before.analysis.node_count - 1
    assert not runner.pending


def test_an_older_result_arriving_after_a_newer_edit_is_not_shown(opened, qtbot):
    runner = opened.findings.runner
    shown = []
    runner.checked.connect(lambda result: shown.append(result.generation))
    runner.check_now()  # a worker starts on the map as it is now…
    older = runner.generation
    opened.document.apply(ops.RemoveNodes(("n2",)))  # …and the map changes under it
    newer = runner.generation
    assert newer > older
    qtbot.waitUntil(lambda: not runner.pending, timeout=WAIT_MS)
    runner.wait(WAIT_MS)
    assert shown == [newer]
    assert runner.latest.analysis.node_count == 1999


def test_a_stale_result_handed_back_late_is_dropped(opened):
    runner, panel = opened.findings.runner, opened.findings.panel
    old = runner.latest
    opened.document.apply(ops.RemoveNodes(("n3",)))
    runner._on_done(old.generation, old)  # as if the old worker reported only now
    assert runner.latest is old and runner.pending
    assert panel.state_label.text() == "Updating after your last change…"
    runner.wait(WAIT_MS)


def test_closing_the_map_while_a_check_runs_shows_nothing_stale(opened, qtbot):
    runner = opened.findings.runner
    shown = []
    runner.checked.connect(shown.append)
    runner.check_now()
    opened.close_map()
    runner.wait(WAIT_MS)
    assert shown == [] and runner.latest is None
    assert opened.findings.panel.message.text().startswith("Open or start a map")


def test_a_large_map_is_drawn_before_its_checks_start(window, large_path, qtbot):
    runner = window.findings.runner
    window.open_path(large_path)
    assert runner.pool.activeThreadCount() == 0  # nothing competes with the first paint
    assert window.findings.panel.state_label.text() == "Checking the map…"
    qtbot.waitUntil(lambda: runner.pool.activeThreadCount() == 1 or runner.latest is not None,
                    timeout=WAIT_MS)
    runner.wait(WAIT_MS)
    assert runner.latest is not None and runner.latest.generation == runner.generation


def test_closing_the_window_while_a_check_runs_waits_for_it(window, large_path):
    window.open_path(large_path)
    window.findings.runner.check_now()
    assert window.findings.runner.pool.activeThreadCount() == 1
    window.close()
    assert window.findings.runner.pool.activeThreadCount() == 0


def test_what_if_on_a_large_map_is_worked_out_in_the_background(opened, qtbot):
    before = opened.document.snapshot()
    dialog = opened.findings.what_if(("n0",))
    assert dialog.score_label.text() == "Working it out…"
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=WAIT_MS)
    assert dialog.text().startswith("What if “")
    assert opened.document.snapshot() == before
    dialog.close()
