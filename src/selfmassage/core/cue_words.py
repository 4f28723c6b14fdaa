"""How the timeline's cues are worded: the place in lay words, a step's heading, the
announcement, the side switch, the seconds left; and how long a voice takes to say it.

Split from core/timeline.py, which lays these words out in time (and re-exports them).
"""

from __future__ import annotations

import re

from selfmassage.core.anatomy import RegionSide, Side, region
from selfmassage.core.routine import Step, StepSide, Tool
from selfmassage.core.words import spoken_duration, spoken_place, switch_words


def spoken_seconds(text: str, words_per_minute: float) -> float:
    """An estimate of how long a voice takes to say ``text``; pauses at full stops count."""
    words = len(text.split())
    stops = len(re.findall(r"[.!?;:](\s|$)", text))
    return words * 60.0 / words_per_minute + 0.15 * stops + 0.1


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _tool_words(tool: Tool) -> str:
    return "by hand" if tool is Tool.HANDS else tool.label.lower()


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
        return "slow breathing"
    reg = region(step.region)
    if side is not None:
        return RegionSide(reg.id, side).label.lower()
    if reg.sided and step.side is StepSide.BOTH:
        return reg.name.split(" (")[0].lower()
    if reg.sided and step.side is not None:
        return RegionSide(reg.id, Side(step.side.value)).label.lower()
    return reg.name.split(" (")[0].lower()


def step_title(step: Step, side: Side | None = None) -> str:
    """The step's heading on screen: its own name, or the place it works on."""
    return step.name.strip() or capital(place_words(step, side))


def announce_text(step: Step, side: Side | None, start_line: str) -> str:
    place = capital(said_place(step, side))
    head = f"{place}, {_tool_words(step.tool)}."
    name = step.name.strip()
    if name and name.lower() != place.lower():
        head = f"{name}. {head}"
    return f"{head} {start_line}".strip()


def switch_text(side: Side, region_id: str = "") -> str:
    """ "Switch to your right foot." (a hand, an arm, a leg, or the side of the body)."""
    return switch_words(region_id, side.value)


def remaining_text(seconds: int) -> str:
    return f"{capital(spoken_duration(seconds))} left."


FINISH_TEXT = "Well done. That is the end of your routine."
HALFWAY_TEXT = "Halfway."
