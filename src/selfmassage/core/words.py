"""The user's words: every phrase the app builds from numbers, places and states.

Screens, PDFs and the command line say durations, counts, places, statuses and a file's
problems through these functions only, so each idea has one spelling everywhere ("9 min
5 s", "1 step", "Left calf"), translated into the language in force when called
(core/language.py). Plain Python: no Qt, no I/O.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING

from selfmassage.core.anatomy import is_region, region, side_label
from selfmassage.core.file_problems import MAX_LISTED_PROBLEMS as MAX_LISTED_PROBLEMS
from selfmassage.core.file_problems import FileProblems as FileProblems
from selfmassage.core.file_problems import cannot_save as cannot_save
from selfmassage.core.file_problems import file_problems as file_problems
from selfmassage.core.file_problems import newer_file as newer_file
from selfmassage.core.file_problems import problem_details as problem_details
from selfmassage.core.file_problems import problem_lines as problem_lines
from selfmassage.core.file_problems import problem_place as problem_place
from selfmassage.core.file_problems import problem_words as problem_words
from selfmassage.core.language import ENGLISH, N_, _, current_language, ngettext, pgettext

if TYPE_CHECKING:
    from selfmassage.core.routine import Schedule

# Time -----------------------------------------------------------------------------------


def duration(seconds: int) -> str:
    """A length of time to read: "0 s", "45 s", "1 min", "9 min 5 s", "1 h 2 min".

    Parts that are zero are left out; seconds are never padded ("5 s", not "05 s")."""
    seconds = max(0, int(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    parts = [_hours(hours)] if hours else []
    if minutes:
        parts.append(_minutes(minutes))
    if secs or not parts:
        parts.append(_seconds(secs))
    return " ".join(parts)


def _hours(hours: int | str) -> str:
    # Translators: a number of hours, short ("1 h 2 min")
    return _("{hours} h").format(hours=hours)


def _minutes(minutes: int | str) -> str:
    # Translators: a number of minutes, short ("9 min 5 s"); also "9.1 min"
    return _("{minutes} min").format(minutes=minutes)


def _seconds(seconds: int) -> str:
    # Translators: a number of seconds, short ("9 min 5 s")
    return _("{seconds} s").format(seconds=seconds)


def rounded_minutes(seconds: int) -> str:
    """A length of time at a glance, to the nearest minute: "11 min"; under a minute, the
    seconds ("45 s"), so a short routine never reads "0 min"."""
    seconds = max(0, int(seconds))
    if seconds < 60:
        return _seconds(seconds)
    return _minutes((seconds + 30) // 60)


def decimal(value: float, pattern: str = "0.0") -> str:
    """A number with a fixed count of decimals, the language's way: "9.1", "9,1"."""
    language = _babel_locale()
    if language is None:
        return format(value, f".{len(pattern.partition('.')[2])}f")
    # Loaded only here: babel's locale data must not slow the first paint.
    from babel.numbers import format_decimal

    return format_decimal(value, format=pattern, locale=language)


def minutes_and_tenths(seconds: float) -> str:
    """Time done, for tables and reports of many sessions: "9.1 min"."""
    return _minutes(decimal(max(0.0, seconds) / 60))


def _babel_locale() -> str | None:
    """The language to hand babel for dates and numbers; None for English (the standard
    library's own formats) and the pseudo-language."""
    language = current_language()
    return language if language in ("de", "fr", "es") else None


def short_date(moment: date) -> str:
    """A day at a glance: "Mon 05 Jan" ("Mo., 05. Jan." in German)."""
    locale = _babel_locale()
    if locale is None:
        return moment.strftime("%a %d %b")
    from babel.dates import format_date

    return format_date(moment, "EEE dd MMM", locale=locale)


def listed(names: Sequence[str]) -> str:
    """Names in a sentence: "A", "A and B", "A, B and C"."""
    if len(names) <= 1:
        return "".join(names)
    # Translators: the last two of a list of names: "Neck, left calf and right calf"
    return _("{names} and {last}").format(names=", ".join(names[:-1]), last=names[-1])


def clock_readout(seconds: float) -> str:
    """A clock readout, rounded down: "09:05", "1:02:03" past an hour."""
    whole = max(0, math.floor(seconds + 1e-9))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


_ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def spoken_number(n: int) -> str:
    """0–999 as a voice says it: 45 -> "forty-five", 120 -> "one hundred and twenty". In
    another language, the digits: the voice (espeak-ng) says them in its own language."""
    if current_language() != ENGLISH:
        return str(n)
    return _english_number(n)


def _english_number(n: int) -> str:
    if n < 20:
        return _ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")
    hundreds, rest = divmod(n, 100)
    return f"{_ONES[hundreds]} hundred" + (f" and {_english_number(rest)}" if rest else "")


def spoken_duration(seconds: int) -> str:
    """A length of time as a voice says it: 90 -> "one minute thirty seconds"."""
    minutes, secs = divmod(seconds, 60)
    parts = []
    if minutes:
        parts.append(
            ngettext("{n} minute", "{n} minutes", minutes).format(n=spoken_number(minutes))
        )
    if secs or not minutes:
        parts.append(ngettext("{n} second", "{n} seconds", secs).format(n=spoken_number(secs)))
    return " ".join(parts)


def schedule(plan: Schedule) -> str:
    """A prescribed schedule: "3 times a week for 4 weeks, from 2026-01-05"."""
    times = plan.times_per_week
    text = ngettext("{n} time a week", "{n} times a week", times).format(n=times)
    if plan.weeks:
        text = ngettext("{times} for {n} week", "{times} for {n} weeks", plan.weeks).format(
            times=text, n=plan.weeks
        )
    if plan.start is not None:
        # Translators: a schedule and the date it starts from
        text = _("{schedule}, from {date}").format(schedule=text, date=plan.start.isoformat())
    return text


# Places ---------------------------------------------------------------------------------


def in_sentence(name: str) -> str:
    """A name as it reads inside a sentence: "left calf" for "Left calf"; German keeps
    its capitals (nouns are written with one)."""
    return name if current_language() == "de" else name.lower()


def is_breathing(region_id: str) -> bool:
    """A breathing step's place (core/breathing.py, loaded here only when asked: the first
    screen names places but has no breathing step)."""
    from selfmassage.core.breathing import BREATHING

    return region_id == BREATHING


def region_name(region_id: str) -> str:
    """A region as listed: "Calves", "Neck"; an id the app does not know (from an older
    or newer file) as it is; a breathing step's place as "Breathing"."""
    if is_region(region_id):
        return region(region_id).name
    return _("Breathing") if is_breathing(region_id) else region_id


def place_name(region_id: str, side: str | None = None) -> str:
    """One place on the body: "Left calf" (a region with a side), "Neck", "Calves" (a
    sided region as a whole). ``side`` is "left", "right", or None; "both" names the
    region as a whole."""
    if not is_region(region_id):
        if is_breathing(region_id):
            return _("Breathing")
        if side == "left":
            # Translators: a place the app does not know (from a newer file), its left side
            return _("{place} (left)").format(place=region_id)
        if side == "right":
            return _("{place} (right)").format(place=region_id)
        return region_id if side in (None, "both") else f"{region_id} ({side})"
    reg = region(region_id)
    if side in ("left", "right") and reg.sided:
        return side_label(region_id, side)
    return reg.name


def view_title(view: str) -> str:
    """A body picture's view: "Front", "Back"."""
    if view == "front":
        return pgettext("body view", "Front")
    if view == "back":
        return pgettext("body view", "Back")
    return view.capitalize()


def side_word(side: str) -> str:
    """A side on its own, as a caption or a column: "Left", "Right"."""
    if side == "left":
        return pgettext("body side", "Left")
    if side == "right":
        return pgettext("body side", "Right")
    return side.capitalize()


def side_captions(view: str) -> tuple[str, str]:
    """The person's sides as a picture of this view shows them, its left edge first.

    The front view faces us, as if the person were facing you: their right is on the
    picture's left. The back view is seen from behind: their left is on the left.
    """
    left, right = side_word("left"), side_word("right")
    return (right, left) if view == "front" else (left, right)


def place_key_name(key: str) -> str:
    """A place written as a key in files and settings: ``calves-left`` -> "Left calf",
    ``neck`` -> "Neck"."""
    for side in ("left", "right"):
        if key.endswith(f"-{side}") and is_region(key[: -len(side) - 1]):
            return place_name(key[: -len(side) - 1], side)
    return place_name(key)


