"""The Session page shows how to lie and where the tool goes, for the side worked now."""

from __future__ import annotations

from PySide6.QtCore import QRect
from pytestqt.qtbot import QtBot

from selfmassage.core.anatomy import Side
from selfmassage.core.routine import Routine, Step, StepSide, Tool
from selfmassage.core.session import SegmentStarted
from selfmassage.core.timeline import SegmentKind, build_timeline
from selfmassage.ui.session.session_page import SessionPage

ROUTINE = Routine(
    "Two steps",
    (
        Step("calves", 60, StepSide.BOTH, Tool.FOAM_ROLLER, "calves.foam-roller.roll"),
        Step("neck", 60, None, Tool.HANDS, "neck.hands.knead"),
    ),
)


def test_the_picture_follows_the_segment_and_its_side(qtbot: QtBot) -> None:
    page = SessionPage()
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    qtbot.waitExposed(page)
    timeline = build_timeline(ROUTINE)
    page.show_session(timeline)
    seen: list[tuple[SegmentKind, str | None, Side | None, str]] = []
    for segment in timeline.segments:
        step = timeline.step(segment)
        page.show_segment(SegmentStarted(segment.start, segment, step, segment.start, segment.end))
        view = page.illustration
        assert view.isVisible()
        assert view.technique is not None
        seen.append((segment.kind, view.technique.id, view.side, view.description))
    calves = [entry for entry in seen if entry[1] == "calves.foam-roller.roll"]
    work = [entry for entry in calves if entry[0] is SegmentKind.WORK]
    assert [entry[2] for entry in work] == [Side.LEFT, Side.RIGHT]
    assert "left calf" in work[0][3] and "right calf" in work[1][3]
    # Between the sides the picture already shows the side that comes next.
    switch = [entry for entry in calves if entry[0] is SegmentKind.SWITCH_SIDE]
    assert switch and switch[0][2] is Side.RIGHT
    # Before the neck, the pause shows the neck already.
    assert seen[-1][1] == "neck.hands.knead"
    assert any(e[0] is SegmentKind.TRANSITION and e[1] == "neck.hands.knead" for e in seen)


def test_the_picture_is_large_and_beside_the_countdown(qtbot: QtBot) -> None:
    page = SessionPage()
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    qtbot.waitExposed(page)
    timeline = build_timeline(ROUTINE)
    page.show_session(timeline)
    first = timeline.segments[0]
    page.show_segment(SegmentStarted(0, first, timeline.step(first), 0, first.end))
    qtbot.wait(10)
    picture = page.illustration.picture
    assert picture.width() >= 300, "large, readable from the floor"
    count = page.countdown
    picture_box = QRect(picture.mapTo(page, picture.rect().topLeft()), picture.size())
    count_box = QRect(count.mapTo(page, count.rect().topLeft()), count.size())
    assert picture_box.left() >= count_box.right() - 1, "to the right of the countdown"
    assert picture_box.top() < count_box.bottom() and picture_box.bottom() > count_box.top()
    # The countdown makes room for the picture and still shows all its digits.
    for width in (1200, 900, 760):
        page.resize(width, 700)
        qtbot.wait(10)
        advance = count.fontMetrics().horizontalAdvance("00:00")
        assert advance <= count.width(), width
