"""How the timeline's cues are worded: the place in lay words, a step's heading, the
announcement, the side switch, the seconds left; and how long a voice takes to say it.

Split from core/timeline.py, which lays these words out in time (and re-exports them).
"""

from __future__ import annotations

import re

from selfmassage.core.anatomy import RegionSide, Side, region
from selfmassage.core.language import N_, _
from selfmassage.core.routine import Step, StepSide, Tool
from selfmassage.core.words import in_sentence, spoken_duration, spoken_place, switch_words


def spoken_seconds(text: str, words_per_minute: float) -> float:
    """An estimate of how long a voice takes to say ``text``; pauses at full stops count."""
    words = len(text.split())
    stops = len(re.findall(r"[.!?;:](\s|$)", text))
    return words * 60.0 / words_per_minute + 0.15 * stops + 0.1


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _tool_words(tool: Tool) -> str:
    # Translators: how a step is done, said after the place ("Your left calf, by hand.")
    return _("by hand") if tool is Tool.HANDS else in_sentence(tool.label)


def said_place(step: Step, side: Side | None) -> str:
    """How the voice names the place: lay words ("the back of your left thigh"), where
    the screen shows the region's name ("Left hamstrings")."""
    if side is not None:
        return spoken_place(step.region, side.value)
    if step.side in (StepSide.LEFT, StepSide.RIGHT):
        return spoken_place(step.region, step.side.value)
    return spoken_place(step.region, None)


def place_words(step: Step, side: Side | None) -> str:
    """How the place is said: "left calf", "neck", "calves" (both sides at once)."""
    if step.is_breathing:
        return _("slow breathing")
    reg = region(step.region)
    if side is not None:
        return in_sentence(RegionSide(reg.id, side).label)
    if reg.sided and step.side is StepSide.BOTH:
        return in_sentence(reg.name.split(" (")[0])
    if reg.sided and step.side is not None:
        return in_sentence(RegionSide(reg.id, Side(step.side.value)).label)
    return in_sentence(reg.name.split(" (")[0])


def step_title(step: Step, side: Side | None = None) -> str:
    """The step's heading on screen: its own name, or the place it works on."""
    return step.name.strip() or capital(place_words(step, side))


def announce_text(step: Step, side: Side | None, start_line: str) -> str:
    place = capital(said_place(step, side))
    # Translators: a step's announcement: the place, and the tool ("Your left calf, foam
    # roller.")
    head = _("{place}, {tool}.").format(place=place, tool=_tool_words(step.tool))
    name = step.name.strip()
    if name and name.lower() != place.lower():
        head = f"{name}. {head}"
    return f"{head} {start_line}".strip()


def switch_text(side: Side, region_id: str = "") -> str:
    """ "Switch to your right foot." (a hand, an arm, a leg, or the side of the body)."""
    return switch_words(region_id, side.value)


def remaining_text(seconds: int) -> str:
    # Translators: a cue near a side's end: "Ten seconds left."
    return _("{time} left.").format(time=capital(spoken_duration(seconds)))


FINISH_TEXT = N_("Well done. That is the end of your routine.")
"""Marked, in English: say ``finish_text()``, in the language in force."""
HALFWAY_TEXT = N_("Halfway.")
"""Marked, in English: say ``halfway_text()``, in the language in force."""


def finish_text() -> str:
    return _(FINISH_TEXT)


def halfway_text() -> str:
    return _(HALFWAY_TEXT)
