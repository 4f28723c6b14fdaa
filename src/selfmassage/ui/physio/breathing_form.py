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
from selfmassage.core.routine_draft import (
    BREATHING_MINUTES,
    StepDraft,
    breathing_minutes,
    with_breathing_minutes,
    with_pattern,
)
from selfmassage.ui.physio.editor_fields import plain_label

OWN_PATTERN = ""
"""The pattern box's item for seconds set by hand."""


def pattern_words(pattern: BreathPattern) -> str:
    """ "4-2-6: in for 4 s, hold for 2 s, out for 6 s (5.0 a minute)"."""
    return f"{pattern.label}: {pattern.describe().lower()} ({pattern.per_minute:.1f} a minute)"


class BreathingFields(QWidget):
    """A breathing step's pattern (a common one, or in/hold/out seconds) and minutes."""

    changed = Signal(str, object)
    """What was set ("pattern" or "minutes") and the step (a StepDraft) with it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._step: StepDraft | None = None
        self.pattern_combo = QComboBox()
        self.pattern_combo.setObjectName("breathingPattern")
        self.pattern_combo.setAccessibleName("Breathing pattern")
        for pattern in COMMON_PATTERNS:
            self.pattern_combo.addItem(pattern_words(pattern), pattern.label)
        self.pattern_combo.addItem("Your own: set the seconds", OWN_PATTERN)
        self.in_spin = _seconds_spin("Seconds breathing in", IN_MIN, IN_MAX)
        self.hold_spin = _seconds_spin("Seconds holding", HOLD_MIN, HOLD_MAX)
        self.out_spin = _seconds_spin("Seconds breathing out", OUT_MIN, OUT_MAX)
        self.minutes_spin = QSpinBox()
        self.minutes_spin.setObjectName("breathingMinutes")
        self.minutes_spin.setAccessibleName("Minutes of breathing")
        self.minutes_spin.setRange(*BREATHING_MINUTES)
        self.minutes_spin.setSuffix(" min")
        self.minutes_hint = plain_label()
        self.minutes_hint.setObjectName("breathingMinutesHint")

        seconds_row = QHBoxLayout()
        for label, spin in (("In", self.in_spin), ("Hold", self.hold_spin)):
            seconds_row.addWidget(plain_label(label))
            seconds_row.addWidget(spin)
        seconds_row.addWidget(plain_label("Out"))
        seconds_row.addWidget(self.out_spin)
        seconds_row.addStretch(1)
        minutes_row = QHBoxLayout()
        minutes_row.addWidget(self.minutes_spin)
        minutes_row.addWidget(self.minutes_hint, 1)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("&Pattern", self.pattern_combo)
        form.addRow("", seconds_row)
        length = QLabel("Len&gth")  # a row of a layout has no buddy of its own
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
        hint = f"{low}–{high} minutes; {pattern.describe().lower()}."
        if step.seconds % 60:
            hint = f"The file says {step.seconds} s: a change sets whole minutes. {hint}"
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
        self.changed.emit("pattern", with_pattern(step, pattern))

    def _minutes_set(self, minutes: int) -> None:
        step = self._step
        if step is not None and step.breathing is not None:
            self.changed.emit("minutes", with_breathing_minutes(step, minutes))


def _seconds_spin(name: str, low: int, high: int) -> QSpinBox:
    spin = QSpinBox()
    spin.setAccessibleName(name)
    spin.setRange(low, high)
    spin.setSuffix(" s")
    return spin
