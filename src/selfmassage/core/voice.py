"""How cues become sound: the cue level rule, the voice options and choosing a voice.

Pure rules, so the player, the headless run and the tests agree on what is spoken,
what only beeps and what stays quiet.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from enum import StrEnum

log = logging.getLogger(__name__)

RATE_MIN = 80
RATE_MAX = 300
RATE_DEFAULT = 170
"""Words per minute: a little slower than eSpeak's 200, easier to follow lying down."""

TRANSITION_MIN = 0
TRANSITION_MAX = 60


class CueLevel(StrEnum):
    FULL = "full"
    """Every cue is spoken."""
    MINIMAL = "minimal"
    """Only what is needed with the eyes closed: what to do, when to switch, when done."""
    BEEPS = "beeps"
    """No voice: beeps at the start of each part, the countdown and the end."""
    SILENT = "silent"
    """Nothing is heard; cues are shown on screen only."""

    @classmethod
    def parse(cls, value: str) -> CueLevel:
        try:
            return cls(value)
        except ValueError:
            log.warning("unknown cue level %r; using full", value)
            return cls.FULL


class CountdownStyle(StrEnum):
    BEEPS = "beeps"
    WORDS = "words"

    @classmethod
    def parse(cls, value: str) -> CountdownStyle:
        try:
            return cls(value)
        except ValueError:
            log.warning("unknown countdown style %r; using beeps", value)
            return cls.BEEPS


class Sound(StrEnum):
    """The app's own beeps; each is assets/sounds/<value>.wav."""

    START = "start"
    TICK = "tick"
    FINISH = "finish"
    NOTICE = "notice"


@dataclass(frozen=True, slots=True)
class CueAction:
    """What to do with one cue: speak its text, play a beep, both or neither."""

    speak: bool = False
    beep: Sound | None = None

    @property
    def audible(self) -> bool:
        return self.speak or self.beep is not None


# Cue kinds, as the timeline names them.
ANNOUNCE = "announce"
CUSTOM = "custom"
PROMPT = "prompt"
HALFWAY = "halfway"
REMAINING = "remaining"
COUNTDOWN = "countdown"
SWITCH_SIDE = "switch-side"
NEXT = "next"
FINISH = "finish"

MINIMAL_KINDS = frozenset({ANNOUNCE, SWITCH_SIDE, FINISH})
"""At the minimal level only these are spoken; the countdown still beeps."""

_BEEPS: dict[str, Sound] = {
    ANNOUNCE: Sound.START,
    SWITCH_SIDE: Sound.START,
    COUNTDOWN: Sound.TICK,
    FINISH: Sound.FINISH,
}

_SILENT = CueAction()


def cue_action(kind: str, level: CueLevel, countdown: CountdownStyle) -> CueAction:
    """The rule for one cue kind at one cue level.

    A countdown "in beeps" ticks instead of speaking its number at every level that
    makes a sound; beeps-only keeps the start, tick and finish beeps and drops the rest.
    """
    if level is CueLevel.SILENT:
        return _SILENT
    if kind == COUNTDOWN and (countdown is CountdownStyle.BEEPS or level is CueLevel.BEEPS):
        return CueAction(beep=Sound.TICK)
    if level is CueLevel.BEEPS:
        beep = _BEEPS.get(kind)
        return CueAction(beep=beep) if beep else _SILENT
    if level is CueLevel.MINIMAL and kind not in MINIMAL_KINDS and kind != COUNTDOWN:
        return _SILENT
    return CueAction(speak=True)


def without_voice(action: CueAction, kind: str) -> CueAction:
    """The same cue when the voice is unavailable: a beep where words would have been."""
    if not action.speak:
        return action
    return CueAction(beep=action.beep or _BEEPS.get(kind, Sound.NOTICE))


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
    level: CueLevel = CueLevel.FULL
    countdown: CountdownStyle = CountdownStyle.BEEPS

    @classmethod
    def checked(
        cls, voice: str, rate: int, volume: float, level: str, countdown: str
    ) -> VoiceOptions:
        return cls(
            voice=voice.strip(),
            rate=min(max(int(rate), RATE_MIN), RATE_MAX),
            volume=min(max(float(volume), 0.0), 1.0),
            level=CueLevel.parse(level),
            countdown=CountdownStyle.parse(countdown),
        )


def checked_transition(seconds: int) -> int:
    return min(max(int(seconds), TRANSITION_MIN), TRANSITION_MAX)
