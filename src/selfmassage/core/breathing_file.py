"""What version 2 of the routine file adds: breathing steps and the routine's cue style.

``routine_file`` reads and writes the rest; the rules of these keys are here, so the
version-1 reader stays exactly as it was.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from selfmassage.core.breathing import (
    HOLD_MAX,
    HOLD_MIN,
    IN_MAX,
    IN_MIN,
    OUT_MAX,
    OUT_MIN,
    BreathPattern,
)
from selfmassage.core.document_check import DocumentCheck
from selfmassage.core.language import _
from selfmassage.core.routine import CueStyle, Routine, Step, breathing_step
from selfmassage.core.words import in_sentence

BREATHING_VERSION = 2
"""The first version of the routine file that holds breathing steps and a cue style."""

KINDS = ("massage", "breathing")
CUE_STYLES = tuple(style.value for style in CueStyle)
BREATHING_STEP_KEYS = ("kind", "seconds", "pattern", "name", "instructions")
PATTERN_KEYS = ("in", "hold", "out")


def needs_version(routine: Routine) -> int:
    """The lowest version that holds the routine: 2 only for what version 1 lacks."""
    if routine.cues is not CueStyle.FULL or any(step.is_breathing for step in routine.steps):
        return BREATHING_VERSION
    return 1


def step_kind(check: DocumentCheck, path: str, value: Mapping[str, Any]) -> str | None:
    """The step's ``kind``: "massage" when absent, None when wrong."""
    if "kind" not in value:
        return "massage"
    return check.choice(f"{path}.kind", value, KINDS, _("kind of step"))


def check_cue_style(check: DocumentCheck, document: Mapping[str, Any]) -> CueStyle:
    style = check.choice("$.cues", document, CUE_STYLES, _("cue style"))
    return CueStyle(style) if style is not None else CueStyle.FULL


def check_breathing_step(
    check: DocumentCheck,
    path: str,
    value: Mapping[str, Any],
    seconds_range: tuple[int, int],
    text_limits: tuple[int, int],
) -> Step | None:
    """A step with ``"kind": "breathing"``; its other keys were warned of by the caller."""
    lowest, highest = seconds_range
    name_max, instructions_max = text_limits
    seconds = check.integer(f"{path}.seconds", value, lowest, highest, required=True)
    pattern = _pattern(check, f"{path}.pattern", value)
    name = check.text(f"{path}.name", value, name_max)
    instructions = check.text(f"{path}.instructions", value, instructions_max)
    if seconds is None or pattern is None:
        return None
    return breathing_step(seconds, pattern, name, instructions)


def _pattern(check: DocumentCheck, path: str, step: Mapping[str, Any]) -> BreathPattern | None:
    value = check.json_object(path, step, PATTERN_KEYS, required=True)
    if value is None:
        return None
    inhale = check.integer(f"{path}.in", value, IN_MIN, IN_MAX, required=True)
    hold = check.integer(f"{path}.hold", value, HOLD_MIN, HOLD_MAX)
    exhale = check.integer(f"{path}.out", value, OUT_MIN, OUT_MAX, required=True)
    if inhale is None or exhale is None:
        return None
    return BreathPattern(inhale, hold or 0, exhale)


def breathing_step_document(step: Step, name: str, instructions: str) -> dict[str, Any]:
    pattern = step.breathing
    assert pattern is not None, "only for breathing steps"
    shape: dict[str, Any] = {"in": pattern.inhale}
    if pattern.hold:
        shape["hold"] = pattern.hold
    shape["out"] = pattern.exhale
    return {
        "kind": "breathing",
        "seconds": step.seconds,
        "pattern": shape,
        "name": name,
        "instructions": instructions,
    }


def default_breathing_name(step: Step) -> str:
    return _("Slow breathing")


def default_breathing_instructions(step: Step) -> str:
    pattern = step.breathing
    assert pattern is not None, "only for breathing steps"
    return _(
        "Sit or lie comfortably. Breathe gently through your nose: {pattern}. "
        "Let the out-breath be slow and easy; stop if you feel dizzy."
    ).format(pattern=in_sentence(pattern.describe()))
