"""Start only fills in the Session page: it is made, laid out and drawn ahead, a slice
per turn of the event loop, once the routine is on screen; each step's picture is drawn
while the step before it runs."""

from __future__ import annotations

import math
from collections.abc import Iterator
from itertools import pairwise

import pytest
from pytestqt.qtbot import QtBot

import selfmassage.ui.home.body_map as body_map_module
import selfmassage.ui.widgets.illustration as illustration_module
from selfmassage.app import SelfMassageApp
from selfmassage.core.anatomy import RegionSide, Side
from selfmassage.core.routine import Routine, Step, StepSide, Tool
from selfmassage.core.selection import Selection
from selfmassage.core.session import SegmentStarted
from selfmassage.core.timeline import build_timeline
from selfmassage.core.words import clock_readout
from selfmassage.ui.session.first_cues import first_step_texts
from selfmassage.ui.session.session_page import SessionPage
from tests.conftest import MakeApp
from tests.speech.speech_fakes import FakeRenderer
from tests.ui.sessions import wait_started

ROUTINE = Routine(
    "Two steps",
    (
        Step("calves", 60, StepSide.BOTH, Tool.FOAM_ROLLER, "calves.foam-roller.roll"),
        Step("neck", 60, None, Tool.HANDS, "neck.hands.knead"),
    ),
)


