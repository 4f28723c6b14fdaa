"""The whole app with a three-minute routine, for the session player's benchmarks
(gui_stall.py, cue_latency.py).

`start_app` builds and shows the app the way `selfmassage` does (`cli.main`, `run_app`):
PySide's import hook taken out when this module is imported, Python's cycle collector off
while the first screen is built, the rest of the app wired after its first paint, then the
collector back on with what start-up made frozen. A session's memory
and its collections depend on that, so the benchmarks follow the app's own start.
"""

from __future__ import annotations

import gc
import sys
import time
from typing import TYPE_CHECKING

try:
    from selfmassage.cli import _python_imports_under_qt
except ImportError:  # an older app (a baseline), whose own start leaves the hook in

    def _python_imports_under_qt() -> None:
        import PySide6.QtCore  # noqa: F401


# As cli.main does, before the app's modules are imported: PySide's import hook taken
# out. Left in, it reads the source of every module imported after it and keeps it in
# linecache (about 8 MB that the app does not have).
_python_imports_under_qt()

from selfmassage.core.routine import Routine, Step, StepSide, Tool  # noqa: E402

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from measure import Heartbeat
    from selfmassage.app import SelfMassageApp


def three_minute_routine() -> Routine:
    """The calves on both sides with the catalog's prompts for the foam roller, then the
    neck: three minutes at real speed."""
    return Routine(
        "Benchmark",
        (
            Step(
                "calves",
                60,
                side=StepSide.BOTH,
                tool=Tool.FOAM_ROLLER,
                technique="calves.foam-roller.roll",
                instructions="Sit with the roller under your calf. Roll slowly.",
            ),
            Step("neck", 50, instructions="Knead the back of your neck."),
        ),
    )


def ten_minute_routine() -> Routine:
    """Six places, most on both sides, with the catalog's prompts: about ten minutes at
    real speed (the issue's routine for cue lateness as heard)."""

    def step(region: str, seconds: int, tool: Tool, technique: str) -> Step:
        return Step(region, seconds, tool=tool, technique=technique)

    return Routine(
        "Benchmark, ten minutes",
        (
            step("calves", 60, Tool.FOAM_ROLLER, "calves.foam-roller.roll"),
            step("neck", 50, Tool.HANDS, "neck.hands.knead"),
            step("upper-back", 60, Tool.FOAM_ROLLER, "upper-back.foam-roller.roll"),
            step("forearms", 45, Tool.MASSAGE_BALL, "forearms.massage-ball.table"),
            step("shoulders", 45, Tool.HANDS, "shoulders.hands.knead"),
            step("lats", 45, Tool.FOAM_ROLLER, "lats.foam-roller.side"),
        ),
    )


def start_app(
    size: tuple[int, int] | None = None, *, record: bool = False
) -> tuple[QApplication, SelfMassageApp]:
    """The app as `run_app` starts it, shown and fully wired, with SELFMASSAGE_HOME as set.

    Unless ``record``, no history and no soreness questions before or after a session:
    nobody answers them here. With ``record`` the session is written to the history as it
    runs and the after rating opens (not answered) when it ends, as for a person.
    """
    gc.disable()  # as cli.main does before it imports the app
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    # run_app's own pieces, so that the start stays the app's if it changes.
    from selfmassage.app import SelfMassageApp
    from selfmassage.core.bodymap_cache import use_cache_folder
    from selfmassage.core.paths import app_paths
    from selfmassage.launch import FirstPaint, collect_garbage_from_now_on

    paths = app_paths()
    paths.ensure()
    use_cache_folder(paths.cache)
    qt_app = QApplication(sys.argv[:1])
    app = SelfMassageApp(paths, theme="light", defer_start_up=True)
    if size is not None:
        app.window.resize(*size)
    painted: list[bool] = []
    app.window.installEventFilter(FirstPaint(app.window, lambda: painted.append(True)))
    app.show()
    deadline = time.monotonic() + 5  # run_app's own limit for a window that does not paint
    while not painted and time.monotonic() < deadline:
        qt_app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    app.finish_start_up()
    collect_garbage_from_now_on()
    if not record:
        app.session.controller.session_hooks.clear()
    return qt_app, app


START_AFTER = 0.5
"""Seconds of heartbeat before Start is pressed."""

READ_FOR = 1.5
"""Seconds the routine is on the Routine page before Start is pressed (the heartbeat
starts ``START_AFTER`` before Start): a person reads it, then presses Start."""


def run_session(
    app: SelfMassageApp,
    routine: Routine,
    heartbeat: Heartbeat,
    *,
    seconds: float = 0,
    linger_ms: int = 300,
) -> float:
    """Shows ``routine`` on the Routine page, then runs it on the Session page at real
    speed with ``heartbeat`` beating from ``START_AFTER`` before Start, until
    ``linger_ms`` after the session ends or, if ``seconds``, until then; returns the wall
    time in seconds."""
    from PySide6.QtCore import QEventLoop, QTimer

    controller, qt_app = app.session.controller, app.qt_app
    # As a person starts: the routine built or opened on the Routine page, then Start.
    app.routine.show(routine)
    shown = time.monotonic()
    while time.monotonic() < shown + READ_FOR - START_AFTER:
        qt_app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
    # The summary is drawn, then the loop runs on a little: all of it under the heartbeat.
    # The heartbeat stops before the quit: closing the window (and saving the settings
    # then) is not part of a session.
    controller.finished.connect(
        lambda _event: QTimer.singleShot(linger_ms, lambda: (heartbeat.stop(), qt_app.quit()))
    )
    if seconds:
        # Stop as the Stop button does; the summary follows, then the quit above.
        QTimer.singleShot(int((START_AFTER + seconds) * 1000), controller.stop)
    started = time.monotonic()
    # The heartbeat runs from before Start: pressing Start is part of what is measured.
    heartbeat.start()
    QTimer.singleShot(int(START_AFTER * 1000), lambda: app.start_session(routine))
    qt_app.exec()
    wall = time.monotonic() - started
    heartbeat.stop()
    if controller.is_active:
        controller.stop()
    return wall
