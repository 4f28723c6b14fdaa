"""The "Breathing pacer" dialog: how long, which pattern, words or soft tones; Start.

Thin: it edits a ``core.breathing.PacerChoice``; the presenter starts the session.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from selfmassage.core.breathing import (
    DEFAULT_PATTERN,
    PACER_MINUTES_MAX,
    PACER_MINUTES_MIN,
    BreathSound,
    PacerChoice,
    parse_pattern,
)
from selfmassage.core.language import N_, _
from selfmassage.ui.breathing.pacer import BreathPacer

# The texts below are in English, marked for translation: shown as ``_(text)``.
PATTERNS: tuple[tuple[str, str], ...] = (
    ("4-6", N_("4-6: in 4 s, out 6 s (six breaths a minute)")),
    ("4-2-6", N_("4-2-6: in 4 s, hold 2 s, out 6 s (five a minute)")),
    ("5-5", N_("5-5: in 5 s, out 5 s (six a minute, even)")),
    ("3-5", N_("3-5: in 3 s, out 5 s (a quicker start)")),
    ("4-7-8", N_("4-7-8: in 4 s, hold 7 s, out 8 s")),
)
SOUNDS: tuple[tuple[BreathSound, str], ...] = (
    (BreathSound.WORDS, N_("The words “in” and “out”")),
    (BreathSound.TONES, N_("Soft tones")),
)
INTRO = N_(
    "Slow, easy breathing with a longer out-breath helps many people settle and relax. "
    "Breathe gently through your nose; if you feel dizzy, breathe normally."
)


class PacerDialog(QDialog):
    def __init__(self, choice: PacerChoice, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Breathing pacer"))
        self.setObjectName("pacerDialog")
        self.setAccessibleName(_("Breathing pacer"))

        intro = QLabel(_(INTRO))
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)

        self.minutes = QSpinBox()
        self.minutes.setObjectName("pacerMinutes")
        self.minutes.setAccessibleName(_("Minutes"))
        self.minutes.setRange(PACER_MINUTES_MIN, PACER_MINUTES_MAX)
        # Translators: after the number of minutes in a box: "5 min".
        self.minutes.setSuffix(_(" min"))
        self.minutes.setValue(min(max(choice.minutes, PACER_MINUTES_MIN), PACER_MINUTES_MAX))

        self.pattern = QComboBox()
        self.pattern.setObjectName("pacerPattern")
        self.pattern.setAccessibleName(_("Pattern"))
        for value, label in PATTERNS:
            self.pattern.addItem(_(label), value)
        if self.pattern.findData(choice.pattern.label) < 0:  # the person's own, kept
            self.pattern.addItem(choice.pattern.label, choice.pattern.label)
        self.pattern.setCurrentIndex(self.pattern.findData(choice.pattern.label))

        self.sound = QComboBox()
        self.sound.setObjectName("pacerSound")
        self.sound.setAccessibleName(_("Sound"))
        for sound, label in SOUNDS:
            self.sound.addItem(_(label), sound.value)
        self.sound.setCurrentIndex(self.sound.findData(choice.sound.value))

        self.preview = BreathPacer()
        self.preview.setObjectName("pacerPreview")
        self.preview.shape.setMinimumSize(140, 140)
        self.pattern.currentIndexChanged.connect(self._show_pattern)
        self._show_pattern()

        form = QFormLayout()
        form.addRow(_("&Minutes:"), self.minutes)
        form.addRow(_("&Pattern:"), self.pattern)
        form.addRow(_("&Sound:"), self.sound)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.start_button = buttons.addButton(
            _("Start breathing"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.start_button.setObjectName("pacerStart")
        self.start_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.preview, 1)
        layout.addWidget(buttons)

    def choice(self) -> PacerChoice:
        pattern = parse_pattern(str(self.pattern.currentData())) or DEFAULT_PATTERN
        return PacerChoice(self.minutes.value(), pattern, BreathSound.of(self.sound.currentData()))

    def _show_pattern(self) -> None:
        pattern = self.choice().pattern
        self.preview.set_pattern(pattern)
        self.preview.show_at(pattern.inhale * 0.6, self.minutes.value() * 60)
        self.preview.remaining.setText(pattern.describe())