@pytest.fixture
def renders(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[str, Side | None]]]:
    """Every picture rendered from its SVG: (technique, side)."""
    seen: list[tuple[str, Side | None]] = []
    paint = illustration_module.paint_illustration

    def counting(*args: object, **kwargs: object) -> bool:
        seen.append((str(args[2]), args[3]))  # type: ignore[arg-type]
        return paint(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(illustration_module, "paint_illustration", counting)
    yield seen


def test_the_session_page_is_made_before_start_is_pressed(
    app: SelfMassageApp, qtbot: QtBot
) -> None:
    session = app.session
    app.routine.show(ROUTINE)
    assert not session.prepared  # not in the turn that shows the routine
    qtbot.waitUntil(lambda: session.prepared)
    page = app.window.page("session")
    assert isinstance(page, SessionPage)
    # Laid out at the size it will be shown at, the running view included.
    assert page.size() == app.window.stack.contentsRect().size()
    assert page.illustration.picture.width() > 0
    assert app.start_session(ROUTINE)
    wait_started(qtbot, app)
    assert app.window.page("session") is page  # Start made no other
    _stop(app, qtbot)


def test_the_first_steps_picture_is_drawn_before_start(
    app: SelfMassageApp, qtbot: QtBot, renders: list[tuple[str, Side | None]]
) -> None:
    app.routine.show(ROUTINE)
    qtbot.waitUntil(lambda: app.session.prepared)
    page = app.session.page
    assert page.illustration.is_prepared(ROUTINE.steps[0], Side.LEFT)
    renders.clear()
    app.start_session(ROUTINE)
    wait_started(qtbot, app)
    qtbot.waitExposed(page)
    page.illustration.picture.repaint()
    assert ("calves.foam-roller.roll", Side.LEFT) not in renders
    _stop(app, qtbot)


def _stop(app: SelfMassageApp, qtbot: QtBot) -> None:
    app.session.controller.stop()
    qtbot.waitUntil(lambda: app.history.after_dialog is not None)
    dialog = app.history.after_dialog
    assert dialog is not None
    dialog.reject()


def test_the_next_parts_picture_is_ready_before_the_part_starts(
    qtbot: QtBot, renders: list[tuple[str, Side | None]]
) -> None:
    page = SessionPage()
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    qtbot.waitExposed(page)
    timeline = build_timeline(ROUTINE)
    page.show_session(timeline)
    segments = timeline.segments
    first = segments[0]
    page.show_segment(SegmentStarted(0, first, timeline.step(first), 0, first.end))
    page.illustration.picture.repaint()
    for segment, following in pairwise(segments):
        step = timeline.step(following)
        qtbot.waitUntil(lambda s=step, f=following: page.illustration.is_prepared(s, f.side))
        renders.clear()
        page.show_segment(
            SegmentStarted(following.start, following, step, following.start, following.end)
        )
        page.illustration.picture.repaint()
        assert renders == [], (segment.kind, following.kind)


def test_while_the_voice_gets_ready_the_first_part_is_filled_in_out_of_sight(
    make_app: MakeApp, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    timeline = build_timeline(ROUTINE)
    announce = first_step_texts(timeline)[0]
    renderer = FakeRenderer(hang_on=(announce,))
    monkeypatch.setattr("selfmassage.speech.speaker.renderer_factory", lambda: lambda: renderer)
    app = make_app()
    app.session.controller.session_hooks.clear()  # about the page, not the history
    assert app.start_session(ROUTINE)
    page = app.session.page
    labels = (page.where, page.title, page.tool, page.instructions, page.next_up)
    assert page.where.text() == ""  # not in Start's own turn
    qtbot.waitUntil(lambda: page.where.text() != "")
    assert page.pages.currentWidget() is page.preparing
    assert not app.session.controller.is_active
    part = timeline.segments[0]
    assert page.countdown.text() == clock_readout(math.ceil(part.end - part.start))
    first = page.map_widget.selection()
    filled = [label.text() for label in labels]
    controller = app.session.controller
    on_screen: list[bool] = []
    start = controller.start
    monkeypatch.setattr(
        controller,
        "start",
        lambda *a: (on_screen.append(page.pages.currentWidget() is page.running), start(*a))[1],
    )
    renderer.release.set()
    qtbot.waitUntil(lambda: app.session.controller.is_active, timeout=10_000)
    assert page.pages.currentWidget() is page.running
    # The start found the first part there already: the same texts and place.
    assert [label.text() for label in labels] == filled
    assert page.map_widget.selection() == first
    assert page.timeline is app.session.controller.timeline
    # The first part was shown a turn before the session started: not one long turn.
    assert on_screen == [True]
    app.session.controller.stop()


def test_a_part_that_starts_shows_nothing_already_shown(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Showing the map again (never shown or hidden on its own, so Qt does not skip it)
    # lays out the whole window there and then, inside the turn that starts the part
    # (15 ms for the Session page); left alone, the layout is done once, with the paint.
    page = SessionPage()
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    qtbot.waitExposed(page)
    timeline = build_timeline(ROUTINE)
    page.show_session(timeline)
    shown: list[tuple[str, bool]] = []
    for name in ("map_widget", "pacer"):
        widget = getattr(page, name)
        original = widget.setVisible
        monkeypatch.setattr(
            widget, "setVisible", lambda v, n=name, o=original: (shown.append((n, v)), o(v))
        )
    first, second = timeline.segments[:2]
    page.show_segment(SegmentStarted(0, first, timeline.step(first), 0, first.end))
    page.show_segment(SegmentStarted(1, second, timeline.step(second), 1, second.end))
    assert shown == []
    assert page.illustration.isVisible() and page.map_widget.isVisible()
    assert page.pacer.isHidden()


def test_the_first_parts_map_is_drawn_while_the_voice_gets_ready(
    make_app: MakeApp, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    timeline = build_timeline(ROUTINE)
    renderer = FakeRenderer(hang_on=(first_step_texts(timeline)[0],))
    monkeypatch.setattr("selfmassage.speech.speaker.renderer_factory", lambda: lambda: renderer)
    app = make_app()
    app.session.controller.session_hooks.clear()
    app.start_session(ROUTINE)
    page = app.session.page
    qtbot.waitUntil(lambda: page.map_widget.kept)
    shapes: list[object] = []
    drawn = body_map_module.paint_place
    monkeypatch.setattr(
        body_map_module, "paint_place", lambda *a, **k: (shapes.append(a), drawn(*a, **k))
    )
    renderer.release.set()
    qtbot.waitUntil(lambda: app.session.controller.is_active, timeout=10_000)
    qtbot.waitExposed(page.map_widget)
    page.map_widget.repaint()
    assert shapes == []  # the paint after Start copied the map drawn ahead
    page.map_widget.set_selection(Selection())  # something else shown: drawn as before
    page.map_widget.repaint()
    assert shapes and not page.map_widget.kept
    app.session.controller.stop()


def test_the_next_parts_map_is_drawn_before_the_part_starts(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    shapes: list[object] = []
    drawn = body_map_module.paint_place
    monkeypatch.setattr(
        body_map_module, "paint_place", lambda *a, **k: (shapes.append(a), drawn(*a, **k))
    )
    page = SessionPage()
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    qtbot.waitExposed(page)
    timeline = build_timeline(ROUTINE)
    page.show_session(timeline)
    first = timeline.segments[0]
    page.show_segment(SegmentStarted(0, first, timeline.step(first), 0, first.end))
    page.map_widget.repaint()
    for following in timeline.segments[1:]:
        step = timeline.step(following)
        place = Selection.of([RegionSide(step.region, following.side)])
        qtbot.waitUntil(lambda p=place: page.map_widget.has_drawn(p))
        shapes.clear()
        page.show_segment(
            SegmentStarted(following.start, following, step, following.start, following.end)
        )
        page.map_widget.repaint()
        assert shapes == [], following
