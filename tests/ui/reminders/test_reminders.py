"""Reminders in the window: the tray menu, a reminder at its time, snooze, the Today
card, the fallback without a tray, closing to the tray, the plan one was on."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from selfmassage.core.autostart import Autostart
from selfmassage.core.history import HistoryStore, SessionStatus, StepRecord
from selfmassage.core.library import Library
from selfmassage.core.routine import Routine, Schedule, Step
from selfmassage.core.routine_file import write_routine
from selfmassage.core.settings import Settings
from selfmassage.ui.main_window import MainWindow
from selfmassage.ui.reminders.reminders_presenter import NO_TRAY, RemindersPresenter
from selfmassage.ui.reminders.tray import ReminderMenu
from selfmassage.ui.theme import app_icon
from tests.ui.answers import answering
from tests.ui.sessions import wait_started

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from selfmassage.app import SelfMassageApp
    from selfmassage.core.paths import AppPaths
    from tests.conftest import MakeApp

BERLIN = ZoneInfo("Europe/Berlin")
MONDAY = date(2026, 3, 2)


def plan_routine(title: str = "Knee plan", start: date = MONDAY) -> Routine:
    return Routine(
        title=title,
        steps=(Step("calves", 30),),
        author="Dr. Physio",
        description="Gently, and stop if it hurts.",
        schedule=Schedule(times_per_week=3, weeks=4, start=start),
    )


class FakeClock:
    def __init__(self, start: datetime) -> None:
        self.now = start.astimezone(UTC)
        self.mono = 500.0

    def wall(self) -> datetime:
        return self.now

    def monotonic(self) -> float:
        return self.mono

    def run(self, delta: timedelta) -> None:
        self.now += delta
        self.mono += delta.total_seconds()


class Harness:
    def __init__(
        self, qtbot: QtBot, tmp_path: Path, *, tray: bool, at: datetime, session: bool = False
    ) -> None:
        self.window = MainWindow()
        qtbot.addWidget(self.window)
        self.settings = Settings()
        self.saves = 0
        self.clock = FakeClock(at)
        self.session_running = session
        routines = tmp_path / "routines"
        routines.mkdir(parents=True)
        write_routine(routines / "knee.smroutine", plan_routine())
        self.library = Library(routines)
        self.store = HistoryStore(tmp_path / "history.sqlite3", clock=self.clock.wall)
        self.autostart = Autostart("linux", tmp_path / "home", ["selfmassage"], environ={})
        self.presenter = RemindersPresenter(
            self.window,
            self.settings,
            self._save,
            library=lambda: self.library,
            history_store=lambda: self.store,
            session_active=lambda: self.session_running,
            icon=app_icon,
            clock=self.clock,  # type: ignore[arg-type]
            zone=BERLIN,
            tray=tray,
            autostart=self.autostart,
        )
        self.started: list[Routine] = []
        self.presenter.start_requested.connect(self.started.append)

    def _save(self) -> None:
        self.saves += 1

    def run(self, delta: timedelta) -> None:
        self.clock.run(delta)
        self.presenter.check()


@pytest.fixture
def harness(qtbot: QtBot, tmp_path: Path) -> Iterator[Harness]:
    made = Harness(qtbot, tmp_path, tray=False, at=datetime(2026, 3, 2, 17, 50, tzinfo=BERLIN))
    made.window.show()
    made.presenter.start()
    yield made
    made.store.close()


def test_the_tray_menu_has_every_entry(qtbot: QtBot) -> None:
    menu = ReminderMenu()
    texts = [action.text() for action in menu.menu.actions() if not action.isSeparator()]
    assert texts == [
        "No reminder set",
        "Nothing due today",
        "Start today's session",
        "Snooze",
        "Open SelfMassage",
        "Quit",
    ]
    assert [action.text() for action in menu.snooze_actions] == [
        "15 minutes",
        "1 hour",
        "Until tomorrow",
    ]
    asked: list[int] = []
    menu.snooze_requested.connect(asked.append)
    menu.set_snoozable(True)
    for action in menu.snooze_actions:
        action.trigger()
    assert asked == [15, 60, 0]
    with qtbot.waitSignal(menu.quit_requested):
        menu.quit_action.trigger()


def test_the_menu_says_the_next_reminder_and_today(harness: Harness) -> None:
    menu = harness.presenter.menu
    assert menu.next_action.text() == "Next reminder: Knee plan, today at 18:00"
    assert menu.today_action.text() == "Due today: Knee plan at 18:00"
    assert menu.start_action.text() == "Start Knee plan" and menu.start_action.isEnabled()
    assert not menu.snooze_menu.isEnabled()  # nothing to snooze yet
    menu.start_action.trigger()
    assert [routine.title for routine in harness.started] == ["Knee plan"]


def test_no_tray_the_reminder_comes_in_the_window_at_its_time(harness: Harness) -> None:
    assert harness.window.statusBar().currentMessage() == NO_TRAY
    bar = harness.presenter.bar
    harness.run(timedelta(minutes=9))  # 17:59
    assert not bar.isVisible()
    harness.run(timedelta(minutes=1))  # 18:00
    assert bar.isVisible() and bar.label.text() == "Time for Knee plan"
    assert harness.presenter.card.reminder_label.text() == "Time for Knee plan"
    assert harness.presenter.menu.snooze_menu.isEnabled()
    assert harness.settings.reminders_checked_at  # kept for the next start
    harness.run(timedelta(minutes=1))
    assert bar.isVisible()  # still showing, not shown again
    bar.start_button.click()
    assert [routine.title for routine in harness.started] == ["Knee plan"]
    assert not bar.isVisible()


def test_snooze_fifteen_minutes_then_tomorrow(harness: Harness) -> None:
    harness.run(timedelta(minutes=10))  # 18:00
    bar = harness.presenter.bar
    bar.snooze_buttons[0].click()  # in 15 minutes
    assert not bar.isVisible()
    assert harness.settings.reminder_snooze["routine"] == "Knee plan"
    assert "snoozed until Mon 18:15" in harness.window.statusBar().currentMessage()
    harness.run(timedelta(minutes=14))
    assert not bar.isVisible()
    harness.run(timedelta(minutes=1))  # 18:15
    assert bar.isVisible()
    bar.snooze_buttons[2].click()  # tomorrow
    assert "snoozed until Tue 18:00" in harness.window.statusBar().currentMessage()
    harness.run(timedelta(hours=23, minutes=44))  # Tuesday 17:59
    assert not bar.isVisible()
    harness.run(timedelta(minutes=1))
    assert bar.isVisible() and bar.label.text() == "Time for Knee plan"
    assert harness.settings.reminder_snooze == {}


def test_a_snooze_survives_a_restart(qtbot: QtBot, tmp_path: Path, harness: Harness) -> None:
    harness.run(timedelta(minutes=10))
    harness.presenter.bar.snooze_buttons[1].click()  # in an hour: 19:00
    again = Harness(qtbot, tmp_path / "again", tray=False, at=harness.clock.now)
    again.settings.reminder_snooze = dict(harness.settings.reminder_snooze)
    again.settings.reminders_checked_at = harness.settings.reminders_checked_at
    again.presenter.start()
    again.run(timedelta(minutes=59))
    assert not again.presenter.bar.isVisible()
    again.run(timedelta(minutes=1))
    assert again.presenter.due is not None and again.presenter.due.snoozed
    again.store.close()


def test_no_reminder_in_the_window_during_a_session(harness: Harness) -> None:
    harness.session_running = True
    harness.run(timedelta(minutes=10))
    assert not harness.presenter.bar.isVisible()
    assert harness.presenter.card.reminder_label.text() == "Time for Knee plan"  # kept, quiet


def test_a_session_done_today_means_no_reminder(harness: Harness) -> None:
    recorder = harness.store.start_session("Knee plan", planned_seconds=60)  # at 17:50
    recorder.step_ended(StepRecord(0, "calves", "both", "", "foam-roller", 60, 60))
    recorder.end(SessionStatus.COMPLETED)
    harness.presenter.history_changed()
    card = harness.presenter.card
    assert card.due_label.text() == "Done today: Knee plan"
    assert card.last_label.text() == "Last session: Knee plan, Mon 02 Mar: Completed"
    assert card.week_label.text() == "Knee plan: 1 of 3 this week"
    harness.run(timedelta(minutes=30))  # past 18:00
    assert harness.presenter.due is None and not harness.presenter.bar.isVisible()
    assert harness.presenter.menu.next_action.text() == "Next reminder: Knee plan, Wed at 18:00"


def test_the_today_card_starts_with_a_click(harness: Harness) -> None:
    card = harness.presenter.card
    assert card.due_label.text() == "Due today: Knee plan at 18:00"
    assert card.week_label.text() == "Knee plan: 0 of 3 this week"
    assert card.last_label.text() == "No sessions yet"
    card.start_button.click()
    assert [routine.title for routine in harness.started] == ["Knee plan"]


def test_closing_with_no_tray_just_closes(harness: Harness) -> None:
    assert harness.presenter.may_close()
    assert harness.settings.keep_in_tray == ""


def test_closing_with_a_tray_asks_once_then_keeps_running(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = Harness(qtbot, tmp_path, tray=True, at=datetime(2026, 3, 2, 17, 50, tzinfo=BERLIN))
    made.presenter._show_tray = lambda shown: None  # type: ignore[method-assign] # no tray here
    made.window.show()
    made.presenter.start()
    asked: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "exec", answering(True, asked))
    assert not made.window.close()
    assert not made.window.isVisible() and len(asked) == 1
    assert made.settings.keep_in_tray == "yes"
    assert not QApplication.quitOnLastWindowClosed()
    made.presenter.open_window()
    assert made.window.isVisible()
    assert not made.window.close()
    assert len(asked) == 1  # asked once only
    made.presenter.quitting = True  # Quit in the tray's menu: the window really closes
    assert made.window.close()
    QApplication.setQuitOnLastWindowClosed(True)
    made.store.close()


def test_a_plan_opened_offers_to_start_with_the_computer(harness: Harness, qtbot: QtBot) -> None:
    harness.presenter.plan_opened(plan_routine())
    box = harness.window.findChild(QMessageBox, "offerAutostart")
    assert box is not None and box.isVisible()
    accept = next(
        b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole
    )
    accept.click()
    assert harness.settings.start_with_computer
    assert harness.autostart.is_on()


def test_the_reminders_dialog_sets_a_reminder_for_any_routine(harness: Harness) -> None:
    dialog = harness.presenter.open_dialog()
    dialog.routine_box.setCurrentText("Any routine")
    for day in (0, 2, 4):
        dialog.day_boxes[day].setChecked(True)
    dialog.add_button.click()
    assert harness.settings.reminders == [{"routine": "", "days": [0, 2, 4], "time": "19:00"}]
    assert dialog.list.item(0).text() == "Any routine: Mon, Wed, Fri at 19:00"
    dialog.autostart_box.setChecked(True)
    assert harness.settings.start_with_computer and harness.autostart.is_on()
    dialog.autostart_box.setChecked(False)
    assert not harness.autostart.is_on()
    dialog.sound_box.setChecked(False)
    assert harness.settings.reminder_sound is False
    dialog.routine_box.setCurrentIndex(dialog.routine_box.findData("Knee plan"))
    for day in (0, 2, 4):
        dialog.day_boxes[day].setChecked(False)
    dialog.add_button.click()
    assert harness.settings.reminders[1] == {"routine": "Knee plan", "days": [], "time": "19:00"}
    assert dialog.list.item(1).text() == "Knee plan: every day at 19:00"
    dialog.list.setCurrentRow(0)
    dialog.remove_button.click()
    assert [r["routine"] for r in harness.settings.reminders] == ["Knee plan"]
    dialog.close()


# The whole app ------------------------------------------------------------------------


def test_after_a_restart_the_routine_page_shows_the_plan(
    make_app: MakeApp, paths: AppPaths, qtbot: QtBot
) -> None:
    write_routine(paths.routines_dir / "knee.smroutine", plan_routine(start=date.today()))
    app = make_app()
    assert app.routine.routine() is not None
    assert app.routine.routine().title == "Knee plan"  # type: ignore[union-attr]
    page = app.routine.page
    assert page.title_label.text() == "Knee plan"
    assert app.window.current_page_key() == "home"  # it waits there; Home comes first
    app.window.show_page("routine")
    assert page.notes_button.isVisible()
    page.notes_button.click()
    dialog = app.physio.prescription_dialog
    assert dialog is not None and dialog.notes.toPlainText() == "Gently, and stop if it hurts."
    dialog.close()


def test_ctrl_return_on_home_starts_today_s_session(
    make_app: MakeApp, paths: AppPaths, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_routine(paths.routines_dir / "knee.smroutine", plan_routine(start=date.today()))
    app: SelfMassageApp = make_app()
    app.window.activateWindow()
    qtbot.waitUntil(app.window.isActiveWindow)
    started: list[Routine] = []
    monkeypatch.setattr(app.safety, "checked", lambda routine: routine)  # no questions here
    monkeypatch.setattr(app.session, "rate_then_start", lambda routine, *_: started.append(routine))
    card = app.reminders.card
    assert card.isVisible() and card.start_button.text() == "Start Knee plan"
    qtbot.keyClick(app.home.page.body_map, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert [routine.title for routine in started] == ["Knee plan"]


class FakeTray:
    """The tray icon's side the presenter uses: shown, and the messages it sent."""

    def __init__(self) -> None:
        self.messages: list[str] = []

    def isVisible(self) -> bool:  # noqa: N802 - Qt's name
        return True

    def setVisible(self, _shown: bool) -> None:  # noqa: N802 - Qt's name
        pass

    def showMessage(self, _title: str, text: str, *_args: object) -> None:  # noqa: N802
        self.messages.append(text)


