"""What a breathing step says, and when: its get-ready line and a cue at each phase.

The timeline (core/timeline.py) lays these out like every other cue; this module only
knows the breath. Each cue's moment is the step's start plus a whole number of seconds
from ``breath_moments``, so ten minutes of breathing keep their time to the second.
"""

from __future__ import annotations

from dataclasses import dataclass

from selfmassage.core.breathing import BreathPhase, BreathSound, breath_moments
from selfmassage.core.language import _
from selfmassage.core.routine import Step

TONES = {BreathPhase.IN: "breath-in", BreathPhase.OUT: "breath-out"}
"""The soft tones of the phases, by the timeline's beep names; a hold has none."""


@dataclass(frozen=True, slots=True)
class BreathCue:
    at: float
    """Seconds from the start of the routine."""
    phase: BreathPhase
    text: str
    """Shown on screen; said when ``voice``."""
    voice: bool
    beep: str | None
    first: bool = False
    """The first phase of the step: it starts the step, as a step's announcement does."""


def breathing_title(step: Step) -> str:
    return step.name.strip() or _("Slow breathing")


def breathing_announcement(step: Step) -> str:
    """What comes, said before it starts: "Slow breathing: in for 4, out for 6."."""
    pattern = step.breathing
    assert pattern is not None, "only for breathing steps"
    if pattern.hold:
        # Translators: said before a breathing step: "Slow breathing: in for 4, hold for 2,
        # out for 6." (seconds)
        text = _("{name}: in for {inhale}, hold for {hold}, out for {exhale}.")
    else:
        text = _("{name}: in for {inhale}, out for {exhale}.")
    return text.format(
        name=breathing_title(step), inhale=pattern.inhale, hold=pattern.hold, exhale=pattern.exhale
    )


def breath_cues(
    step: Step, start: float, sound: BreathSound, *, announced: bool
) -> tuple[BreathCue, ...]:
    """A cue at the start of every phase of a breathing step that starts at ``start``
    seconds of the routine. Unless the pause before has ``announced`` it, the first cue
    names the step too."""
    pattern = step.breathing
    assert pattern is not None, "only for breathing steps"
    words = sound is BreathSound.WORDS
    cues: list[BreathCue] = []
    for moment in breath_moments(pattern, step.seconds):
        text = moment.phase.word
        first = not cues
        if first:
            text = (
                _("Breathe in.")
                if announced
                else _("{name}. Breathe in.").format(name=breathing_title(step))
            )
        beep = None if words else TONES.get(moment.phase)
        voice = words or (first and not announced)
        cues.append(BreathCue(start + moment.at, moment.phase, text, voice, beep, first))
    return tuple(cues)
