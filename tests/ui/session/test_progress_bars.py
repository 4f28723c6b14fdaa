"""The session's progress bars move no faster than the eye follows, and never paint
inside the session's tick."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QProgressBar, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from selfmassage.app import SelfMassageApp
from selfmassage.ui.session.progress_bars import STEPS, UPDATES_PER_SECOND, SteadyBar


class PaintCounter(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.paints = 0

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
        return False


def test_a_bar_takes_at_most_n_values_a_second_of_ticks(qtbot: QtBot) -> None:
    bar = SteadyBar("bar", "Bar")
    qtbot.addWidget(bar)
    values: list[int] = []
    bar.valueChanged.connect(values.append)
    seconds, tick = 30.0, 0.05
    ticks = int(seconds / tick)
    for n in range(ticks + 1):
        bar.show_fraction(n * tick / seconds, 1000.0 + n * tick)
    assert len(values) <= seconds * UPDATES_PER_SECOND + 2
    assert len(values) >= seconds * UPDATES_PER_SECOND / 2  # it still moves smoothly
    assert values[-1] == STEPS  # the end is always shown


def test_a_step_back_is_shown_at_once(qtbot: QtBot) -> None:
    bar = SteadyBar("bar", "Bar")
    qtbot.addWidget(bar)
    bar.show_fraction(0.9, 10.0)
    assert bar.show_fraction(0.01, 10.01)  # a new part began: no waiting
    assert bar.value() == 10


def test_the_bar_does_not_paint_inside_the_tick(qtbot: QtBot) -> None:
    window = QWidget()
    layout = QVBoxLayout(window)
    plain, steady = QProgressBar(), SteadyBar("bar", "Bar")
    for bar in (plain, steady):
        bar.setRange(0, STEPS)
        layout.addWidget(bar)
    qtbot.addWidget(window)
    counters = {}
    for bar in (plain, steady):
        counter = PaintCounter()
        bar.installEventFilter(counter)
        counters[bar] = counter
    window.resize(800, 100)
    window.show()
    qtbot.waitUntil(lambda: all(counter.paints for counter in counters.values()))
    for counter in counters.values():
        counter.paints = 0
    plain.setValue(500)
    steady.show_fraction(0.5, 1.0)
    # A plain bar paints inside setValue (what the session's tick paid twice a tick)...
    assert counters[plain].paints >= 1
    # ...a steady bar is painted later, with the window.
    assert counters[steady].paints == 0
    qtbot.waitUntil(lambda: counters[steady].paints >= 1)
    assert steady.value() == 500


def test_the_session_page_uses_steady_bars(app: SelfMassageApp) -> None:
    page = app.session.page
    assert isinstance(page.step_progress, SteadyBar)
    assert isinstance(page.session_progress, SteadyBar)
