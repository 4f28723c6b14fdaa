"""The Session page's words: where the person is, with what, what comes next, and the
session's clock; each a whole phrase in the app's language (no Qt)."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from selfmassage.core.anatomy import Side
from selfmassage.core.language import N_, _, ngettext
from selfmassage.core.timeline import SegmentKind, step_title
from selfmassage.core.tools import Pressure
from selfmassage.core.words import clock_readout

if TYPE_CHECKING:
    from selfmassage.core.routine import Step
    from selfmassage.core.session import Progress
    from selfmassage.core.timeline import Segment

PRESSURE_WORDS = {
    Pressure.LIGHT: N_("light pressure"),
    Pressure.MODERATE: N_("moderate pressure"),
    Pressure.FIRM: N_("firm pressure"),
}
SIDE_WORDS = {Side.LEFT: N_("left side"), Side.RIGHT: N_("right side")}
"""Beside the step: the side being worked now."""
SWITCH_WORDS = {
    Side.LEFT: N_("Switch to your left side"),
    Side.RIGHT: N_("Switch to your right side"),
    None: N_("Switch to your other side"),
}
SEPARATOR = " · "


def side_words(side: Side | None) -> str:
    """ " · left side" to follow the step, or "" for a midline region."""
    return SEPARATOR + _(SIDE_WORDS[side]) if side is not None else ""


def tool_words(step: Step, side: Side | None) -> str:
    """The tool and pressure, or the breathing pattern; then the side."""
    if step.breathing is not None:
        words = step.breathing.describe()
    else:
        words = step.tool.label
        if step.pressure is not None:
            words += SEPARATOR + _(PRESSURE_WORDS[step.pressure])
    return words + side_words(side)


def where_words(segment: Segment, steps: int) -> str:
    """ "Step 2 of 5 · left side"; "Get ready for step 2 of 5" before it."""
    number = segment.step_index + 1
    if segment.kind is SegmentKind.TRANSITION:
        # "Get ready for step 2" already says it comes next; the step after it waits
        # for the step itself, so the screen has one "next" only.
        return _("Get ready for step {number} of {steps}").format(number=number, steps=steps)
    step_of = _("Step {number} of {steps}").format(number=number, steps=steps)
    if segment.kind is SegmentKind.SWITCH_SIDE:
        return step_of
    return step_of + side_words(segment.side)


def switch_words(side: Side | None) -> str:
    return _(SWITCH_WORDS[side])


def next_up_words(steps: tuple[Step, ...], step_index: int, kind: SegmentKind) -> str:
    """What comes after this step ("" while getting ready for it)."""
    after = step_index + 1
    if kind is SegmentKind.TRANSITION:
        return ""
    if after >= len(steps):
        return _("Next up: the end — well done.")
    following = steps[after]
    return _("Next up: {step} · {tool}").format(step=step_title(following), tool=following.uses)


def seconds_left(seconds: int) -> str:
    return ngettext("{n} second left", "{n} seconds left", seconds).format(n=seconds)


def session_clock(progress: Progress) -> str:
    """ "02:10 of 09:30 · 07:20 left"."""
    # Translators: the session's clock: time done, of the whole, and the time left.
    return _("{done} of {total} · {left} left").format(
        done=clock_readout(progress.position),
        total=clock_readout(progress.total),
        left=clock_readout(math.ceil(progress.remaining - 1e-9)),
    )
