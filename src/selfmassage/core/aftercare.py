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

from selfmassage.core.language import N_, _, ngettext, speaking
from selfmassage.core.session import StepOutcome
from selfmassage.core.words import in_sentence, listed, place_key_name

if TYPE_CHECKING:
    from selfmassage.core.routine import Routine
    from selfmassage.core.timeline import Timeline

SORE_RATING = 6
"""From this rating on, out of 10, a place counts as sore."""
LASTING_DAYS = 14
"""Sore for this long is worth showing to a clinician (core/lasting_soreness.py)."""

TITLE = N_("Looking after yourself")
"""Marked, in English: show ``_(TITLE)``."""

CARD: tuple[str, ...] = (
    N_(
        "Tomorrow, the places you worked may feel a little tender, as after exercise. That "
        "is normal and fades within a day or two."
    ),
    N_(
        "A bruise means the pressure was too much: leave that place alone until the bruise "
        "has gone, and go lighter next time."
    ),
    N_("Sleep, drinking enough and easy movement, such as a walk, help you recover."),
    N_(
        "Sharp pain, numbness or tingling, or swelling that grows, is not normal: stop, and "
        "ask a doctor or physiotherapist."
    ),
)
"""The card under the session's summary, one point a line (marked, in English)."""

SPOKEN = N_(
    "Some tenderness tomorrow is normal; a bruise means the pressure was too much. "
    "Sleep well, drink enough, and keep moving gently."
)
"""Said once, after the routine's last words (marked, in English)."""


def card_text() -> str:
    return "\n".join(f"• {_(line)}" for line in CARD)


def with_aftercare(timeline: Timeline) -> Timeline:
    """The timeline whose finish cue also says the aftercare line: rendered ahead and
    said after the end like every other cue, after the same beep."""
    finish = timeline.finish
    with speaking(timeline.routine.language):  # in the routine's language, as its cues
        spoken = _(SPOKEN)
    if spoken in finish.text or all(step.is_breathing for step in timeline.routine.steps):
        return timeline  # slow breathing alone leaves no place to mind tomorrow
    return replace(timeline, finish=replace(finish, text=f"{finish.text} {spoken}"))


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
    names = [place_key_name(places[0]), *(in_sentence(place_key_name(p)) for p in places[1:])]
    # Translators: {places}: one place ("Left calf") or several ("Left calf and neck")
    return ngettext(
        "{places} has been sore ({rating} out of 10 or more) for {time} or longer. "
        "Soreness that lasts this long is worth showing to a doctor or physiotherapist "
        "before you massage it again.",
        "{places} have been sore ({rating} out of 10 or more) for {time} or longer. "
        "Soreness that lasts this long is worth showing to a doctor or physiotherapist "
        "before you massage it again.",
        len(names),
    ).format(places=listed(names), rating=SORE_RATING, time=_weeks(LASTING_DAYS))


def _weeks(days: int) -> str:
    return _("two weeks") if days == 14 else ngettext("{n} day", "{n} days", days).format(n=days)
