"""Before and after a session: the rating dialogs, by keyboard, and the recording hook."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from selfmassage.core.history_queries import list_sessions, session_detail
from selfmassage.core.paths import AppPaths
from selfmassage.core.routine import Routine, Step, StepSide
from selfmassage.core.session import Session
from selfmassage.core.session_start import SessionStart
from selfmassage.core.timeline import build_timeline
from selfmassage.ui.history.history_presenter import HistoryPresenter
from selfmassage.ui.main_window import MainWindow
from selfmassage.ui.safety.today_check import TodayCheckDialog
from selfmassage.ui.session.soreness_dialogs import SorenessAfterDialog, SorenessBeforeDialog
from tests.conftest import MakeApp
from tests.ui.answers import none_today
from tests.ui.sessions import wait_started


def test_before_is_prefilled_and_typed_into(qtbot: QtBot) -> None:
    dialog = SorenessBeforeDialog(["neck", "calves-left"], {"calves-left": 6, "neck": None})
    qtbot.addWidget(dialog)
    dialog.show()
    neck, calves = dialog.form.boxes["neck"], dialog.form.boxes["calves-left"]
    assert neck.text() == "–" and calves.value() == 6
    neck.setFocus()
    neck.selectAll()
    qtbot.keyClicks(neck, "4")
    qtbot.keyClick(neck, Qt.Key.Key_Return)  # Enter starts
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.ratings() == {"neck": 4, "calves-left": 6}
    assert neck.accessibleName() == "Soreness of Neck, 0 to 10"
    assert calves.accessibleName() == "Soreness of Left calf, 0 to 10"


def test_before_can_be_skipped_with_escape(qtbot: QtBot) -> None:
    dialog = SorenessBeforeDialog(["neck"], {"neck": 5})
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert dialog.ratings() == {}


def test_after_keeps_ratings_feeling_and_note(qtbot: QtBot) -> None:
    dialog = SorenessAfterDialog(["calves-right"], {"calves-right": 7})
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.form.boxes["calves-right"].value() == 7  # starts at what was said before
    dialog.form.boxes["calves-right"].setValue(3)
    assert dialog.feeling() is None
    dialog.feeling_group.button(4).click()
    qtbot.keyClicks(dialog.note, "  Tight left calf  ")
    assert (dialog.ratings(), dialog.feeling(), dialog.notes()) == (
        {"calves-right": 3},
        4,
        "Tight left calf",
    )


def test_after_breathing_alone_asks_only_how_it_felt(qtbot: QtBot) -> None:
    # A breathing pacer session worked no place: nothing to rate again.
    dialog = SorenessAfterDialog([], {})
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.form.boxes == {} and not dialog.form.isVisible()
    assert "Rate each place" not in dialog.greeting.text()
    assert dialog.greeting.text() == "Well done. How do you feel, compared with before?"
    dialog.feeling_group.button(4).click()
    assert (dialog.ratings(), dialog.feeling()) == ({}, 4)


def test_start_rates_records_the_session_and_rates_again(qtbot: QtBot, paths: AppPaths) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    presenter = HistoryPresenter(window, paths.history_file, "0.1.0")
    routine = Routine(
        "Calves",
        (
            Step("calves", 10, side=StepSide.LEFT),
            Step("neck", 10),
            Step("calves", 10, technique="x", side=StepSide.LEFT),
        ),
    )
    sessions: list[Session] = []

    def start(start: SessionStart) -> bool:
        session = Session(build_timeline(start.routine))
        presenter.session_hook()(session, start)
        sessions.append(session)
        return True

    dialog = presenter.rate_before_then(SessionStart(routine), {"calves-left": 6}, start)
    assert dialog is not None and dialog.isVisible() and not sessions  # asked first
    assert list(dialog.form.boxes) == ["calves-left", "neck"]  # the sides the routine works
    assert dialog.form.boxes["calves-left"].value() == 6  # prefilled from the body map
    dialog.form.boxes["calves-left"].setValue(8)
    dialog.accept()
    [session] = sessions
    session.start(-10.0)  # its get-ready: the first step's work starts at 0
    session.tick(15.0)  # the first step (the left side) is done
    assert presenter.store is not None
    conn = presenter.store.conn
    # Written on the turn after Start's, with what the session did meanwhile.
    qtbot.waitUntil(lambda: len(list_sessions(conn)) == 1)
    [summary] = list_sessions(conn)
    assert summary.status == "running" and summary.done_seconds == 10
    session.tick(20.0)  # the neck has begun
    session.next_step(20.2)  # skip it
    session.stop(20.3)
    with qtbot.waitSignal(presenter.changed):  # the page learns the session ended
        qtbot.waitUntil(lambda: presenter.after_dialog is not None)
    after = presenter.after_dialog
    assert after is not None and after.isVisible()
    assert after.form.boxes["calves-left"].value() == 8  # starts at the before rating
    after.form.boxes["calves-left"].setValue(5)
    after.feeling_group.button(5).click()
    qtbot.keyClicks(after.note, "Loose")
    after.accept()
    detail = session_detail(presenter.store.conn, summary.uuid)
    assert detail is not None
    assert detail.summary.status == "stopped"
    assert detail.soreness_before == {"calves-left": 8}
    assert detail.soreness_after == {"calves-left": 5}
    assert detail.summary.soreness_change == -3
    assert (detail.summary.feeling, detail.notes) == (5, "Loose")
    assert [(s.position, s.skipped) for s in detail.steps][:2] == [(0, False), (1, True)]
    assert "Calves" in detail.routine_snapshot  # the routine as run, as a file


def test_skipping_the_rating_still_starts_and_a_refused_start_drops_it(
    qtbot: QtBot, paths: AppPaths
) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    presenter = HistoryPresenter(window, paths.history_file, "0.1.0")
    started: list[dict[str, int]] = []
    neck = SessionStart(Routine("Neck", (Step("neck", 30),)))

    def start(start: SessionStart) -> bool:
        started.append(dict(start.soreness_before))
        return False  # e.g. the person kept the running session

    dialog = presenter.rate_before_then(neck, {"neck": 4}, start)
    assert dialog is not None
    dialog.accept()
    assert started == [{"neck": 4}]
    dialog = presenter.rate_before_then(neck, {"neck": 4}, start)
    assert dialog is not None
    dialog.reject()  # Skip
    assert started[-1] == {}


def test_resume_runs_the_rest_into_the_same_session(qtbot: QtBot, paths: AppPaths) -> None:
    from selfmassage.core.history import HistoryStore
    from selfmassage.core.history_recording import HistoryListener
    from selfmassage.core.routine_file import dump_routine

    routine = Routine("Three", (Step("neck", 10), Step("calves", 10), Step("feet", 10)))
    with HistoryStore(paths.history_file) as store:
        recorder = store.start_session("Three", routine_snapshot=dump_routine(routine).decode())
        session = Session(build_timeline(routine))
        session.listeners.append(HistoryListener(recorder))
        session.start(-10.0)  # its get-ready: the neck's work starts at 0
        session.tick(12.0)  # neck done, then the process dies, and its lock with it
        recorder.lock.release()
    window = MainWindow()
    qtbot.addWidget(window)
    presenter = HistoryPresenter(window, paths.history_file, "0.1.0")
    [unfinished] = presenter.opened.unfinished
    assert unfinished.next_position == 1
    rest = presenter.session_to_resume(unfinished)
    assert rest is not None and rest.resume is unfinished
    assert [s.region for s in rest.routine.steps] == ["calves", "feet"]
    session = Session(build_timeline(rest.routine))
    presenter.session_hook()(session, rest)
    session.start(0.0)
    session.tick(10_000.0)
    assert presenter.store is not None
    conn = presenter.store.conn
    qtbot.waitUntil(lambda: list_sessions(conn)[0].status == "completed")  # the turn after
    [summary] = list_sessions(conn)
    detail = session_detail(presenter.store.conn, summary.uuid)
    assert detail is not None and detail.summary.status == "completed"
    assert [s.region for s in detail.steps] == ["neck", "calves", "feet"]


def test_before_starts_from_each_sides_latest_after_rating_with_its_date(
    qtbot: QtBot, paths: AppPaths
) -> None:
    from datetime import UTC, datetime

    from selfmassage.core.history import HistoryStore, SessionStatus

    with HistoryStore(
        paths.history_file, clock=lambda: datetime(2026, 3, 2, 12, tzinfo=UTC)
    ) as store:
        recorder = store.start_session("Earlier", soreness_before={"calves-left": 7})
        recorder.end(SessionStatus.COMPLETED)
        store.save_after(
            recorder.uuid,
            soreness_after={"calves-left": 3, "upper-traps-left": 7},
            feeling=None,
            notes="",
        )
    window = MainWindow()
    qtbot.addWidget(window)
    presenter = HistoryPresenter(window, paths.history_file, "0.1.0")
    routine = Routine("Calves", (Step("calves", 10),))  # both sides
    dialog = presenter.rate_before_then(SessionStart(routine), {}, lambda _start: True)
    assert dialog is not None
    boxes = dialog.form.boxes
    assert list(boxes) == ["calves-left", "calves-right"]  # no upper trapezius here
    assert boxes["calves-left"].value() == 3  # the latest after-rating, not the old 7
    assert boxes["calves-right"].text() == "–"  # never rated: blank
    assert dialog.form.sources["calves-left"].text() == "3 after the session of Mon 02 Mar"
    dialog.reject()


def test_the_summary_shows_soreness_before_and_after_once_rated(
    make_app: MakeApp, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(TodayCheckDialog, "exec", none_today())  # the day's check: all no
    app = make_app()
    app.finish_start_up()
    neck = Routine("Neck", (Step("neck", 10),))
    app.rate_then_start(neck)
    before = app.history.before_dialog
    assert before is not None
    before.form.boxes["neck"].setValue(6)
    before.accept()
    # It starts once the voice can say its first cues.
    wait_started(qtbot, app)  # once its first cues can be heard
    app.session.controller.stop()
    qtbot.waitUntil(lambda: app.history.after_dialog is not None)
    after = app.history.after_dialog
    assert after is not None
    after.form.boxes["neck"].setValue(2)
    after.accept()
    assert "Soreness: Neck 6 → 2" in app.session.page.summary_text.text()