@pytest.mark.parametrize("sound", [True, False])
def test_with_a_tray_the_reminder_is_a_notification_quiet_during_a_session(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sound: bool
) -> None:
    made = Harness(qtbot, tmp_path, tray=True, at=datetime(2026, 3, 2, 17, 50, tzinfo=BERLIN))
    made.settings.reminder_sound = sound
    tray = FakeTray()
    made.presenter.tray = tray  # type: ignore[assignment]
    made.presenter._show_tray = lambda shown: None  # type: ignore[method-assign]
    beeps: list[bool] = []
    monkeypatch.setattr(QApplication, "beep", lambda: beeps.append(True))
    made.window.show()
    made.presenter.start()
    made.run(timedelta(minutes=10))
    assert tray.messages == ["Time for Knee plan. Knee plan: 0 of 3 this week"]
    assert not made.presenter.bar.isVisible()  # the tray says it; the window need not
    assert beeps == ([True] if sound else [])
    made.presenter.snooze(15)
    made.session_running = True
    made.run(timedelta(minutes=15))
    assert made.presenter.due is not None and made.presenter.due.snoozed
    assert len(tray.messages) == 1 and len(beeps) == (1 if sound else 0)  # quiet
    made.presenter.quitting = True  # the test's end closes the window: no question
    made.store.close()


