"""The routine editor's form for the routine itself: title, author, notes for the
client, language, cue level, and the schedule.

The form shows a RoutineDraft and tells each change by a signal; the editor turns it
into an undoable edit of the draft and shows the result here again.
"""

from __future__ import annotations

import datetime

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from selfmassage.core.language import N_, _, ngettext, pgettext
from selfmassage.core.routine import CueStyle
from selfmassage.core.routine_draft import RoutineDraft
from selfmassage.ui.physio.editor_fields import mark, select_data, set_line, set_plain
from selfmassage.ui.physio.language_field import LanguageField
from selfmassage.ui.widgets.dates import from_qdate, to_qdate

CUE_STYLES = (
    (CueStyle.FULL, N_("Full: halfway, time left, beeps")),
    (CueStyle.CALM, N_("Calm: no countdown, no “halfway”")),
)


class RoutineForm(QWidget):
    """The routine's own fields. Each signal tells one change the person made."""

    edited = Signal(str, str)
    """A text field of the routine (title, author, description, language) and its text."""
    cues_chosen = Signal(object)
    """The routine's cue level, a CueStyle."""
    schedule_edited = Signal(int, int, object)
    """Times a week (0: no schedule), weeks (0: no end), the start date or None."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("title")
        self.title_edit.setAccessibleName(_("Title"))
        self.title_edit.setPlaceholderText(_("What the client sees, e.g. Post-run calves"))
        self.author_edit = QLineEdit()
        self.author_edit.setObjectName("author")
        self.author_edit.setAccessibleName(_("Author"))
        self.author_edit.setPlaceholderText(_("Your name and practice"))
        self.description_edit = QPlainTextEdit()
        self.description_edit.setObjectName("description")
        self.description_edit.setAccessibleName(_("Notes for the client"))
        self.description_edit.setTabChangesFocus(True)  # Tab is not a keyboard trap
        self.description_edit.setPlaceholderText(_("Notes for the client (plain text)"))
        self.description_edit.setMaximumHeight(90)
        self.language_field = LanguageField()
        self.language_box = self.language_field.combo

        self.cues_combo = QComboBox()
        self.cues_combo.setObjectName("cueStyle")
        self.cues_combo.setAccessibleName(_("Cue level"))
        self.cues_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.cues_combo.setMinimumContentsLength(20)  # the words are long: not wider than the form
        for style, words in CUE_STYLES:
            self.cues_combo.addItem(_(words), style.value)

        self.schedule_box = QGroupBox(_("Schedule"))
        self.schedule_box.setCheckable(True)
        self.schedule_box.setObjectName("schedule")
        self.schedule_box.setAccessibleName(_("Schedule"))
        self.times_spin = QSpinBox()
        self.times_spin.setRange(1, 14)
        self.times_spin.setAccessibleName(_("Times per week"))
        self.weeks_spin = QSpinBox()
        self.weeks_spin.setRange(0, 52)
        # Translators: a schedule's number of weeks when it has none: it goes on.
        self.weeks_spin.setSpecialValueText(_("no end"))
        self.weeks_spin.setAccessibleName(_("Number of weeks"))
        self.start_check = QCheckBox(_("Starts on"))
        self.start_check.setAccessibleName(_("Has a start date"))
        self.start_edit = QDateEdit()
        self.start_edit.setCalendarPopup(True)
        self.start_edit.setDisplayFormat("yyyy-MM-dd")
        self.start_edit.setAccessibleName(_("Start date"))
        schedule_form = QFormLayout(self.schedule_box)
        schedule_form.addRow(_("How often"), self.times_spin)
        # Translators: the schedule's length, before a number of weeks ("For 4 weeks").
        schedule_form.addRow(pgettext("schedule", "For"), self.weeks_spin)
        start_row = QHBoxLayout()
        start_row.addWidget(self.start_check)
        start_row.addWidget(self.start_edit, 1)
        schedule_form.addRow(start_row)

        form = QFormLayout()
        form.addRow(_("&Title"), self.title_edit)
        form.addRow(_("&Author"), self.author_edit)
        form.addRow(_("&Notes"), self.description_edit)
        form.addRow(_("&Language"), self.language_field)
        form.addRow(_("Cue le&vel"), self.cues_combo)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.schedule_box)

        self.title_edit.textEdited.connect(lambda text: self.edited.emit("title", text))
        self.author_edit.textEdited.connect(lambda text: self.edited.emit("author", text))
        self.language_field.chosen.connect(lambda tag: self.edited.emit("language", tag))
        self.description_edit.textChanged.connect(
            lambda: self.edited.emit("description", self.description_edit.toPlainText())
        )
        self.cues_combo.activated.connect(
            lambda _i: self.cues_chosen.emit(CueStyle(self.cues_combo.currentData()))
        )
        self.schedule_box.toggled.connect(lambda _on: self._schedule_changed())
        self.times_spin.valueChanged.connect(lambda _v: self._schedule_changed())
        self.weeks_spin.valueChanged.connect(lambda _v: self._schedule_changed())
        self.start_check.toggled.connect(lambda _on: self._schedule_changed())
        self.start_edit.dateChanged.connect(lambda _d: self._schedule_changed())
        self.times_spin.valueChanged.connect(lambda _v: self._schedule_words())
        self.weeks_spin.valueChanged.connect(lambda _v: self._schedule_words())
        self._schedule_words()

    def show_draft(self, draft: RoutineDraft) -> None:
        """Show the routine's own values, without telling them as edits."""
        set_line(self.title_edit, draft.title)
        set_line(self.author_edit, draft.author)
        self.language_field.show_language(draft.language)
        set_plain(self.description_edit, draft.description)
        select_data(self.cues_combo, draft.cues.value)
        with QSignalBlocker(self.schedule_box):
            self.schedule_box.setChecked(draft.times_per_week > 0)
        with QSignalBlocker(self.times_spin):
            self.times_spin.setValue(max(draft.times_per_week, 1))
        with QSignalBlocker(self.weeks_spin):
            self.weeks_spin.setValue(draft.weeks)
        with QSignalBlocker(self.start_check):
            self.start_check.setChecked(draft.start is not None)
        with QSignalBlocker(self.start_edit):
            start = draft.start or datetime.date.today()
            self.start_edit.setDate(to_qdate(start))
        self.start_edit.setEnabled(draft.start is not None)
        self._schedule_words()

    def fields(self) -> dict[str, QWidget]:
        """The field that holds each of the routine's values, by its name in the file."""
        return {
            "title": self.title_edit,
            "author": self.author_edit,
            "description": self.description_edit,
            "language": self.language_box,
            "cues": self.cues_combo,
            "times_per_week": self.times_spin,
            "weeks": self.weeks_spin,
            "start": self.start_edit,
        }

    def mark_problems(self, reasons: dict[str, str]) -> None:
        """Mark the text fields that have a problem: field name -> why (one per line)."""
        for name in ("title", "author", "description", "language"):
            mark(self.fields()[name], name in reasons, reasons.get(name, ""))

    def _schedule_changed(self) -> None:
        on = self.schedule_box.isChecked()
        start = from_qdate(self.start_edit.date()) if self.start_check.isChecked() else None
        self.schedule_edited.emit(
            self.times_spin.value() if on else 0,
            self.weeks_spin.value() if on else 0,
            start if on else None,
        )

    def _schedule_words(self) -> None:
        """The suffixes follow the numbers, "1 time a week" and "1 week" (also when the
        signals are blocked while a draft is shown)."""
        times, weeks = self.times_spin.value(), self.weeks_spin.value()
        # Translators: what follows the number in a box ("3 times a week"), with its space.
        self.times_spin.setSuffix(ngettext(" time a week", " times a week", times))
        # Translators: what follows the number in a box ("4 weeks"), with its space.
        self.weeks_spin.setSuffix(ngettext(" week", " weeks", weeks))
