"""The routine editor's language: chosen from the languages a voice on this computer
speaks, so the routine's cues are said by a voice that knows them.

The voices come from the speech engine, off the GUI thread and only once an editor is
open (``set_voices``). Until then, or without an engine, the list holds what it can: no
language, English, and the file's own. A file's language that no voice speaks is kept,
and the note under the list says so.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, QSignalBlocker, Signal
from PySide6.QtWidgets import QComboBox, QVBoxLayout, QWidget

from selfmassage.core.language import N_, TRANSLATED, _, app_language
from selfmassage.core.voice import Voice, has_voice, language_tag, voice_languages
from selfmassage.ui.physio.editor_fields import plain_label

# Translators: "Voice and cues" is the name of the settings dialog for the voice.
NOT_SET = N_("Not set: the voice chosen in Voice and cues")
LOOKING = N_("Looking for the voices on this computer…")
NO_ENGINE = N_(
    "No speech engine on this computer: the languages with a voice cannot be listed. "
    "The routine keeps its language."
)
FALLBACK = ("en",)
"""What the list offers when the voices are not known: the cues' own language."""


def language_name(tag: str) -> str:
    """ "English (United Kingdom)" for en-GB in an English app, "anglais (Royaume-Uni)"
    in a French one (Babel's names, Qt has them only in English); the tag itself when
    neither knows the language."""
    if app_language() in TRANSLATED:
        named = _named_by_babel(tag, app_language())
        if named:
            return named
    locale = QLocale(tag.replace("-", "_"))
    if locale.language() in (QLocale.Language.C, QLocale.Language.AnyLanguage):
        return tag
    name = QLocale.languageToString(locale.language())
    if "-" in tag and locale.territory() != QLocale.Country.AnyCountry:
        name += f" ({QLocale.territoryToString(locale.territory())})"
    return name


def _named_by_babel(tag: str, language: str) -> str:
    """A language's name in ``language``, first letter capital as in a list; "" when
    Babel does not know the tag."""
    from babel import Locale  # here: the editor is opened long after start-up

    # From the names the app's language gives languages and countries: only the app's
    # own languages' data ships with the bundle, not every tag's.
    try:
        names = Locale.parse(language)
    except (ValueError, TypeError):  # UnknownLocaleError is a ValueError
        return ""
    code, _sep, rest = tag.replace("-", "_").partition("_")
    name = str(names.languages.get(code.lower()) or "")
    country = str(names.territories.get(rest.split("_")[0].upper()) or "") if rest else ""
    if name and country:
        name = f"{name} ({country})"
    return name[:1].upper() + name[1:]


def language_label(tag: str) -> str:
    name = language_name(tag)
    return tag if name == tag else f"{name} — {tag}"


class LanguageField(QWidget):
    """A list of languages and a note under it. ``chosen`` tells the tag picked ("" for
    none)."""

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.combo = QComboBox()
        # "Österreichisches Deutsch — de-AT" and longer: cut in the closed list only.
        self.combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.combo.setMinimumContentsLength(20)
        self.combo.setObjectName("language")
        self.combo.setAccessibleName(_("Language"))
        self.combo.setToolTip(
            _("<p>The language the texts are written in: it chooses the voice</p>")
        )
        self.note = plain_label(_(LOOKING))
        self.note.setObjectName("languageNote")
        self.voices: list[Voice] | None = None
        """The engine's voices; None while they are looked for."""
        self.language = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo)
        layout.addWidget(self.note)
        self.combo.activated.connect(lambda _i: self.chosen.emit(str(self.combo.currentData())))
        self._fill()

    def set_voices(self, voices: list[Voice]) -> None:
        """The engine's voices have come (an empty list: no engine, or it failed)."""
        self.voices = list(voices)
        self._fill()

    def show_language(self, tag: str) -> None:
        """Show the routine's language, without telling it as a choice."""
        if tag != self.language:
            self.language = tag
            self._fill()

    def tags(self) -> list[str]:
        """The languages offered, as tags ("" first: none)."""
        return [str(self.combo.itemData(i)) for i in range(self.combo.count())]

    def _fill(self) -> None:
        offered = voice_languages(self.voices) if self.voices else list(FALLBACK)
        own = self.language.strip()
        known = own in offered or language_tag(own) in offered
        with QSignalBlocker(self.combo):
            self.combo.clear()
            self.combo.addItem(_(NOT_SET), "")
            # By the language's name, each language before its regional forms.
            by_name = sorted(offered, key=lambda t: (language_name(t.split("-")[0]).casefold(), t))
            for tag in by_name:
                self.combo.addItem(language_label(tag), tag)
            if own and not known:
                voiced = bool(self.voices) and has_voice(self.voices or [], own)
                label = language_label(own)
                if self.voices and not voiced:
                    label = _("{language} (no voice on this computer)").format(language=label)
                self.combo.addItem(label, own)
            index = self.combo.findData(own) if own else 0
            if index < 0:
                index = self.combo.findData(language_tag(own))
            self.combo.setCurrentIndex(max(index, 0))
        self.note.setText(self._note(own))
        self.note.setVisible(bool(self.note.text()))

    def _note(self, own: str) -> str:
        if self.voices is None:
            return _(LOOKING)
        if not self.voices:
            return _(NO_ENGINE)
        if own and not has_voice(self.voices, own):
            # Translators: "Voice and cues" is the name of the settings dialog for the voice.
            return _(
                "No voice on this computer speaks {language} ({tag}): the routine keeps its "
                "language, and its cues are said in the voice chosen in Voice and cues."
            ).format(language=language_name(own), tag=own)
        return ""
