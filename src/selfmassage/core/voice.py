"""How cues become sound: the voice options, choosing a voice, and the beep fallback.

Which cues are spoken at each cue level is the timeline's rule (core/timeline.py); this
module only adds what the speech side decides, kept pure so it is tested without Qt.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from enum import StrEnum

from selfmassage.core.bounded import bounded_float, bounded_int
from selfmassage.core.timeline import Beep, CountdownStyle, CueLevel, options_from_settings

log = logging.getLogger(__name__)

RATE_MIN = 80
RATE_MAX = 300
RATE_DEFAULT = 170
"""Words per minute: a little slower than eSpeak's 200, easier to follow lying down."""

TRANSITION_MIN = 0
TRANSITION_MAX = 60


class Sound(StrEnum):
    """The app's own beeps; each is assets/sounds/<value>.wav.

    All but the notice are the timeline's beeps (core.timeline.Beep) by value.
    """

    START = Beep.START.value
    COUNTDOWN = Beep.COUNTDOWN.value
    FINISH = Beep.FINISH.value
    BREATH_IN = Beep.BREATH_IN.value
    BREATH_OUT = Beep.BREATH_OUT.value
    SOFT = Beep.SOFT.value
    NOTICE = "notice"
    """For a cue the voice could not say."""


def cue_sounds(
    voice: bool, beep: str | None, *, voice_available: bool
) -> tuple[Sound | None, bool]:
    """(the beep to play, whether to speak) for a timeline cue.

    The cue level is already applied by the timeline (core.timeline): this only decides
    what happens when the voice is unavailable, where a cue that would have been spoken
    still makes a sound: its own beep, or the notice beep.
    """
    sound = Sound(beep) if beep else None
    if voice and not voice_available:
        return sound or Sound.NOTICE, False
    return sound, voice


@dataclass(frozen=True, slots=True)
class Voice:
    """One voice of the speech engine."""

    id: str
    name: str
    languages: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        if not self.languages:
            return self.name
        return f"{self.name} ({', '.join(self.languages)})"


def primary_language(tag: str) -> str:
    """The language of a BCP 47 tag or an engine's locale: "en-GB" and "en_us" -> "en"."""
    return tag.strip().replace("_", "-").split("-", 1)[0].lower()


def speaks(voice: Voice, language: str | None) -> bool:
    """Whether a voice speaks a routine's language (any voice when it has none)."""
    if not language:
        return True
    wanted = primary_language(language)
    return any(primary_language(tag) == wanted for tag in voice.languages)


def voices_for(voices: list[Voice], language: str | None) -> list[Voice]:
    """The voices for a language, by name; all voices when none speaks it."""
    matching = [voice for voice in voices if speaks(voice, language)]
    return sorted(matching or voices, key=lambda voice: voice.name.casefold())


@dataclass(frozen=True, slots=True)
class VoiceOptions:
    """The voice settings, checked: out-of-range values from the file become sensible ones."""

    voice: str = ""
    """The engine's voice id; empty for the engine's default voice."""
    rate: int = RATE_DEFAULT
    volume: float = 1.0

    @classmethod
    def checked(cls, voice: str, rate: int, volume: float) -> VoiceOptions:
        """Out of range is brought into range; not a number (NaN, Infinity, text) is
        the default."""
        return cls(
            voice=voice.strip() if isinstance(voice, str) else "",
            rate=bounded_int(rate, RATE_MIN, RATE_MAX, RATE_DEFAULT),
            volume=bounded_float(volume, 0.0, 1.0, 1.0),
        )


@dataclass(frozen=True, slots=True)
class VoiceSettings:
    """Everything the "Voice and cues" dialog edits, as stored in the settings file."""

    voice: str = ""
    rate: int = RATE_DEFAULT
    volume: float = 1.0
    cue_level: str = CueLevel.FULL.value
    countdown: str = CountdownStyle.BEEPS.value
    transition_seconds: int = 10

    @property
    def options(self) -> VoiceOptions:
        return VoiceOptions.checked(self.voice, self.rate, self.volume)

    def checked(self) -> VoiceSettings:
        options = self.options
        pacing, cues = options_from_settings(
            self.cue_level, self.countdown, self.transition_seconds
        )
        return VoiceSettings(
            voice=options.voice,
            rate=options.rate,
            volume=options.volume,
            cue_level=cues.level.value,
            countdown=cues.countdown.value,
            transition_seconds=pacing.transition_seconds,
        )


def voice_for_language(voices: list[Voice], chosen: str, language: str | None) -> str:
    """The voice to speak a routine in: the chosen one if it speaks the routine's
    language (or the routine has none, or the engine's voices are not known), else the
    engine's best voice for that language: the exact tag first ("de-AT"), then any
    voice of the language ("de"). The chosen one when no voice speaks it."""
    if not language or not voices:
        return chosen
    current = next((voice for voice in voices if voice.id == chosen), None)
    if current is not None and speaks(current, language):
        return chosen
    tag = language.strip().replace("_", "-").lower()
    exact = [v for v in voices if any(t.replace("_", "-").lower() == tag for t in v.languages)]
    fitting = exact or [v for v in voices if speaks(v, language)]
    if not fitting:
        return chosen
    # The plainest voice first: "de" before "de-x-variant", then by name.
    return min(fitting, key=lambda v: (min(len(t) for t in v.languages), v.name)).id


def language_tag(tag: str) -> str:
    """A language tag in its usual spelling: "en_gb" -> "en-GB", "EN" -> "en"; a
    private-use tail ("en-gb-x-rp", an engine's variant) is left off."""
    parts = [part for part in tag.strip().replace("_", "-").split("-") if part]
    if "x" in (part.lower() for part in parts):
        parts = parts[: [part.lower() for part in parts].index("x")]
    if not parts:
        return ""
    spelled = [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 2 and part.isalpha():
            spelled.append(part.upper())  # a country
        elif len(part) == 4 and part.isalpha():
            spelled.append(part.title())  # a script
        else:
            spelled.append(part.lower())
    return "-".join(spelled)


def voice_languages(voices: list[Voice]) -> list[str]:
    """The languages the voices speak, as tags to choose from: each language ("en") and
    each of its regional forms a voice has ("en-GB"), once each, in tag order."""
    tags: set[str] = set()
    for voice in voices:
        for tag in voice.languages:
            spelled = language_tag(tag)
            if spelled:
                tags.add(spelled)
                tags.add(primary_language(spelled))
    return sorted(tags)


def has_voice(voices: list[Voice], language: str) -> bool:
    """Whether any voice speaks the language (its primary language, as for choosing)."""
    return bool(language) and any(speaks(voice, language) for voice in voices)
