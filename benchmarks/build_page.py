"""Build to the painted Routine page, the first time and later (targets: 50 ms / 16 ms).

The whole app started as `selfmassage` starts it (session_app.start_app), all 42 places
picked with soreness on the map (PICKING seconds before the first Build, as a person
picks them), every tool owned; then Build as the button does it, and the clock
stops when the Routine page has painted (a paint filter on the page, the loop run until
then). The first build also loads the catalog's routine page; later builds rebuild the
table. Figures as ``figure:`` lines for alternate.py, which runs it against a baseline:

    .venv/bin/python benchmarks/alternate.py --baseline f0eca6f --runs 5 -- \\
        benchmarks/build_page.py
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time

PICKING = 1.5
"""Seconds between the places picked on the map and the first Build."""


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["SELFMASSAGE_HOME"] = tempfile.mkdtemp(prefix="sm-build-")
    # session_app first: it takes PySide's import hook out, as the app does.
    from session_app import start_app

    # isort: split
    from PySide6.QtCore import QEvent, QEventLoop, QObject

    from selfmassage.core.anatomy import ALL_REGION_SIDES
    from selfmassage.core.builder import BuildRequest
    from selfmassage.core.routine import Tool
    from selfmassage.core.selection import Selection

    qt_app, app = start_app(size=(1280, 800))
    selection = Selection({place: 1 + index % 9 for index, place in enumerate(ALL_REGION_SIDES)})
    request = BuildRequest(selection, frozenset(Tool), None)

    class Painted(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.at: float | None = None

        def eventFilter(self, _watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Paint and self.at is None:
                self.at = time.perf_counter()
            return False

    def build_and_paint() -> float:
        painted = Painted()
        page = app.window.page("routine")
        page.installEventFilter(painted)
        start = time.perf_counter()
        app.build_routine(request)
        real_page = app.window.page("routine")
        if real_page is not page:  # made on this first build
            real_page.installEventFilter(painted)
        deadline = start + 10
        while painted.at is None and time.perf_counter() < deadline:
            qt_app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
        assert painted.at is not None, "the Routine page never painted"
        real_page.removeEventFilter(painted)
        app.window.show_page("home")
        qt_app.processEvents()
        return (painted.at - start) * 1000

    # As a person builds: the places picked on the map first (it takes them seconds),
    # then Build.
    for place in ALL_REGION_SIDES:
        app.home.page.body_map.toggle(place)  # as a click does
    picked = time.monotonic()
    while time.monotonic() < picked + PICKING:
        qt_app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
    first = build_and_paint()
    later = [build_and_paint() for _ in range(9)]
    steps = len(app.routine.page.routine().steps)
    print(f"{steps} steps")
    print(f"figure: Build to painted Routine page, first = {first:.1f} ms")
    later_ms = statistics.median(later)
    print(f"figure: Build to painted Routine page, later (median of 9) = {later_ms:.1f} ms")
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    sys.exit(main())
