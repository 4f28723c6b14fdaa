"""Slow paced breathing: a pattern (in, hold, out seconds) and where in it a moment falls.

About six breaths a minute with the out-breath longer than the in-breath (4-6, 4-2-6)
is the usual calm pace. Every phase's start is a whole number of seconds from the
start of the breathing, computed as ``cycle * n + offset`` (never summed step by
step), so that ten minutes of breathing end on the second they should: no drift.
The pacer's shape and the "in"/"out" cues both come from here, so they agree.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from enum import StrEnum

from selfmassage.core.language import N_, _

BREATHING = "breathing"
"""A breathing step's place, where a massage step names its region: in the history, the
exports and the reports it reads "breathing", never a muscle."""

IN_MIN, IN_MAX = 2, 10
HOLD_MIN, HOLD_MAX = 0, 10
OUT_MIN, OUT_MAX = 2, 15
PACER_MINUTES_MIN, PACER_MINUTES_MAX = 1, 10


class BreathPhase(StrEnum):
    IN = "in"
    HOLD = "hold"
    OUT = "out"

    @property
    def label(self) -> str:
        """The phase as shown on the pacer: "Breathe in"."""
        return _(_LABELS[self])

    @property
    def word(self) -> str:
        """The phase as said: "In."."""
        return _(_WORDS[self])


_LABELS = {
    BreathPhase.IN: N_("Breathe in"),
    BreathPhase.HOLD: N_("Hold"),
    BreathPhase.OUT: N_("Breathe out"),
}
# Translators: the breathing pacer's spoken phases
_WORDS = {BreathPhase.IN: N_("In."), BreathPhase.HOLD: N_("Hold."), BreathPhase.OUT: N_("Out.")}


class BreathSound(StrEnum):
    """How the pacer's phases sound: the person's choice, a setting."""

    WORDS = "words"
    """The voice says "In." and "Out." (and "Hold.")."""
    TONES = "tones"
    """A soft rising tone for in, a soft falling one for out; a hold is silent."""

    @classmethod
    def of(cls, setting: str) -> BreathSound:
        """The setting's value; words for anything else."""
        return cls.TONES if setting == cls.TONES.value else cls.WORDS


@dataclass(frozen=True, slots=True)
class BreathPattern:
    """Seconds of breathing in, holding, breathing out."""

    inhale: int = 4
    hold: int = 0
    exhale: int = 6

    def __post_init__(self) -> None:
        if not (
            IN_MIN <= self.inhale <= IN_MAX
            and HOLD_MIN <= self.hold <= HOLD_MAX
            and OUT_MIN <= self.exhale <= OUT_MAX
        ):
            raise ValueError(f"not a breathing pattern: {self.inhale}-{self.hold}-{self.exhale}")

    @property
    def cycle(self) -> int:
        """Seconds of one breath."""
        return self.inhale + self.hold + self.exhale

    @property
    def phases(self) -> tuple[tuple[BreathPhase, int], ...]:
        """The phases of one breath with their seconds; a hold of 0 is left out."""
        phases = [(BreathPhase.IN, self.inhale), (BreathPhase.HOLD, self.hold)]
        phases.append((BreathPhase.OUT, self.exhale))
        return tuple((phase, seconds) for phase, seconds in phases if seconds > 0)

    @property
    def label(self) -> str:
        """As people write it: "4-6", "4-2-6"."""
        if self.hold:
            return f"{self.inhale}-{self.hold}-{self.exhale}"
        return f"{self.inhale}-{self.exhale}"

    @property
    def per_minute(self) -> float:
        return 60.0 / self.cycle

    def describe(self) -> str:
        """In words: "In for 4 s, out for 6 s"."""
        if self.hold:
            return _("In for {inhale} s, hold for {hold} s, out for {exhale} s").format(
                inhale=self.inhale, hold=self.hold, exhale=self.exhale
            )
        return _("In for {inhale} s, out for {exhale} s").format(
            inhale=self.inhale, exhale=self.exhale
        )


DEFAULT_PATTERN = BreathPattern(4, 0, 6)
"""Six breaths a minute, the out-breath longer."""

COMMON_PATTERNS = (
    DEFAULT_PATTERN,
    BreathPattern(4, 2, 6),
    BreathPattern(5, 0, 5),
    BreathPattern(3, 0, 5),
    BreathPattern(4, 7, 8),
)
"""The patterns offered first, as the pacer offers them; any other in range may be set."""

_PATTERN_TEXT = re.compile(r"\s*(\d{1,2})\s*-\s*(\d{1,2})(?:\s*-\s*(\d{1,2}))?\s*")


def parse_pattern(text: str) -> BreathPattern | None:
    """ "4-6" or "4-2-6" as a pattern; None for anything else (out of range too)."""
    match = _PATTERN_TEXT.fullmatch(text)
    if match is None:
        return None
    first, second, third = match.groups()
    numbers = (
        (int(first), 0, int(second)) if third is None else (int(first), int(second), int(third))
    )
    try:
        return BreathPattern(*numbers)
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class PacerChoice:
    """The breathing pacer's settings: how long, which pattern, words or tones."""

    minutes: int = 5
    pattern: BreathPattern = DEFAULT_PATTERN
    sound: BreathSound = BreathSound.WORDS


@dataclass(frozen=True, slots=True)
class BreathMoment:
    """A phase's start: ``at`` seconds from the start of the breathing."""

    at: int
    phase: BreathPhase
    seconds: int
    """How long the phase lasts (cut short at the end of the breathing)."""


def breath_moments(pattern: BreathPattern, seconds: int) -> tuple[BreathMoment, ...]:
    """Every phase that starts within ``seconds`` of breathing, in order. A phase that
    would start less than a second before the end is left out (nothing to do in it)."""
    moments: list[BreathMoment] = []
    for breath in range(math.ceil(seconds / pattern.cycle)):
        offset = breath * pattern.cycle
        for phase, length in pattern.phases:
            if seconds - offset >= 1:
                moments.append(BreathMoment(offset, phase, min(length, seconds - offset)))
            offset += length
    return tuple(moments)


@dataclass(frozen=True, slots=True)
class BreathState:
    """Where a moment falls in the breath: what the pacer draws."""

    phase: BreathPhase
    phase_elapsed: float
    phase_seconds: int
    fullness: float
    """0 (breathed out) to 1 (breathed in): the size of the pacer's shape."""

    @property
    def phase_remaining(self) -> float:
        return max(0.0, self.phase_seconds - self.phase_elapsed)


def breath_at(pattern: BreathPattern, elapsed: float) -> BreathState:
    """The phase at ``elapsed`` seconds of breathing, from the start, not counted up."""
    into = max(0.0, elapsed) % pattern.cycle
    for phase, length in pattern.phases:
        if into < length:
            return BreathState(phase, into, length, _fullness(phase, into / length))
        into -= length
    phase, length = pattern.phases[-1]  # only float rounding lands here
    return BreathState(phase, float(length), length, 0.0)


def _fullness(phase: BreathPhase, part: float) -> float:
    # A cosine ease: the shape starts and ends each phase slowly, as a breath does.
    eased = (1.0 - math.cos(math.pi * min(max(part, 0.0), 1.0))) / 2.0
    if phase is BreathPhase.IN:
        return eased
    if phase is BreathPhase.HOLD:
        return 1.0
    return 1.0 - eased