def step_place(region_id: str, side: str | None) -> str:
    """Where a step works: "Calves, both sides", "Left calf", "Neck"."""
    if side == "both" and is_region(region_id) and region(region_id).sided:
        return _("{region}, both sides").format(region=region(region_id).name)
    return place_name(region_id, side)


def step_side(side: str | None) -> str:
    """A step's side in a table column: "Left", "Right", "Both, left first", "—"."""
    if side is None:
        return "—"
    if side == "both":
        return _("Both, left first")
    return side_word(side)


def step_time(seconds: int, side: str | None) -> str:
    """How long a step runs: "45 s", "1 min 30 s each side"."""
    if side == "both":
        return _("{duration} each side").format(duration=duration(seconds))
    return duration(seconds)


# Sessions and steps ---------------------------------------------------------------------

_SESSION_STATUS = {
    "completed": N_("Completed"),
    "partly_done": N_("Partly done"),
    "stopped": N_("Stopped"),
    "interrupted": N_("Interrupted"),
    "running": N_("Running"),
}
_STEP_OUTCOME = {
    "completed": N_("done"),
    "ended_early": N_("ended early"),
    "skipped": N_("skipped"),
}
_FEELINGS = {
    1: N_("Much worse"),
    2: N_("Worse"),
    3: N_("The same"),
    4: N_("Better"),
    5: N_("Much better"),
}


def session_status(status: str) -> str:
    """How a session ended, as in the history list: "Completed", "Partly done" (the end
    reached, some steps ended early or skipped), "Stopped", "Interrupted", "Running"; a
    status the app does not know, as it is."""
    return _(_SESSION_STATUS[status]) if status in _SESSION_STATUS else status


def step_outcome(outcome: str | None) -> str:
    """What became of one step in a session: "done", "ended early", "skipped" or, when
    the session ended before it, "not reached"."""
    if outcome is None:
        return _("not reached")
    return _(_STEP_OUTCOME[outcome]) if outcome in _STEP_OUTCOME else outcome


def soreness_change(before: Mapping[str, int], after: Mapping[str, int]) -> str:
    """ "Soreness: Left calf 7 → 4 · Neck 3 → –", place by place; empty if none rated."""
    places = dict.fromkeys([*before, *after])
    parts = [f"{place_key_name(p)} {before.get(p, '–')} → {after.get(p, '–')}" for p in places]
    # Translators: soreness ratings before and after, place by place ("Left calf 7 → 4")
    return _("Soreness: {places}").format(places=" · ".join(parts)) if parts else ""


def feeling(rating: int) -> str:
    """The 1–5 answer to "how do you feel now?": "Much worse" … "Much better"."""
    return _(_FEELINGS[rating]) if rating in _FEELINGS else str(rating)


# Spoken places ---------------------------------------------------------------------------

# What the voice calls each region: lay words a tired listener knows, never the Latin
# name the screen shows beside the picture. (the left side, the right side, both at once:
# whole phrases, since "left" agrees with its noun in many languages)
_SPOKEN_PLACES: dict[str, tuple[str, str, str]] = {
    "neck": (
        N_("the back of your neck"),
        N_("the back of your neck"),
        N_("the back of your neck"),
    ),
    "upper-traps": (
        N_("the top of your left shoulder"),
        N_("the top of your right shoulder"),
        N_("the tops of your shoulders"),
    ),
    "shoulders": (
        N_("your left shoulder"),
        N_("your right shoulder"),
        N_("your shoulders"),
    ),
    "chest": (
        N_("the left side of your chest"),
        N_("the right side of your chest"),
        N_("your chest"),
    ),
    "upper-back": (N_("your upper back"), N_("your upper back"), N_("your upper back")),
    "lats": (
        N_("the left side of your back"),
        N_("the right side of your back"),
        N_("the sides of your back"),
    ),
    "lower-back": (N_("your lower back"), N_("your lower back"), N_("your lower back")),
    "abdomen": (N_("your belly"), N_("your belly"), N_("your belly")),
    "biceps": (
        N_("the front of your left upper arm"),
        N_("the front of your right upper arm"),
        N_("the fronts of your upper arms"),
    ),
    "triceps": (
        N_("the back of your left upper arm"),
        N_("the back of your right upper arm"),
        N_("the backs of your upper arms"),
    ),
    "forearms": (N_("your left forearm"), N_("your right forearm"), N_("your forearms")),
    "hands": (N_("your left hand"), N_("your right hand"), N_("your hands")),
    "glutes": (N_("your left buttock"), N_("your right buttock"), N_("your buttocks")),
    "hip-flexors": (
        N_("the front of your left hip"),
        N_("the front of your right hip"),
        N_("the fronts of your hips"),
    ),
    "outer-thighs": (
        N_("the outside of your left thigh"),
        N_("the outside of your right thigh"),
        N_("the outsides of your thighs"),
    ),
    "quads": (
        N_("the front of your left thigh"),
        N_("the front of your right thigh"),
        N_("the fronts of your thighs"),
    ),
    "adductors": (
        N_("the inside of your left thigh"),
        N_("the inside of your right thigh"),
        N_("the insides of your thighs"),
    ),
    "hamstrings": (
        N_("the back of your left thigh"),
        N_("the back of your right thigh"),
        N_("the backs of your thighs"),
    ),
    "calves": (N_("your left calf"), N_("your right calf"), N_("your calves")),
    "shins": (N_("your left shin"), N_("your right shin"), N_("your shins")),
    "feet": (
        N_("the sole of your left foot"),
        N_("the sole of your right foot"),
        N_("the soles of your feet"),
    ),
}

