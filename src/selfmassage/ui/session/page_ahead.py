"""The Session page made ready before the first session: laid out and drawn off screen.

A page shown for the first time is polished, laid out and drawn then, in the turn after
Start; done ahead (while the routine is read), Start only fills it in. Only before the
first session, and never while it is on screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QResizeEvent

if TYPE_CHECKING:
    from PySide6.QtCore import QSize

    from selfmassage.core.routine import Step
    from selfmassage.core.timeline import Timeline
    from selfmassage.ui.session.session_page import SessionPage


def lay_out_ahead(page: SessionPage, size: QSize, first: Step | None = None) -> None:
    """Polish and lay out the running view and the summary at the size the page will
    have, with the picture of the ``first`` step (``draw_ahead`` then draws it once)."""
    if page.isVisible() or page.timeline is not None:
        return
    page.resize(size)
    page.illustration.show_step(first)
    page.ensurePolished()
    for view in (page.summary, page.running):  # the summary's first showing too
        page.pages.setCurrentWidget(view)
        layout = page.layout()
        if layout is not None:
            layout.activate()
    page.pages.setCurrentWidget(page.idle)


def draw_ahead(page: SessionPage) -> None:
    """Draw the running view once: its fonts, styles and picture (which the picture
    keeps) are ready when the first session shows it."""
    if page.isVisible() or page.timeline is not None:
        return
    page.pages.setCurrentWidget(page.running)
    page.grab()
    page.pages.setCurrentWidget(page.idle)


def show_first_part_ahead(page: SessionPage, timeline: Timeline) -> None:
    """While the voice makes the first cues (the preparing view shown): fill in the
    running view, out of sight, with the timeline's first part, so that the session's
    start changes nothing there (the same texts, place and picture) and only shows it."""
    if page.pages.currentWidget() is page.running or not timeline.segments:
        return
    import time

    from selfmassage.core.session import Progress, SegmentStarted, SessionState

    segment = timeline.segments[0]
    step = timeline.step(segment)
    length = segment.end - segment.start
    shown, page.timeline = page.timeline, timeline
    try:
        page.show_segment(SegmentStarted(0.0, segment, step, segment.start, segment.end))
        # Its time and bars at the start, not the last session's end.
        at, total = time.monotonic(), timeline.total_seconds
        page.show_progress(
            Progress(at, SessionState.READY, segment, 0.0, length, 0.0, total, 0.0, 0.0)
        )
    finally:
        page.timeline = shown


def lay_out_running_ahead(page: SessionPage) -> None:
    """Lay out the running view, out of sight, with what it shows now, and draw its map:
    the turn that starts the session and the one that draws it do not."""
    shown, layout = page.pages.currentWidget(), page.running.layout()
    if shown is None or shown is page.running or layout is None:
        return
    # Out of sight it keeps the size it last had: it gets the one it will be shown at.
    page.running.setGeometry(shown.geometry())
    layout.activate()
    # A hidden widget hears of its new size only when shown: the map is told now, so
    # that it picks its views for that size, then turns to the place, then is drawn.
    map_widget = page.map_widget
    QCoreApplication.sendEvent(map_widget, QResizeEvent(map_widget.size(), map_widget.size()))
    page.turn_map()
    map_widget.draw_ahead()
