"""The user's words: every phrase the app builds from numbers, places and states.

Screens, PDFs and the command line say durations, counts, places, statuses and a file's
problems through these functions only, so each idea has one spelling everywhere ("9 min
5 s", "1 step", "Left calf") and translation has one place to hook in later. Plain
Python: no Qt, no I/O.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, NamedTuple

from selfmassage.core.anatomy import is_region, region

if TYPE_CHECKING:
    from selfmassage.core.document_check import Problem
    from selfmassage.core.routine import Schedule

# Counts ---------------------------------------------------------------------------------


def count(number: int, singular: str, plural: str | None = None) -> str:
    """A number with its noun: "0 steps", "1 step", "2 steps"; ``plural`` when the noun
    does not simply take an "s" ("1 body", "2 bodies")."""
    return f"{number} {noun(number, singular, plural)}"


def noun(number: int, singular: str, plural: str | None = None) -> str:
    """The noun that goes with ``number``: "step" for 1, else "steps" (or ``plural``); for
    a number shown apart, such as a spin box's value and its suffix."""
    if number == 1:
        return singular
    return plural if plural is not None else singular + "s"


# Time -----------------------------------------------------------------------------------


def duration(seconds: int) -> str:
    """A length of time to read: "0 s", "45 s", "1 min", "9 min 5 s", "1 h 2 min".

    Parts that are zero are left out; seconds are never padded ("5 s", not "05 s")."""
    seconds = max(0, int(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    parts = [f"{hours} h"] if hours else []
    if minutes:
        parts.append(f"{minutes} min")
    if secs or not parts:
        parts.append(f"{secs} s")
    return " ".join(parts)


def rounded_minutes(seconds: int) -> str:
    """A length of time at a glance, to the nearest minute: "11 min"; under a minute, the
    seconds ("45 s"), so a short routine never reads "0 min"."""
    seconds = max(0, int(seconds))
    if seconds < 60:
        return f"{seconds} s"
    return f"{(seconds + 30) // 60} min"


def minutes_and_tenths(seconds: float) -> str:
    """Time done, for tables and reports of many sessions: "9.1 min"."""
    return f"{max(0.0, seconds) / 60:.1f} min"


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
    """0–999 as a voice says it: 45 -> "forty-five", 120 -> "one hundred and twenty"."""
    if n < 20:
        return _ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")
    hundreds, rest = divmod(n, 100)
    return f"{_ONES[hundreds]} hundred" + (f" and {spoken_number(rest)}" if rest else "")


def spoken_duration(seconds: int) -> str:
    """A length of time as a voice says it: 90 -> "one minute thirty seconds"."""
    minutes, secs = divmod(seconds, 60)
    parts = []
    if minutes:
        parts.append(f"{spoken_number(minutes)} minute{'s' if minutes != 1 else ''}")
    if secs or not minutes:
        parts.append(f"{spoken_number(secs)} second{'s' if secs != 1 else ''}")
    return " ".join(parts)


def schedule(plan: Schedule) -> str:
    """A prescribed schedule: "3 times a week for 4 weeks, from 2026-01-05"."""
    text = f"{count(plan.times_per_week, 'time')} a week"
    if plan.weeks:
        text += f" for {count(plan.weeks, 'week')}"
    if plan.start is not None:
        text += f", from {plan.start.isoformat()}"
    return text


# Places ---------------------------------------------------------------------------------


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
    return "Breathing" if is_breathing(region_id) else region_id


def place_name(region_id: str, side: str | None = None) -> str:
    """One place on the body: "Left calf" (a region with a side), "Neck", "Calves" (a
    sided region as a whole). ``side`` is "left", "right", or None; "both" names the
    region as a whole."""
    if not is_region(region_id):
        if is_breathing(region_id):
            return "Breathing"
        return region_id if side in (None, "both") else f"{region_id} ({side})"
    reg = region(region_id)
    if side in ("left", "right") and reg.sided:
        return f"{side.capitalize()} {reg.singular}"
    return reg.name


def view_title(view: str) -> str:
    """A body picture's view: "Front", "Back"."""
    return view.capitalize()


def side_captions(view: str) -> tuple[str, str]:
    """The person's sides as a picture of this view shows them, its left edge first.

    The front view faces us, as if the person were facing you: their right is on the
    picture's left. The back view is seen from behind: their left is on the left.
    """
    return ("Right", "Left") if view == "front" else ("Left", "Right")


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
        return f"{region(region_id).name}, both sides"
    return place_name(region_id, side)


def step_side(side: str | None) -> str:
    """A step's side in a table column: "Left", "Right", "Both, left first", "—"."""
    if side is None:
        return "—"
    if side == "both":
        return "Both, left first"
    return side.capitalize()


def step_time(seconds: int, side: str | None) -> str:
    """How long a step runs: "45 s", "1 min 30 s each side"."""
    return duration(seconds) + (" each side" if side == "both" else "")


# Sessions and steps ---------------------------------------------------------------------

_SESSION_STATUS = {
    "completed": "Completed",
    "partly_done": "Partly done",
    "stopped": "Stopped",
    "interrupted": "Interrupted",
    "running": "Running",
}
_STEP_OUTCOME = {
    "completed": "done",
    "ended_early": "ended early",
    "skipped": "skipped",
}
_FEELINGS = {1: "Much worse", 2: "Worse", 3: "The same", 4: "Better", 5: "Much better"}


def session_status(status: str) -> str:
    """How a session ended, as in the history list: "Completed", "Partly done" (the end
    reached, some steps ended early or skipped), "Stopped", "Interrupted", "Running"; a
    status the app does not know, as it is."""
    return _SESSION_STATUS.get(status, status)


def step_outcome(outcome: str | None) -> str:
    """What became of one step in a session: "done", "ended early", "skipped" or, when
    the session ended before it, "not reached"."""
    if outcome is None:
        return "not reached"
    return _STEP_OUTCOME.get(outcome, outcome)


def soreness_change(before: Mapping[str, int], after: Mapping[str, int]) -> str:
    """ "Soreness: Left calf 7 → 4 · Neck 3 → –", place by place; empty if none rated."""
    places = dict.fromkeys([*before, *after])
    parts = [f"{place_key_name(p)} {before.get(p, '–')} → {after.get(p, '–')}" for p in places]
    return f"Soreness: {' · '.join(parts)}" if parts else ""


def feeling(rating: int) -> str:
    """The 1–5 answer to "how do you feel now?": "Much worse" … "Much better"."""
    return _FEELINGS.get(rating, str(rating))


# A file's problems ----------------------------------------------------------------------

MAX_LISTED_PROBLEMS = 12
"""A message lists this many problems; the rest are behind "Show Details"."""

_PATH_PART = r'\.([A-Za-z_][A-Za-z0-9_-]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]'
"""Compiled when first used (re keeps it): the first screen loads this module."""
_ITEMS = {"steps": "step", "cues": "cue", "sessions": "session"}


def problem_place(path: str) -> str:
    """Where in a file a problem is, for people: ``$.steps[2].cues[0].at`` -> "Step 3,
    cue 1, at"; ``$.sessions[0].soreness_before["x"]`` -> "Session 1, soreness before
    "x""; ``$`` -> "The file". The same for every file format."""
    parts: list[str] = []
    plain = False  # the last part is a plain name, which the next name continues
    for match in re.finditer(_PATH_PART, path):
        name, index, key = match.groups()
        if index is not None and parts and parts[-1] in _ITEMS:
            parts[-1] = f"{_ITEMS[parts[-1]]} {int(index) + 1}"
            plain = False
        elif index is not None:
            parts.append(f"item {int(index) + 1}")
            plain = False
        elif key is not None:
            if parts:
                parts[-1] += f" {key}"
            else:
                parts.append(key)
            plain = False
        elif plain and parts[-1] not in _ITEMS:
            parts[-1] += " " + name.replace("_", " ")
        else:
            parts.append(name if name in _ITEMS else name.replace("_", " "))
            plain = True
    where = ", ".join(parts) if parts else "the file"
    return where[:1].upper() + where[1:]


def problem_words(problem: Problem) -> str:
    """One problem of a file in people's words: "Step 2, seconds: must be from 5 to 1800,
    not 2"."""
    return f"{problem_place(problem.path)}: {problem.reason}"


_FILE_KINDS = {"routine": "routine file", "report": "client report"}


class FileProblems(NamedTuple):
    """Why a file cannot be opened, in people's words, ready for a message box.

    ``title`` for the window, ``text`` the headline, ``listed`` the first problems one a
    line, ``details`` every problem when there are more than are listed (else ""). (A
    named tuple, not a dataclass: this module loads before the first paint, and a frozen
    dataclass costs ten times as much to define.)"""

    title: str
    text: str
    listed: str
    details: str

    def __str__(self) -> str:
        """All of it as one plain text, for a tooltip, a log line or an exception."""
        return f"{self.text}\n{self.listed}" if self.listed else self.text


def file_problems(
    name: str, kind: str, problems: Sequence[Problem], limit: int = MAX_LISTED_PROBLEMS
) -> FileProblems:
    """Why the file ``name`` of ``kind`` ("routine" or "report") cannot be opened: one
    description for every file format, used wherever a file is refused."""
    what = _FILE_KINDS.get(kind, f"{kind} file")
    return FileProblems(
        title=f"Cannot open the {kind}",
        text=f"{name} cannot be opened as a {what}. Nothing was changed.",
        listed=problem_lines(problems, limit),
        details=problem_details(problems, limit),
    )


def cannot_save(name: str, problems: Sequence[Problem]) -> str:
    """Why ``name`` was not saved: the app never writes a file it would refuse to read."""
    return f"{name} cannot be saved: it has problems to fix first.\n{problem_lines(problems)}"


def problem_lines(problems: Sequence[Problem], limit: int = MAX_LISTED_PROBLEMS) -> str:
    """The first ``limit`` problems one a line ("• Step 2, seconds: …"), and how many more."""
    lines = [f"• {problem_words(problem)}" for problem in problems[:limit]]
    if len(problems) > limit:
        lines.append(f"… and {len(problems) - limit} more (see Show Details).")
    return "\n".join(lines)


def problem_details(problems: Sequence[Problem], limit: int = MAX_LISTED_PROBLEMS) -> str:
    """Every problem one a line when :func:`problem_lines` leaves some out; else ""."""
    if len(problems) <= limit:
        return ""
    return "\n".join(problem_words(problem) for problem in problems)


def newer_file(file_version: str, app_reads: int) -> str:
    """Why a file from a later version of the app cannot be read here."""
    return (
        "this file needs a newer version of SelfMassage "
        f"(file version {file_version}, this app reads up to {app_reads})"
    )


# Spoken places ---------------------------------------------------------------------------

# What the voice calls each region: lay words a tired listener knows, never the Latin
# name the screen shows beside the picture. (one side, with {side}; both sides at once)
_SPOKEN_PLACES: dict[str, tuple[str, str]] = {
    "neck": ("the back of your neck", "the back of your neck"),
    "upper-traps": ("the top of your {side} shoulder", "the tops of your shoulders"),
    "shoulders": ("your {side} shoulder", "your shoulders"),
    "chest": ("the {side} side of your chest", "your chest"),
    "upper-back": ("your upper back", "your upper back"),
    "lats": ("the {side} side of your back", "the sides of your back"),
    "lower-back": ("your lower back", "your lower back"),
    "abdomen": ("your belly", "your belly"),
    "biceps": ("the front of your {side} upper arm", "the fronts of your upper arms"),
    "triceps": ("the back of your {side} upper arm", "the backs of your upper arms"),
    "forearms": ("your {side} forearm", "your forearms"),
    "hands": ("your {side} hand", "your hands"),
    "glutes": ("your {side} buttock", "your buttocks"),
    "hip-flexors": ("the front of your {side} hip", "the fronts of your hips"),
    "outer-thighs": ("the outside of your {side} thigh", "the outsides of your thighs"),
    "quads": ("the front of your {side} thigh", "the fronts of your thighs"),
    "adductors": ("the inside of your {side} thigh", "the insides of your thighs"),
    "hamstrings": ("the back of your {side} thigh", "the backs of your thighs"),
    "calves": ("your {side} calf", "your calves"),
    "shins": ("your {side} shin", "your shins"),
    "feet": ("the sole of your {side} foot", "the soles of your feet"),
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


def spoken_place(region_id: str, side: str | None) -> str:
    """How the voice names a place: "the back of your left thigh", "your calves" (both
    sides at once, ``side`` None or "both"), "the back of your neck"."""
    if region_id not in _SPOKEN_PLACES:
        return region_name(region_id).split(" (")[0].lower()
    one, both = _SPOKEN_PLACES[region_id]
    if side in ("left", "right"):
        return one.format(side=side)
    return both


def switch_words(region_id: str, side: str) -> str:
    """ "Switch to your right foot." for a foot, "... your right side." for a shoulder."""
    return f"Switch to your {side} {_SWITCH_TO.get(region_id, 'side')}."


def first_side_words(region_id: str, side: str) -> str:
    """ "Left leg first." for a calf, "Left side first." for a shoulder: which side a
    get-ready too short to name the place means."""
    return f"{side.capitalize()} {_SWITCH_TO.get(region_id, 'side')} first."