# What "switch to your right ..." names: the limb a person moves to, or their side.
_SWITCH_TO: dict[str, str] = {
    "feet": "foot",
    "hands": "hand",
    "forearms": "arm",
    "biceps": "arm",
    "triceps": "arm",
    "glutes": "leg",
    "hip-flexors": "leg",
    "outer-thighs": "leg",
    "quads": "leg",
    "adductors": "leg",
    "hamstrings": "leg",
    "calves": "leg",
    "shins": "leg",
}
# The switch, and the first side, by limb and side: whole sentences to translate.
_SWITCH_WORDS: dict[tuple[str, str], str] = {
    ("foot", "left"): N_("Switch to your left foot."),
    ("foot", "right"): N_("Switch to your right foot."),
    ("hand", "left"): N_("Switch to your left hand."),
    ("hand", "right"): N_("Switch to your right hand."),
    ("arm", "left"): N_("Switch to your left arm."),
    ("arm", "right"): N_("Switch to your right arm."),
    ("leg", "left"): N_("Switch to your left leg."),
    ("leg", "right"): N_("Switch to your right leg."),
    ("side", "left"): N_("Switch to your left side."),
    ("side", "right"): N_("Switch to your right side."),
}
_FIRST_SIDE_WORDS: dict[tuple[str, str], str] = {
    ("foot", "left"): N_("Left foot first."),
    ("foot", "right"): N_("Right foot first."),
    ("hand", "left"): N_("Left hand first."),
    ("hand", "right"): N_("Right hand first."),
    ("arm", "left"): N_("Left arm first."),
    ("arm", "right"): N_("Right arm first."),
    ("leg", "left"): N_("Left leg first."),
    ("leg", "right"): N_("Right leg first."),
    ("side", "left"): N_("Left side first."),
    ("side", "right"): N_("Right side first."),
}


def spoken_place(region_id: str, side: str | None) -> str:
    """How the voice names a place: "the back of your left thigh", "your calves" (both
    sides at once, ``side`` None or "both"), "the back of your neck"."""
    if region_id not in _SPOKEN_PLACES:
        return in_sentence(region_name(region_id).split(" (")[0])
    left, right, both = _SPOKEN_PLACES[region_id]
    if side == "left":
        return _(left)
    if side == "right":
        return _(right)
    return _(both)


def switch_words(region_id: str, side: str) -> str:
    """ "Switch to your right foot." for a foot, "... your right side." for a shoulder."""
    limb = _SWITCH_TO.get(region_id, "side")
    if (limb, side) in _SWITCH_WORDS:
        return _(_SWITCH_WORDS[limb, side])
    return f"Switch to your {side} {limb}."


def first_side_words(region_id: str, side: str) -> str:
    """ "Left leg first." for a calf, "Left side first." for a shoulder: which side a
    get-ready too short to name the place means."""
    limb = _SWITCH_TO.get(region_id, "side")
    if (limb, side) in _FIRST_SIDE_WORDS:
        return _(_FIRST_SIDE_WORDS[limb, side])
    return f"{side.capitalize()} {limb} first."
