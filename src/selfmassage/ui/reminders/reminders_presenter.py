"""Reminders for the composition root: the tray, notifications, the Today card, snooze.

The schedule is core/schedule.py's ``Reminders``; this asks it, from a timer, whether a
reminder is due (never waiting more than a minute, so a sleep or a clock change is seen
soon), and shows what it answers: a notification from the tray icon (the desktop's own
service), or, where the desktop has no tray, a bar in the window, which then says so.
No notification during a session. What was handled and what is snoozed is kept in the
settings, so a reminder missed while the app was closed is caught up once at its start.
"""

from __future__ import annotations

import logging
import time as time_module
from collections.abc import Callable
from datetime import UTC, datetime, time, tzinfo
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QLocale, QObject, Qt, QTime, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication

from selfmassage.core.language import N_, _
from selfmassage.core.shown_text import for_window
from selfmassage.ui import dialogs
from selfmassage.ui.reminders.today_card import TodayCard

if TYPE_CHECKING:
    from datetime import date

    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QSystemTrayIcon, QToolBar

    from selfmassage.core.autostart import Autostart
    from selfmassage.core.history import HistoryStore
    from selfmassage.core.library import Library
    from selfmassage.core.routine import Routine, Schedule
    from selfmassage.core.schedule import Due, Reminder, Reminders
    from selfmassage.core.settings import Settings
    from selfmassage.core.today import Today
    from selfmassage.ui.main_window import MainWindow
    from selfmassage.ui.reminders.reminders_dialog import RemindersDialog
    from selfmassage.ui.reminders.tray import ReminderBar, ReminderMenu

log = logging.getLogger(__name__)

NO_TRAY = N_("This desktop has no system tray: reminders show in this window while it is open.")


def _day(moment: datetime) -> str:
    """The short name of the day, in the locale's words: "Mon"."""
    return QLocale().toString(QDate(moment.year, moment.month, moment.day), "ddd")


def _time(moment: datetime) -> str:
    """The time of day, on the 24-hour clock the reminders are set in: "18:00"."""
    return QLocale().toString(QTime(moment.hour, moment.minute), "HH:mm")


class SystemClock:
    """The wall clock (aware, UTC) and the monotonic clock; tests give a fake one."""

    def wall(self) -> datetime:
        return datetime.now(UTC)

    def monotonic(self) -> float:
        return time_module.monotonic()


