"""The Reminders dialog: the person's reminders ("Mon, Wed, Fri at 19:00" for a routine),
reminders on or off, their sound, and starting with the computer."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import time

from PySide6.QtCore import QLocale, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from selfmassage.core.language import N_, _, pgettext
from selfmassage.core.schedule import Reminder
from selfmassage.core.shown_text import for_window

ANY_ROUTINE = N_("Any routine")


class RemindersDialog(QDialog):
    changed = Signal()
    """Any change: the presenter reads ``reminders()`` and the check boxes, and saves."""

    def __init__(
        self,
        reminders: Sequence[Reminder],
        routines: Sequence[str],
        *,
        reminders_on: bool,
        sound: bool,
        start_with_computer: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("remindersDialog")
        self.setWindowTitle(_("Reminders"))
        self._reminders = list(reminders)
        self.list = QListWidget()
        self.list.setAccessibleName(_("Your reminders"))
        self.remove_button = QPushButton(_("Remove"))
        self.remove_button.clicked.connect(self._remove)

        self.routine_box = QComboBox()
        self.routine_box.setAccessibleName(_("Routine"))
        self.routine_box.addItem(_(ANY_ROUTINE), "")
        for title in routines:  # shown as the windows show file text; kept as it is
            self.routine_box.addItem(for_window(title), title)
        # Monday first, as the schedule counts them; the names in the locale's words.
        locale = QLocale()
        self.day_boxes = [
            QCheckBox(locale.dayName(day, QLocale.FormatType.ShortFormat)) for day in range(1, 8)
        ]
        self.time_edit = QTimeEdit(QTime(19, 0))
        self.time_edit.setDisplayFormat("HH:mm")
        self.time_edit.setAccessibleName(pgettext("time of day", "Time"))
        self.add_button = QPushButton(_("Add reminder"))
        self.add_button.clicked.connect(self._add)

        self.on_box = QCheckBox(_("Remind me (plans and the reminders above)"))
        self.on_box.setChecked(reminders_on)
        self.sound_box = QCheckBox(_("Play a sound with a reminder"))
        self.sound_box.setChecked(sound)
        self.autostart_box = QCheckBox(_("Start SelfMassage with the computer"))
        self.autostart_box.setChecked(start_with_computer)
        for box in (self.on_box, self.sound_box, self.autostart_box):
            box.toggled.connect(self.changed)

        days = QHBoxLayout()
        for box in self.day_boxes:
            days.addWidget(box)
        form = QGridLayout()
        form.addWidget(QLabel(_("Routine")), 0, 0)
        form.addWidget(self.routine_box, 0, 1)
        form.addWidget(QLabel(_("Days (none: every day)")), 1, 0)
        form.addLayout(days, 1, 1)
        form.addWidget(QLabel(pgettext("time of day", "Time")), 2, 0)
        form.addWidget(self.time_edit, 2, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addWidget(self.remove_button)
        layout.addLayout(form)
        layout.addWidget(self.add_button)
        for box in (self.on_box, self.sound_box, self.autostart_box):
            layout.addWidget(box)
        layout.addWidget(buttons)
        self._fill()

    def reminders(self) -> list[Reminder]:
        return list(self._reminders)

    def add(self, reminder: Reminder) -> None:
        self._reminders.append(reminder)
        self._fill()
        self.changed.emit()

    def _add(self) -> None:
        routine = str(self.routine_box.currentData() or "")
        chosen = self.time_edit.time()
        self.add(
            Reminder(
                routine,
                time(chosen.hour(), chosen.minute()),
                frozenset(day for day, box in enumerate(self.day_boxes) if box.isChecked()),
            )
        )

    def _remove(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self._reminders):
            del self._reminders[row]
            self._fill()
            self.changed.emit()

    def _fill(self) -> None:
        self.list.clear()
        for reminder in self._reminders:
            # Translators: a reminder in the list: the routine, then when ("Mon, Fri at 19:00").
            line = _("{title}: {when}").format(
                title=reminder.routine or _(ANY_ROUTINE), when=reminder.label
            )
            self.list.addItem(for_window(line))
        self.remove_button.setEnabled(bool(self._reminders))
