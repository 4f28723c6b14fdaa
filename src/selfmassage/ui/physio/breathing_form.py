"""The routine editor's fields for a breathing step: its pattern and its length.

Shown in the step form in place of region, side, tool, technique, seconds and pressure.
Each change is told by ``changed`` as the whole new step, made by the draft logic of
core/routine_draft.py (a new pattern may bring its instructions along: one edit).
"""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QLabel, QSpinBox, QWidget

from selfmassage.core.breathing import (
    COMMON_PATTERNS,
    HOLD_MAX,
    HOLD_MIN,
    IN_MAX,
    IN_MIN,
    OUT_MAX,
    OUT_MIN,
    BreathPattern,
)
from selfmassage.core.language import _, speaking
from selfmassage.core.routine_draft import (
    BREATHING_MINUTES,
    StepDraft,
    breathing_minutes,
    with_breathing_minutes,
    with_pattern,
)
from selfmassage.ui.history.locale_format import decimal
from selfmassage.ui.physio.editor_fields import lowered, plain_label

OWN_PATTERN = ""
"""The pattern box's item for seconds set by hand."""


def pattern_words(pattern: BreathPattern) -> str:
    """ "4-2-6: in for 4 s, hold for 2 s, out for 6 s (5.0 a minute)"."""
    # Translators: a breathing pattern in the list: "4-2-6: in for 4 s, hold for 2 s, out for
    # 6 s (5.0 a minute)" ({rate} is breaths a minute).
    return _("{pattern}: {how} ({rate} a minute)").format(
        pattern=pattern.label, how=lowered(pattern.describe()), rate=decimal(pattern.per_minute, 1)
    )


class BreathingFields(QWidget):
    """A breathing step's pattern (a common one, or in/hold/out seconds) and minutes."""

    changed = Signal(str, object)
    """What was set ("pattern" or "minutes") and the step (a StepDraft) with it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._step: StepDraft | None = None
        self.language = ""
        """The routine's language: a new pattern's instructions are written in it."""
        self.pattern_combo = QComboBox()
        self.pattern_combo.setObjectName("breathingPattern")
        self.pattern_combo.setAccessibleName(_("Breathing pattern"))
        for pattern in COMMON_PATTERNS:
            self.pattern_combo.addItem(pattern_words(pattern), pattern.label)
        self.pattern_combo.addItem(_("Your own: set the seconds"), OWN_PATTERN)
        self.in_spin = _seconds_spin(_("Seconds breathing in"), IN_MIN, IN_MAX)
        self.hold_spin = _seconds_spin(_("Seconds holding"), HOLD_MIN, HOLD_MAX)
        self.out_spin = _seconds_spin(_("Seconds breathing out"), OUT_MIN, OUT_MAX)
        self.minutes_spin = QSpinBox()
        self.minutes_spin.setObjectName("breathingMinutes")
        self.minutes_spin.setAccessibleName(_("Minutes of breathing"))
        self.minutes_spin.setRange(*BREATHING_MINUTES)
        # Translators: the unit after the minutes in a box, with its space: " min".
        self.minutes_spin.setSuffix(_(" min"))
        self.minutes_hint = plain_label()
        self.minutes_hint.setObjectName("breathingMinutesHint")

        seconds_row = QHBoxLayout()
        # Translators: labels of the seconds breathing in, holding and breathing out.
        for label, spin in ((_("In"), self.in_spin), (_("Hold"), self.hold_spin)):
            seconds_row.addWidget(plain_label(label))
            seconds_row.addWidget(spin)
        seconds_row.addWidget(plain_label(_("Out")))
        seconds_row.addWidget(self.out_spin)
        seconds_row.addStretch(1)
        minutes_row = QHBoxLayout()
        minutes_row.addWidget(self.minutes_spin)
        minutes_row.addWidget(self.minutes_hint, 1)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(_("&Pattern"), self.pattern_combo)
        form.addRow("", seconds_row)
        length = QLabel(_("Len&gth"))  # a row of a layout has no buddy of its own
        length.setBuddy(self.minutes_spin)
        form.addRow(length, minutes_row)

        self.pattern_combo.activated.connect(lambda _i: self._pattern_chosen())
        for spin in (self.in_spin, self.hold_spin, self.out_spin):
            spin.valueChanged.connect(lambda _v: self._seconds_set())
        self.minutes_spin.valueChanged.connect(self._minutes_set)

    def show_step(self, step: StepDraft) -> None:
        """Show a breathing step's pattern and length, without telling them as edits."""
        self._step = step
        pattern = step.breathing
        if pattern is None:
            return
        with QSignalBlocker(self.pattern_combo):
            index = self.pattern_combo.findData(pattern.label)
            if index < 0:
                index = self.pattern_combo.findData(OWN_PATTERN)
            self.pattern_combo.setCurrentIndex(index)
        for spin, value in (
            (self.in_spin, pattern.inhale),
            (self.hold_spin, pattern.hold),
            (self.out_spin, pattern.exhale),
        ):
            with QSignalBlocker(spin):
                spin.setValue(value)
        with QSignalBlocker(self.minutes_spin):
            self.minutes_spin.setValue(breathing_minutes(step))
        low, high = BREATHING_MINUTES
        hint = _("{low}–{high} minutes; {how}.").format(
            low=low, high=high, how=lowered(pattern.describe())
        )
        if step.seconds % 60:
            hint = _("The file says {seconds} s: a change sets whole minutes. {hint}").format(
                seconds=step.seconds, hint=hint
            )
        self.minutes_hint.setText(hint)

    def _pattern_chosen(self) -> None:
        label = str(self.pattern_combo.currentData() or "")
        chosen = next((p for p in COMMON_PATTERNS if p.label == label), None)
        if chosen is not None:
            self._tell_pattern(chosen)
        else:  # "your own": the seconds fields are where to set it
            self.in_spin.setFocus()

    def _seconds_set(self) -> None:
        pattern = BreathPattern(self.in_spin.value(), self.hold_spin.value(), self.out_spin.value())
        self._tell_pattern(pattern)

    def _tell_pattern(self, pattern: BreathPattern) -> None:
        step = self._step
        if step is None or step.breathing is None or step.breathing == pattern:
            return
        with speaking(self.language):  # the app's instructions for it, as the step's
            changed = with_pattern(step, pattern)
        self.changed.emit("pattern", changed)

    def _minutes_set(self, minutes: int) -> None:
        step = self._step
        if step is not None and step.breathing is not None:
            with speaking(self.language):
                changed = with_breathing_minutes(step, minutes)
            self.changed.emit("minutes", changed)


def _seconds_spin(name: str, low: int, high: int) -> QSpinBox:
    spin = QSpinBox()
    spin.setAccessibleName(name)
    spin.setRange(low, high)
    # Translators: the unit after the seconds in a box, with its space: " s".
    spin.setSuffix(_(" s"))
    return spin
