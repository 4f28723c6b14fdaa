"""Work in slices: one step per turn of the event loop, or all at once when needed."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot

from selfmassage.ui.widgets.slices import Slices


def test_the_steps_run_later_one_per_turn_in_order(qtbot: QtBot) -> None:
    slices = Slices()
    done: list[int] = []
    slices.add([lambda n=n: done.append(n) for n in range(3)])  # type: ignore[misc]
    assert done == []  # nothing in the turn that asks
    assert slices.pending == 3
    QCoreApplication.processEvents()
    assert len(done) <= 1  # one turn, one step at most
    qtbot.waitUntil(lambda: done == [0, 1, 2])
    assert slices.pending == 0


def test_finish_runs_what_waits_now_and_nothing_runs_twice(qtbot: QtBot) -> None:
    slices = Slices()
    done: list[int] = []
    slices.add([lambda n=n: done.append(n) for n in range(3)])  # type: ignore[misc]
    slices.finish()
    assert done == [0, 1, 2]
    assert slices.pending == 0
    later: list[int] = []
    slices.add([lambda: later.append(1)])
    qtbot.waitUntil(lambda: later == [1])
    assert done == [0, 1, 2]


def test_a_step_that_needs_the_rest_finishes_them_once(qtbot: QtBot) -> None:
    slices = Slices()
    done: list[str] = []
    slices.add([lambda: (done.append("first"), slices.finish()), lambda: done.append("second")])
    qtbot.waitUntil(lambda: slices.pending == 0)
    assert done == ["first", "second"]


def test_cancel_forgets_what_waits(qtbot: QtBot) -> None:
    slices = Slices()
    done: list[int] = []
    slices.add([lambda: done.append(1), lambda: done.append(2)])
    slices.cancel()
    assert slices.pending == 0
    slices.add([lambda: done.append(3)])
    qtbot.waitUntil(lambda: done == [3])