def test_an_interrupted_session_offers_to_resume_beside_the_today_card(
    make_app: MakeApp, paths: AppPaths, qtbot: QtBot
) -> None:
    from selfmassage.core.routine_file import dump_routine

    routine = plan_routine(start=date.today())
    write_routine(paths.routines_dir / "knee.smroutine", routine)
    store = HistoryStore(paths.history_file)
    recorder = store.start_session(
        routine.title, routine_snapshot=dump_routine(routine).decode("utf-8"), planned_seconds=60
    )
    recorder.lock.release()  # the app that recorded it stopped
    store.close()
    app = make_app()
    box = app.window.findChild(QMessageBox, "resumeSession")
    assert box is not None and box.isVisible()
    card = app.reminders.card
    assert card.last_label.text().startswith("Last session: Knee plan")
    assert card.last_label.text().endswith("Interrupted")
    resume = next(
        b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole
    )
    resume.click()
    wait_started(qtbot, app)  # once its first cues can be heard
    app.session.controller.stop()


def test_a_first_reminder_set_starts_the_checks(qtbot: QtBot, tmp_path: Path) -> None:
    made = Harness(qtbot, tmp_path, tray=False, at=datetime(2026, 3, 2, 17, 50, tzinfo=BERLIN))
    (tmp_path / "routines" / "knee.smroutine").unlink()  # no plan: nothing to remind of
    made.presenter.start()
    assert not made.presenter.active and not made.presenter.timer.isActive()
    assert made.presenter.menu.next_action.text() == "No reminder set"
    from selfmassage.core.schedule import Reminder

    made.presenter.set_reminders([Reminder("", datetime(2026, 1, 1, 18, 0).time())])
    assert made.presenter.active and made.presenter.timer.isActive()
    assert made.presenter.menu.next_action.text() == "Next reminder: a self-massage, today at 18:00"
    made.run(timedelta(minutes=10))
    assert made.presenter.due is not None and made.presenter.due.routine == ""
    assert made.presenter.bar.label.text() == "Time for a self-massage"
    with qtbot.waitSignal(made.presenter.build_requested):
        made.presenter.start_today()  # any routine, none done yet: build one from Home
    assert made.window.isVisible()  # Start opens the window
    made.store.close()
