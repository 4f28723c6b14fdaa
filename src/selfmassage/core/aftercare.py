"""What to know after a session: the card on the summary, the line the voice says at the
end, and the nudge to ask a clinician about a place that has stayed sore.

Only what the evidence for self-massage supports: some tenderness the next day is
common, a bruise means too much pressure, and sleep, drinking enough and easy movement
help recovery. Nothing here says massage flushes, detoxifies or breaks anything up.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from selfmassage.core.session import StepOutcome
from selfmassage.core.words import place_key_name

if TYPE_CHECKING:
    from selfmassage.core.routine import Routine
    from selfmassage.core.timeline import Timeline

SORE_RATING = 6
"""From this rating on, out of 10, a place counts as sore."""
LASTING_DAYS = 14
"""Sore for this long is worth showing to a clinician (core/lasting_soreness.py)."""

TITLE = "Looking after yourself"

CARD: tuple[str, ...] = (
    "Tomorrow, the places you worked may feel a little tender, as after exercise. That is "
    "normal and fades within a day or two.",
    "A bruise means the pressure was too much: leave that place alone until the bruise has "
    "gone, and go lighter next time.",
    "Sleep, drinking enough and easy movement, such as a walk, help you recover.",
    "Sharp pain, numbness or tingling, or swelling that grows, is not normal: stop, and ask a "
    "doctor or physiotherapist.",
)
"""The card under the session's summary, one point a line."""

SPOKEN = (
    "Some tenderness tomorrow is normal; a bruise means the pressure was too much. "
    "Sleep well, drink enough, and keep moving gently."
)
"""Said once, after the routine's last words."""


def card_text() -> str:
    return "\n".join(f"• {line}" for line in CARD)


def with_aftercare(timeline: Timeline) -> Timeline:
    """The timeline whose finish cue also says the aftercare line: rendered ahead and
    said after the end like every other cue, after the same beep."""
    finish = timeline.finish
    if SPOKEN in finish.text or all(step.is_breathing for step in timeline.routine.steps):
        return timeline  # slow breathing alone leaves no place to mind tomorrow
    return replace(timeline, finish=replace(finish, text=f"{finish.text} {SPOKEN}"))


def massaged(routine: Routine, outcomes: Mapping[int, StepOutcome]) -> bool:
    """True when a massage step (not breathing) got some of its time: only then is there
    a place to look after, and the card to show."""
    return any(
        outcome is not StepOutcome.SKIPPED and not routine.steps[index].is_breathing
        for index, outcome in outcomes.items()
        if index < len(routine.steps)
    )


def ask_a_clinician(places: Sequence[str]) -> str:
    """The nudge for places (``calves-left``, ``neck``) sore for two weeks; "" for none."""
    if not places:
        return ""
    names = [place_key_name(places[0]), *(place_key_name(p).lower() for p in places[1:])]
    if len(names) == 1:
        what, has = names[0], "has"
    else:
        what, has = ", ".join(names[:-1]) + " and " + names[-1], "have"
    return (
        f"{what} {has} been sore ({SORE_RATING} out of 10 or more) for "
        f"{_weeks(LASTING_DAYS)} or longer. Soreness "
        "that lasts this long is worth showing to a doctor or physiotherapist before you "
        "massage it again."
    )


def _weeks(days: int) -> str:
    return "two weeks" if days == 14 else f"{days} days"
