"""The "Voice and cues" dialog: voice, rate, volume, a test button, cue level, countdown.

Thin: it edits a core.voice.VoiceSettings. The voices come from the speech engine
through set_voices(), asynchronously; "Test voice" only asks, through test_requested.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from selfmassage.core.language import N_, _, ngettext, pgettext, speaking
from selfmassage.core.timeline import CountdownStyle, CueLevel
from selfmassage.core.voice import (
    RATE_MAX,
    RATE_MIN,
    TRANSITION_MAX,
    TRANSITION_MIN,
    Voice,
    VoiceOptions,
    VoiceSettings,
    speaks,
    voices_for,
)

SAMPLE_TEXT = N_(
    "Your left calf, foam roller. Sit with the roller under your calf. Ten seconds left."
)
"""Said by Test voice, in the language of the routine in play (else the app's)."""

CUE_LEVELS: tuple[tuple[CueLevel, str], ...] = (
    (CueLevel.FULL, N_("Full: every cue is spoken")),
    (CueLevel.MINIMAL, N_("Minimal: what to do, switch sides, next, finish")),
    (CueLevel.BEEPS, N_("Beeps only: no voice")),
    (CueLevel.SILENT, N_("Silent: cues on screen only")),
)


def countdowns() -> tuple[tuple[CountdownStyle, str], ...]:
    """The countdown choices, in the language in force."""
    return (
        (CountdownStyle.BEEPS, pgettext("countdown", "Beeps")),
        (CountdownStyle.WORDS, _("Words (“three, two, one”)")),
        (CountdownStyle.OFF, pgettext("countdown", "Off")),
    )


def native_language_name(tag: str) -> str:
    """A language tag as the people who speak it name the language: "Deutsch" for de,
    "Österreichisches Deutsch" for de-AT; "" when Qt does not know it."""
    locale = QLocale(tag.replace("-", "_"))
    if locale.language() in (QLocale.Language.C, QLocale.Language.AnyLanguage):
        return ""
    if "-" not in tag and "_" not in tag:
        # A bare language: not the variant of its first country ("American English").
        locale = QLocale(locale.language(), QLocale.Country.World)
    return locale.nativeLanguageName()


def language_words(tag: str) -> str:
    """The language's own name with the tag, "Deutsch — de"; the tag alone when Qt does
    not know it."""
    name = native_language_name(tag)
    return f"{name} — {tag}" if name else tag


def _plain(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def _rate_words(rate: int) -> str:
    return ngettext("{n} word a minute", "{n} words a minute", rate).format(n=rate)


def _percent(value: int) -> str:
    # Translators: a volume in percent ("35 %"); the language's own spacing.
    return _("{percent} %").format(percent=value)


class VoiceSettingsDialog(QDialog):
    test_requested = Signal(str, object)
    """The sample text and the VoiceOptions as set in the dialog, not yet saved."""

    def __init__(
        self,
        settings: VoiceSettings,
        language: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Voice and cues"))
        self.setObjectName("voiceSettingsDialog")
        self.setAccessibleName(_("Voice and cues"))
        self._settings = settings.checked()
        self._language = language or None
        self._voices: list[Voice] = []
        self._problem = ""

        self.voice_box = QComboBox()
        self.voice_box.setAccessibleName(_("Voice"))
        self.voice_box.setMinimumContentsLength(28)
        self.only_language = QCheckBox(
            _("Only voices for this routine's language ({language})").format(
                language=language_words(language or "")
            )
        )
        self.only_language.setAccessibleName(_("Only voices for the routine's language"))
        self.only_language.setChecked(bool(self._language))
        self.only_language.setVisible(bool(self._language))
        self.only_language.toggled.connect(self._fill_voices)
        self.voice_status = _plain(_("Looking for voices…"))
        self.voice_status.setObjectName("voiceStatus")
        self.voice_status.setWordWrap(True)

        self.rate_slider = QSlider(Qt.Orientation.Horizontal)
        self.rate_slider.setRange(RATE_MIN, RATE_MAX)
        self.rate_slider.setSingleStep(5)
        self.rate_slider.setPageStep(20)
        self.rate_slider.setAccessibleName(_("Speaking rate, words a minute"))
        self.rate_label = _plain("")
        self.rate_slider.valueChanged.connect(
            lambda value: self.rate_label.setText(_rate_words(value))
        )
        self.volume_slider = QSlider(Qt.Orientation.Horizontal)
        self.volume_slider.setRange(0, 100)
        self.volume_slider.setSingleStep(5)
        self.volume_slider.setPageStep(10)
        self.volume_slider.setAccessibleName(_("Volume, percent"))
        self.volume_label = _plain("")
        self.volume_slider.valueChanged.connect(
            lambda value: self.volume_label.setText(_percent(value))
        )
        self.test_button = QPushButton(_("&Test voice"))
        self.test_button.setAccessibleName(_("Test voice"))
        self.test_button.setToolTip(_("Say a sample cue with these settings"))
        self.test_button.clicked.connect(self._test)

        self.level_box = QComboBox()
        self.level_box.setAccessibleName(_("Cue level"))
        for level, text in CUE_LEVELS:
            self.level_box.addItem(_(text), level.value)
        self.countdown_box = QComboBox()
        self.countdown_box.setAccessibleName(_("Countdown"))
        for style, text in countdowns():
            self.countdown_box.addItem(text, style.value)
        self.transition_spin = QSpinBox()
        self.transition_spin.setRange(TRANSITION_MIN, TRANSITION_MAX)
        # Translators: after a number of seconds in a spin box ("10 s").
        self.transition_spin.setSuffix(_(" s"))
        self.transition_spin.setAccessibleName(_("Get-ready before each step, seconds"))
        self.transition_spin.setToolTip(
            _("Before each step, the first too: time to hear it and get into position")
        )

        form = QFormLayout()
        form.addRow(_("&Voice:"), self.voice_box)
        form.addRow("", self.only_language)
        form.addRow("", self.voice_status)
        form.addRow(_("&Rate:"), self._row(self.rate_slider, self.rate_label))
        form.addRow(_("V&olume:"), self._row(self.volume_slider, self.volume_label))
        form.addRow("", self.test_button)
        form.addRow(_("&Cues:"), self.level_box)
        form.addRow(_("Co&untdown:"), self.countdown_box)
        form.addRow(_("Get-re&ady:"), self.transition_spin)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

        self._show(self._settings)
        self._fill_voices()

    @staticmethod
    def _row(slider: QSlider, label: QLabel) -> QWidget:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(slider, 1)
        label.setMinimumWidth(label.fontMetrics().horizontalAdvance(_rate_words(RATE_MAX)))
        layout.addWidget(label)
        return row

    def _show(self, settings: VoiceSettings) -> None:
        self.rate_slider.setValue(settings.rate)
        self.rate_label.setText(_rate_words(settings.rate))
        volume = round(settings.volume * 100)
        self.volume_slider.setValue(volume)
        self.volume_label.setText(_percent(volume))
        self.level_box.setCurrentIndex(max(0, self.level_box.findData(settings.cue_level)))
        self.countdown_box.setCurrentIndex(max(0, self.countdown_box.findData(settings.countdown)))
        self.transition_spin.setValue(settings.transition_seconds)

    # Voices ----------------------------------------------------------------------------------

    def set_voices(self, voices: list[Voice]) -> None:
        """The engine's voices have arrived (an empty list when it has none or failed)."""
        self._voices = list(voices)
        if not voices and not self._problem:
            self.voice_status.setText(_("No voices found: cues will use the default voice."))
        self._fill_voices()

    def set_voice_problem(self, reason: str) -> None:
        self._problem = reason
        self.voice_status.setText(_("Voice unavailable: {reason}").format(reason=reason))

    def _fill_voices(self) -> None:
        chosen = self.selected_voice() if self.voice_box.count() else self._settings.voice
        language = self._language if self.only_language.isChecked() else None
        shown = voices_for(self._voices, language)
        self.voice_box.blockSignals(True)
        self.voice_box.clear()
        self.voice_box.addItem(_("Default voice"), "")
        for voice in shown:
            self.voice_box.addItem(voice.label, voice.id)
        if chosen and self.voice_box.findData(chosen) < 0:
            # Keep the saved choice even when the engine does not (or not yet) list it.
            known = next((v for v in self._voices if v.id == chosen), None)
            label = known.label if known else _("{voice} (not found)").format(voice=chosen)
            self.voice_box.addItem(label, chosen)
        self.voice_box.setCurrentIndex(max(0, self.voice_box.findData(chosen)))
        self.voice_box.blockSignals(False)
        if self._voices:
            self.voice_status.setText(self._voice_note(language, shown))

    def _voice_note(self, language: str | None, shown: list[Voice]) -> str:
        n = len(shown)
        if language and not any(speaks(voice, language) for voice in shown):
            name = native_language_name(language)
            if not name:
                return ngettext(
                    "No voice speaks “{tag}”: the {n} voice is listed.",
                    "No voice speaks “{tag}”: all {n} voices are listed.",
                    n,
                ).format(tag=language, n=n)
            return ngettext(
                "No voice speaks “{tag}” ({language}): the {n} voice is listed.",
                "No voice speaks “{tag}” ({language}): all {n} voices are listed.",
                n,
            ).format(tag=language, language=name, n=n)
        return ngettext("{n} voice.", "{n} voices.", n).format(n=n)

    # Values ----------------------------------------------------------------------------------

    def selected_voice(self) -> str:
        return str(self.voice_box.currentData() or "")

    def voice_options(self) -> VoiceOptions:
        return VoiceOptions.checked(
            self.selected_voice(), self.rate_slider.value(), self.volume_slider.value() / 100
        )

    def voice_settings(self) -> VoiceSettings:
        options = self.voice_options()
        return VoiceSettings(
            voice=options.voice,
            rate=options.rate,
            volume=options.volume,
            cue_level=str(self.level_box.currentData()),
            countdown=str(self.countdown_box.currentData()),
            transition_seconds=self.transition_spin.value(),
        ).checked()

    def _test(self) -> None:
        # The sample is said as the routine's cues would be: in its language.
        with speaking(self._language):
            sample = _(SAMPLE_TEXT)
        self.test_requested.emit(sample, self.voice_options())