class RemindersPresenter(QObject):
    start_requested = Signal(object)
    """The Routine to run now (the app rates, then starts it)."""
    build_requested = Signal()
    """A reminder for any routine: build one from the Home page."""

    def __init__(
        self,
        window: MainWindow,
        settings: Settings,
        save_settings: Callable[[], None],
        *,
        library: Callable[[], Library],
        history_store: Callable[[], HistoryStore | None],
        session_active: Callable[[], bool],
        icon: Callable[[], QIcon],
        clock: SystemClock | None = None,
        zone: tzinfo | None = None,
        tray: bool | None = None,
        autostart: Autostart | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.settings = settings
        self.save_settings = save_settings
        self.library = library
        """The routines, when asked: the Library is read after the first paint."""
        self.history_store = history_store
        self.session_active = session_active
        self.icon = icon
        self.clock = clock or SystemClock()
        self._zone = zone
        self._has_tray = tray
        self._autostart = autostart
        self.quitting = False
        self.due: Due | None = None
        self.today: Today | None = None
        self.dialog: RemindersDialog | None = None
        self._done: dict[str, frozenset[date]] | None = None

        self.card = TodayCard()
        self.card.start_requested.connect(self.start_today)
        self.card.reminders_requested.connect(self.open_dialog)
        # The tray's menu and the bar in the window are made when first needed (after the
        # first paint, by ``start``): the first screen shows neither.
        self._menu: ReminderMenu | None = None
        self.tray: QSystemTrayIcon | None = None
        self._bar: ReminderBar | None = None
        self._toolbar: QToolBar | None = None
        window.add_close_guard(self.may_close)
        self.action = QAction(_("&Reminders…"), window)
        self.action.triggered.connect(self.open_dialog)

        self._reminders: Reminders | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.check)

    # What shows reminders, made when first needed -------------------------------------

    @property
    def has_tray(self) -> bool:
        """Whether the desktop has a system tray (asking the desktop is left until needed)."""
        if self._has_tray is None:
            from selfmassage.ui.reminders.tray import tray_available

            self._has_tray = tray_available()
        return self._has_tray

    @property
    def menu(self) -> ReminderMenu:
        """The tray icon's menu (made whether or not there is a tray: see ui/reminders/tray)."""
        if self._menu is None:
            from selfmassage.ui.reminders.tray import ReminderMenu

            self._menu = menu = ReminderMenu(self)
            menu.start_requested.connect(self.start_today)
            menu.snooze_requested.connect(self.snooze)
            menu.open_requested.connect(self.open_window)
            menu.quit_requested.connect(self.quit)
            menu.set_snoozable(self.due is not None)
            if self.today is not None:
                self._fill_menu(self.today, self.clock.wall())
        return self._menu

    @property
    def bar(self) -> ReminderBar:
        """The reminder inside the window, in a tool bar at the top, hidden until one comes."""
        return self._bar_in_toolbar()[0]

    @property
    def toolbar(self) -> QToolBar:
        return self._bar_in_toolbar()[1]

    def _bar_in_toolbar(self) -> tuple[ReminderBar, QToolBar]:
        if self._bar is None or self._toolbar is None:
            from PySide6.QtWidgets import QToolBar

            from selfmassage.ui.reminders.tray import ReminderBar

            self._bar = bar = ReminderBar()
            bar.start_requested.connect(self.start_today)
            bar.snooze_requested.connect(self.snooze)
            bar.dismissed.connect(self.dismiss)
            self._toolbar = toolbar = QToolBar(_("Reminder"), self.window)
            toolbar.setObjectName("reminderToolBar")
            toolbar.setMovable(False)
            toolbar.addWidget(bar)
            toolbar.hide()
            self.window.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
        return self._bar, self._toolbar

    # State -------------------------------------------------------------------------------
    # The schedule and the history's queries are made after the first paint (start): the
    # first screen needs neither.

    @property
    def zone(self) -> tzinfo:
        if self._zone is None:
            from selfmassage.core.schedule import system_zone

            self._zone = system_zone()
        return self._zone

    @property
    def autostart(self) -> Autostart:
        if self._autostart is None:
            from selfmassage.core.autostart import Autostart

            self._autostart = Autostart.here()
        return self._autostart

    @property
    def reminders(self) -> Reminders:
        if self._reminders is None:
            from selfmassage.core.schedule import Reminders

            snooze = self.settings.reminder_snooze
            self._reminders = Reminders(
                [],
                self.zone,
                self._done_days,
                last_checked=_moment(self.settings.reminders_checked_at),
                snoozed_until=_moment(snooze.get("until", "")),
                snoozed_routine=snooze.get("routine", ""),
                snoozed_from=_moment(snooze.get("from", "")),
            )
        return self._reminders

    def plans(self) -> dict[str, Schedule]:
        """The person's prescribed plans, by title."""
        return {
            entry.routine.title: entry.routine.schedule
            for entry in self.library().user_entries()
            if entry.routine is not None and entry.routine.schedule is not None
        }

    def routine_named(self, title: str) -> Routine | None:
        """The routine of that title, the person's own first, then the built-in ones."""
        library = self.library()
        for entry in library.user_entries():
            if entry.routine is not None and entry.routine.title == title:
                return entry.routine
        builtin = library.builtin_named(title)  # its title in any language
        return builtin.routine if builtin is not None else None

    def routine_titles(self) -> list[str]:
        titles = [entry.title for entry in self.library().entries() if entry.routine is not None]
        return list(dict.fromkeys(titles))

    def active_plan_routine(self) -> Routine | None:
        """The routine of the plan the person is on, for the Routine page after a restart."""
        from selfmassage.core.today import active_plan

        title = active_plan(
            self.plans(), self._done_days, self.clock.wall().astimezone(self.zone).date()
        )
        return self.routine_named(title) if title else None

    def personal_reminders(self) -> list[Reminder]:
        from selfmassage.core.schedule import Reminder

        found: list[Reminder] = []
        for item in self.settings.reminders:
            hours, minutes = str(item["time"]).split(":")
            found.append(
                Reminder(
                    str(item["routine"]), time(int(hours), int(minutes)), frozenset(item["days"])
                )
            )
        return found

    @property
    def active(self) -> bool:
        """Reminders are on and there is something to remind of (never before start)."""
        if self._reminders is None:
            return False
        return self.settings.reminders_on and bool(self._reminders.rules)

    def _done_days(self, title: str) -> frozenset[date]:
        if self._done is None:
            from selfmassage.core.today import done_days_by_routine

            store = self.history_store()
            self._done = done_days_by_routine(store.conn) if store is not None else {}
        return self._done.get(title, frozenset())

    def history_changed(self) -> None:
        self._done = None
        self.refresh()

    def start(self) -> None:
        """After the history and the library are read: the first check, then the timer."""
        self.refresh()
        self.check()
        if self.active and not self.has_tray:
            self.window.statusBar().showMessage(_(NO_TRAY), 15000)

    def refresh(self) -> None:
        """Rebuild the rules from the settings and the plans; show the card and the menu."""
        from selfmassage.core.schedule import rules_for
        from selfmassage.core.today import today_view

        plans = dict(self.plans())
        self.reminders.rules = rules_for(self.personal_reminders(), plans)
        wall = self.clock.wall()
        store = self.history_store()
        last = None
        if store is not None:
            from selfmassage.core.history_queries import list_sessions

            sessions = list_sessions(store.conn, 1)
            last = sessions[0] if sessions else None
        self.today = today_view(self.reminders, plans, last, wall)
        self.card.show_today(self.today)
        if self._menu is not None:
            self._fill_menu(self.today, wall)
        self._show_tray(self.active and self.has_tray)
        if self.active and not self.timer.isActive():
            # Reminders just became due to check (a plan opened, a reminder set).
            self.timer.start(1000)

    def _fill_menu(self, today: Today, wall: datetime) -> None:
        self.menu.set_today(today.due, today.routine)
        self.menu.set_next(self.next_text(wall))

    def next_text(self, wall: datetime) -> str:
        if not self.active:
            return _("Reminders are off") if self.reminders.rules else _("No reminder set")
        upcoming = self.reminders.next_time(wall)
        if upcoming is None:
            return _("No reminder this week")
        moment, routine = upcoming
        local = moment.astimezone(self.zone)
        at = _time(local)
        if local.date() == wall.astimezone(self.zone).date():
            if routine:
                return _("Next reminder: {title}, today at {time}").format(title=routine, time=at)
            return _("Next reminder: a self-massage, today at {time}").format(time=at)
        day = _day(local)
        if routine:
            # Translators: {day} is a weekday, shortened ("Wed").
            return _("Next reminder: {title}, {day} at {time}").format(
                title=routine, day=day, time=at
            )
        return _("Next reminder: a self-massage, {day} at {time}").format(day=day, time=at)

    def _show_tray(self, shown: bool) -> None:
        if shown and self.tray is None:
            from selfmassage.ui.reminders.tray import make_tray_icon

            self.tray = make_tray_icon(self.menu, self.icon(), self)
            self.tray.activated.connect(self._tray_activated)
            self.tray.messageClicked.connect(self.open_window)
        if self.tray is not None:
            self.tray.setVisible(shown)

    # The clock ---------------------------------------------------------------------------

    def check(self) -> Due | None:
        """Ask the schedule; show a reminder if one is due; arm the timer for the next."""
        self.timer.stop()
        wall = self.clock.wall()
        due = self.reminders.check(wall, self.clock.monotonic())
        if self.reminders.clock_jumped:
            log.info("the clock jumped (a sleep or a change of time): reminders rechecked")
            self._done = None
        if due is not None and self.active:
            self.show_due(due)
        if self.active:
            self.timer.start(int(self.reminders.seconds_to_next_check(wall) * 1000))
        return due if self.active else None

    def show_due(self, due: Due) -> None:
        self.due = due
        self._remember()
        self.refresh()
        name = due.routine or "a self-massage"  # for the log
        text = self._due_text(due)
        self.card.show_reminder(text)
        if self._menu is not None:
            self._menu.set_snoozable(True)
        if self.session_active():
            log.info("reminder for %s kept quiet: a session is running", name)
            return
        if self.tray is not None and self.tray.isVisible():
            from selfmassage.ui.reminders.tray import notify

            week = self.today.week if self.today is not None else ""
            notify(self.tray, for_window(f"{text}. {week}" if week else text))
        else:
            self.bar.show_reminder(text)
            self.toolbar.show()
            QApplication.alert(self.window)
        if self.settings.reminder_sound:
            QApplication.beep()

    def snooze(self, minutes: int) -> None:
        """Put the reminder shown off: ``minutes``, or 0 for tomorrow at its time."""
        from selfmassage.core.schedule import Due

        routine = self.today.routine if self.today is not None else None
        due = self.due or Due(routine or "", self.clock.wall())
        until = self.reminders.snooze(due, self.clock.wall(), minutes=minutes, tomorrow=not minutes)
        self._clear_due()
        self._remember()
        self.refresh()
        local = until.astimezone(self.zone)
        self.window.statusBar().showMessage(
            # Translators: {day} is a weekday, shortened ("Mon"); {time} the time of day.
            _("Reminder snoozed until {day} {time}").format(day=_day(local), time=_time(local)),
            8000,
        )
        self.check()

    def _due_text(self, due: Due) -> str:
        """ "Time for Knee plan", with the reminder's time when it comes late."""
        if not due.late:
            if due.routine:
                return _("Time for {title}").format(title=due.routine)
            return _("Time for a self-massage")
        at = _time(due.when.astimezone(self.zone))
        if due.routine:
            # Translators: a reminder shown late (the computer slept): the time it was set for.
            return _("Time for {title} (reminder of {time})").format(title=due.routine, time=at)
        return _("Time for a self-massage (reminder of {time})").format(time=at)

    def dismiss(self) -> None:
        self._clear_due()

    def _clear_due(self) -> None:
        self.due = None
        self.card.show_reminder("")
        if self._toolbar is not None:
            self._toolbar.hide()
        if self._menu is not None:
            self._menu.set_snoozable(False)

    def _remember(self) -> None:
        """Keep what was handled and what is snoozed, for the next start."""
        reminders = self.reminders
        if reminders.last_checked is not None:
            self.settings.reminders_checked_at = reminders.last_checked.isoformat()
        snooze: dict[str, str] = {}
        if reminders.snoozed_until is not None:
            snooze = {
                "routine": reminders.snoozed_routine,
                "until": reminders.snoozed_until.isoformat(),
            }
            if reminders.snoozed_from is not None:
                snooze["from"] = reminders.snoozed_from.isoformat()
        self.settings.reminder_snooze = snooze
        self.save_settings()

    # What the person asks for ------------------------------------------------------------

    def start_today(self) -> None:
        title = (self.due.routine if self.due else "") or (
            self.today.routine if self.today is not None else None
        )
        self._clear_due()
        self.open_window()
        routine = self.routine_named(title) if title else None
        if routine is None:
            self.build_requested.emit()
            return
        self.start_requested.emit(routine)

    def open_window(self) -> None:
        window = self.window
        window.show()
        window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
        window.raise_()
        window.activateWindow()

    def _tray_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        from selfmassage.ui.reminders.tray import clicked

        if clicked(reason):
            self.open_window()

    def quit(self) -> None:
        """Quit from the tray: the window's own questions (a session running, a routine
        not saved) are asked first."""
        self.quitting = True
        self.open_window()
        if self.window.close():
            QApplication.quit()
        else:
            self.quitting = False

    def may_close(self) -> bool:
        """The window's close guard: with reminders on and a tray, closing may keep the
        app in the tray (asked once)."""
        if self.quitting or not self.active or not self.has_tray:
            return True
        if self.settings.keep_in_tray == "":
            keep = dialogs.ask(
                self.window,
                _("Keep reminding?"),
                _(
                    "Keep SelfMassage running in the tray, so that your reminders come when "
                    "the window is closed? You can quit it from the tray icon's menu."
                ),
                _("Keep running"),
                cancel=_("Quit"),
                object_name="keepInTray",
            )
            self.settings.keep_in_tray = "yes" if keep else "no"
            self.save_settings()
        if self.settings.keep_in_tray != "yes":
            return True
        QApplication.setQuitOnLastWindowClosed(False)
        self.window.hide()
        self.save_settings()
        return False

    # Setting reminders ------------------------------------------------------------------

    def open_dialog(self) -> RemindersDialog:
        from selfmassage.ui.reminders.reminders_dialog import RemindersDialog

        dialog = RemindersDialog(
            self.personal_reminders(),
            self.routine_titles(),
            reminders_on=self.settings.reminders_on,
            sound=self.settings.reminder_sound,
            start_with_computer=self.settings.start_with_computer,
            parent=self.window,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.changed.connect(lambda: self._dialog_changed(dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _dialog_changed(self, dialog: RemindersDialog) -> None:
        self.set_reminders(dialog.reminders())
        self.settings.reminders_on = dialog.on_box.isChecked()
        self.settings.reminder_sound = dialog.sound_box.isChecked()
        wanted = dialog.autostart_box.isChecked()
        if wanted != self.settings.start_with_computer and not self.set_start_with_computer(wanted):
            dialog.autostart_box.blockSignals(True)
            dialog.autostart_box.setChecked(not wanted)
            dialog.autostart_box.blockSignals(False)
        self.save_settings()
        self.refresh()
        self.check()

    def set_reminders(self, reminders: list[Reminder]) -> None:
        self.settings.reminders = [
            {"routine": r.routine, "days": sorted(r.days), "time": r.at.strftime("%H:%M")}
            for r in reminders
        ]
        self.save_settings()
        self.refresh()

    def set_start_with_computer(self, on: bool) -> bool:
        """Write or remove the login entry; False (and the person told) if refused."""
        from selfmassage.core.autostart import AutostartError

        try:
            self.autostart.switch(on)
        except AutostartError as error:
            dialogs.tell(self.window, _("Start with the computer"), str(error))
            return False
        self.settings.start_with_computer = on
        self.save_settings()
        return True

    def plan_opened(self, routine: Routine) -> None:
        """A plan came in: remind of it, and offer to start with the computer."""
        self.refresh()
        if routine.schedule is None or self.settings.start_with_computer:
            return
        dialogs.offer(
            self.window,
            _("Start with the computer?"),
            _(
                "SelfMassage will remind you of “{title}”. Start it when you log in, so "
                "the reminders come even if you do not open it?"
            ).format(title=for_window(routine.title)),
            _("Start with the computer"),
            self._start_with_computer,
            cancel=_("Not now"),
            object_name="offerAutostart",
        )

    def _start_with_computer(self) -> None:
        self.set_start_with_computer(True)


def _moment(text: str) -> datetime | None:
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None
