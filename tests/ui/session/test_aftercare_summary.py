"""The aftercare card under the summary, its spoken line, and the nudge to ask a
clinician about a place that has stayed sore, with the person's own history."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from selfmassage.app import SelfMassageApp
from selfmassage.core import aftercare
from selfmassage.core.history import HistoryStore, SessionStatus
from selfmassage.core.paths import AppPaths
from selfmassage.core.routine import Routine, Step
from selfmassage.core.session import Finished
from selfmassage.core.timeline import Cue, CueKind
from selfmassage.ui.safety.today_check import TodayCheckDialog
from tests.conftest import MakeApp
from tests.ui.answers import none_today
from tests.ui.session.test_session_page import FakeSpeaker, ManualClock

NECK = Routine("Neck", (Step("neck", 10),))


def earlier_sessions(paths: AppPaths, ratings: dict[int, dict[str, int]]) -> None:
    """Sessions some days ago, each rated before it began."""
    for days, before in ratings.items():
        moment = datetime.now(UTC) - timedelta(days=days)
        with HistoryStore(paths.history_file, clock=lambda moment=moment: moment) as store:
            recorder = store.start_session("Neck", soreness_before=before)
            recorder.end(SessionStatus.COMPLETED)
            recorder.lock.release()


@pytest.fixture
def running(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> tuple[SelfMassageApp, ManualClock]:
    monkeypatch.setattr(TodayCheckDialog, "exec", none_today())  # the day's check: all no
    monkeypatch.setattr("selfmassage.speech.speaker.Speaker", FakeSpeaker)
    app = make_app()
    app.finish_start_up()
    clock = ManualClock()
    app.session.controller.clock = clock
    return app, clock


def run_rated(
    qtbot: QtBot, app: SelfMassageApp, clock: ManualClock, neck: int, seconds: float = 21
) -> tuple[Finished, list[Cue]]:
    """Start as the Routine page's Start does, rate the neck, and let the clock run
    (10 s to get ready and 10 s of work: the whole routine takes 20 s)."""
    cues: list[Cue] = []
    finished: list[Finished] = []
    app.session.controller.cue_due.connect(cues.append)
    app.session.controller.finished.connect(finished.append)
    app.rate_then_start(NECK)
    before = app.history.before_dialog
    assert before is not None
    before.form.boxes["neck"].setValue(neck)
    before.accept()
    clock.advance(seconds)
    if seconds < 20:
        app.session.controller.tick()
        app.session.controller.stop()
    qtbot.waitUntil(lambda: bool(finished))
    qtbot.waitUntil(lambda: app.history.after_dialog is not None)
    return finished[0], cues


def test_the_card_shows_after_a_session_and_the_end_says_one_line(
    qtbot: QtBot, running: tuple[SelfMassageApp, ManualClock]
) -> None:
    app, clock = running
    _finished, cues = run_rated(qtbot, app, clock, neck=3)
    summary = app.session.page.summary
    assert summary.aftercare.isVisible()
    assert summary.aftercare_text.text() == aftercare.card_text()
    assert summary.aftercare_text.textFormat() is Qt.TextFormat.PlainText
    assert not summary.clinician.isVisible()  # no history of lasting soreness
    finish = [cue for cue in cues if cue.kind is CueKind.FINISH]
    assert [cue.text for cue in finish] == [
        f"Well done. That is the end of your routine. {aftercare.SPOKEN}"
    ]
    assert finish[0].voice


def test_a_place_sore_for_two_weeks_gets_the_nudge(
    qtbot: QtBot, paths: AppPaths, running: tuple[SelfMassageApp, ManualClock]
) -> None:
    earlier_sessions(paths, {15: {"neck": 7}, 8: {"neck": 6}})
    app, clock = running
    run_rated(qtbot, app, clock, neck=8)
    nudge = app.session.page.summary.clinician
    qtbot.waitUntil(nudge.isVisible)
    assert nudge.text().startswith("Neck has been sore (6 out of 10 or more) for two weeks")
    assert nudge.textFormat() is Qt.TextFormat.PlainText
    # The next session, rated 2: the run is broken and the nudge goes.
    after = app.history.after_dialog
    assert after is not None
    after.reject()
    app.history.after_dialog = None
    run_rated(qtbot, app, clock, neck=2)
    assert app.session.page.summary.aftercare.isVisible()
    assert not nudge.isVisible()


def test_the_after_rating_can_complete_two_sore_weeks(
    qtbot: QtBot, paths: AppPaths, running: tuple[SelfMassageApp, ManualClock]
) -> None:
    earlier_sessions(paths, {16: {"calves-left": 6}, 9: {"calves-left": 7}})
    app, clock = running
    app.rate_then_start(Routine("Calf", (Step("calves", 10),)))
    before = app.history.before_dialog
    assert before is not None
    before.reject()  # no before rating this time
    clock.advance(45)  # get ready, the left side, switch, the right side
    qtbot.waitUntil(lambda: app.history.after_dialog is not None)
    summary = app.session.page.summary
    assert not summary.clinician.isVisible()
    after = app.history.after_dialog
    assert after is not None
    after.form.boxes["calves-left"].setValue(7)
    after.accept()
    assert summary.clinician.isVisible()
    assert summary.clinician.text().startswith("Left calf has been sore")


def test_no_card_when_every_step_was_skipped(
    qtbot: QtBot, running: tuple[SelfMassageApp, ManualClock]
) -> None:
    app, clock = running
    finished, cues = run_rated(qtbot, app, clock, neck=3, seconds=0)
    assert finished.summary.steps_completed + finished.summary.steps_ended_early == 0
    assert not app.session.page.summary.aftercare.isVisible()
    assert not [cue for cue in cues if cue.kind is CueKind.FINISH]  # a stop says no end
