"""The tray icon and its menu, and the bar that takes their place where there is no tray.

The menu (next reminder, today's session, start it, snooze, open the window, quit) is
made whether or not the desktop has a tray: with a tray it is the icon's menu; without
one (some desktops, the offscreen platform of the tests) the same actions sit in a bar
at the top of the window, where reminders then come. All of it is made, and this module
loaded, when the reminders first need it, after the first paint.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSystemTrayIcon,
    QWidget,
)

from selfmassage.core.language import _, ngettext
from selfmassage.core.shown_text import for_window

SNOOZES = (15, 60)
"""The snoozes the menu offers, in minutes, with "Until tomorrow" after them."""


def snooze_words(minutes: int) -> str:
    """ "15 minutes", "1 hour": how long a snooze lasts."""
    if minutes % 60 == 0:
        hours = minutes // 60
        return ngettext("{n} hour", "{n} hours", hours).format(n=hours)
    return ngettext("{n} minute", "{n} minutes", minutes).format(n=minutes)


def snooze_button_words(minutes: int) -> str:
    """ "In 15 minutes", "In 1 hour": the bar's snooze buttons."""
    if minutes % 60 == 0:
        hours = minutes // 60
        return ngettext("In {n} hour", "In {n} hours", hours).format(n=hours)
    return ngettext("In {n} minute", "In {n} minutes", minutes).format(n=minutes)


class ReminderMenu(QObject):
    """The actions of the tray menu; the presenter connects to the signals."""

    start_requested = Signal()
    snooze_requested = Signal(int)
    """Minutes; 0 for until tomorrow (the reminder's time the next day)."""
    open_requested = Signal()
    quit_requested = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.menu = QMenu()
        self.menu.setObjectName("trayMenu")
        self.next_action = self.menu.addAction(_("No reminder set"))
        self.next_action.setEnabled(False)  # information, not a command
        self.today_action = self.menu.addAction(_("Nothing due today"))
        self.today_action.setEnabled(False)
        self.menu.addSeparator()
        self.start_action = self.menu.addAction(_("Start today's session"))
        self.start_action.triggered.connect(self.start_requested)
        self.snooze_menu = self.menu.addMenu(_("Snooze"))
        self.snooze_actions: list[QAction] = []
        for minutes in (*SNOOZES, 0):
            label = snooze_words(minutes) if minutes else _("Until tomorrow")
            action = self.snooze_menu.addAction(label)
            action.triggered.connect(
                lambda _checked=False, m=minutes: self.snooze_requested.emit(m)
            )
            self.snooze_actions.append(action)
        self.menu.addSeparator()
        self.open_action = self.menu.addAction(_("Open SelfMassage"))
        self.open_action.triggered.connect(self.open_requested)
        self.quit_action = self.menu.addAction(_("Quit"))
        self.quit_action.triggered.connect(self.quit_requested)
        self.set_snoozable(False)

    def set_next(self, text: str) -> None:
        self.next_action.setText(for_window(text))

    def set_today(self, text: str, routine: str | None) -> None:
        self.today_action.setText(for_window(text))
        self.start_action.setEnabled(routine is not None)
        self.start_action.setText(
            for_window(
                _("Start {title}").format(title=routine) if routine else _("Start today's session")
            )
        )

    def set_snoozable(self, snoozable: bool) -> None:
        """Snooze is there while a reminder is showing."""
        self.snooze_menu.setEnabled(snoozable)


class ReminderBar(QFrame):
    """A reminder inside the window: its text, Start, the snoozes and Dismiss."""

    start_requested = Signal()
    snooze_requested = Signal(int)
    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reminderBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(_("Reminder"))
        self.label = QLabel()
        self.label.setObjectName("reminderText")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.start_button = QPushButton(_("Start"))
        self.start_button.clicked.connect(self.start_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.start_button)
        self.snooze_buttons: list[QPushButton] = []
        for minutes in (*SNOOZES, 0):
            button = QPushButton(snooze_button_words(minutes) if minutes else _("Tomorrow"))
            button.clicked.connect(lambda _checked=False, m=minutes: self.snooze_requested.emit(m))
            layout.addWidget(button)
            self.snooze_buttons.append(button)
        self.dismiss_button = QPushButton(_("Dismiss"))
        self.dismiss_button.clicked.connect(self.dismissed)
        layout.addWidget(self.dismiss_button)

    def show_reminder(self, text: str) -> None:
        """The text; the window shows the bar (in a tool bar, which owns its visibility)."""
        self.label.setText(for_window(text))


def tray_available() -> bool:
    return QSystemTrayIcon.isSystemTrayAvailable()


def clicked(reason: QSystemTrayIcon.ActivationReason) -> bool:
    """Whether the tray icon's activation was a plain click (not its menu)."""
    return reason == QSystemTrayIcon.ActivationReason.Trigger


def notify(tray: QSystemTrayIcon, text: str) -> None:
    """A notification from the tray icon, by the desktop's own service."""
    tray.showMessage("SelfMassage", text, QSystemTrayIcon.MessageIcon.Information, 15000)


def make_tray_icon(menu: ReminderMenu, icon: QIcon, parent: QObject) -> QSystemTrayIcon:
    tray = QSystemTrayIcon(icon, parent)
    tray.setToolTip("SelfMassage")
    tray.setContextMenu(menu.menu)
    return tray
