"""The Home page's Today card: what is due, how the last session went, the week's progress,
and one button (or Ctrl+Return) that starts it. It shows a core.today.Today; the
presenter fills it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from selfmassage.core.language import _
from selfmassage.core.shown_text import for_window

if TYPE_CHECKING:
    from selfmassage.core.today import Today

START_SHORTCUT = "Ctrl+Return"


def _label(name: str, accessible: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)  # titles come from files
    label.setWordWrap(True)
    label.setAccessibleName(accessible)
    return label


class TodayCard(QFrame):
    start_requested = Signal()
    reminders_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("todayCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(_("Today"))
        heading = QLabel(_("Today"))
        heading.setObjectName("todayHeading")
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        self.due_label = _label("todayDue", _("Due today"))
        self.reminder_label = _label("todayReminder", _("Reminder"))
        self.reminder_label.hide()
        self.last_label = _label("todayLast", _("Last session"))
        self.week_label = _label("todayWeek", _("This week"))
        self.start_button = QPushButton(_("Start"))
        self.start_button.setObjectName("todayStart")
        shortcut = QKeySequence(START_SHORTCUT).toString(QKeySequence.SequenceFormat.NativeText)
        self.start_button.setToolTip(
            _("Start today's session ({shortcut})").format(shortcut=shortcut)
        )
        self.start_button.clicked.connect(self.start_requested)
        self.reminders_button = QPushButton(_("Reminders…"))
        self.reminders_button.setObjectName("todayReminders")
        self.reminders_button.clicked.connect(self.reminders_requested)
        # The whole window: Ctrl+Return starts today's session from any control of Home.
        self.shortcut = QShortcut(QKeySequence(START_SHORTCUT), self)
        self.shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        self.shortcut.activated.connect(self._shortcut)

        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.reminders_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        for widget in (
            heading,
            self.reminder_label,
            self.due_label,
            self.last_label,
            self.week_label,
        ):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        self.due_label.setText(_("Nothing due today"))
        self.last_label.setText("")
        self.week_label.hide()
        self.start_button.setEnabled(False)

    def show_today(self, today: Today) -> None:
        # Titles come from routine files: no bidi control reorders the card's words.
        self.due_label.setText(for_window(today.due))
        self.last_label.setText(for_window(today.last))
        self.week_label.setText(for_window(today.week))
        self.week_label.setVisible(bool(today.week))
        self.start_button.setEnabled(today.routine is not None)
        self.start_button.setText(
            for_window(
                # Translators: the button that starts today's routine, named.
                _("Start {title}").format(title=today.routine) if today.routine else _("Start")
            )
        )

    def show_reminder(self, text: str) -> None:
        """A reminder inside the window (no tray, or the window is open): in bold, first."""
        self.reminder_label.setText(for_window(text))
        font = self.reminder_label.font()
        font.setBold(True)
        self.reminder_label.setFont(font)
        self.reminder_label.setVisible(bool(text))

    def _shortcut(self) -> None:
        if self.isVisible() and self.start_button.isEnabled():
            self.start_requested.emit()
