"""Finding the right routine in the Library: by the tools a person owns, by length, and
by place ("calf", "lower back") or title.

Plain values and functions, so the Library page only shows what they say.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from selfmassage.core.place_search import normalised, places_named
from selfmassage.core.routine import Pacing, Routine, plan
from selfmassage.core.tools import Tool

LENGTH_CHOICES: tuple[int, ...] = (5, 10, 15, 20)
"""Minutes the length filter offers ("up to 10 min"); None is any length."""

SHORT_DESCRIPTION_MAX = 90
"""The description column shows at most this many characters: the first sentence."""


def needed_tools(routine: Routine) -> frozenset[Tool]:
    """The tools its steps use; hands always count as owned, so they are not "needed"."""
    return frozenset(step.tool for step in routine.steps) - {Tool.HANDS}


def short_description(description: str) -> str:
    """The first sentence of a description, cut at a word near the limit with "…"."""
    text = " ".join(description.split())
    first = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
    if len(first) <= SHORT_DESCRIPTION_MAX:
        return first
    cut = first[: SHORT_DESCRIPTION_MAX - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return f"{cut}…"


@dataclass(frozen=True, slots=True)
class LibraryFilter:
    """What the person asked the Library for; the defaults show every routine."""

    owned: frozenset[Tool] | None = None
    """The tools the person has; None: any tools."""
    longest_minutes: int | None = None
    """Routines up to this long (with the pauses); None: any length."""
    search: str = ""
    """A place ("calf", "lower back") or words of the title."""

    @property
    def active(self) -> bool:
        return self.owned is not None or self.longest_minutes is not None or bool(self.search)

    def matches(self, routine: Routine, pacing: Pacing | None = None) -> bool:
        if self.owned is not None and not needed_tools(routine) <= self.owned:
            return False
        if self.longest_minutes is not None:
            # As the Time column rounds it: a routine shown as "10 min" is "up to 10 min".
            seconds = plan(routine, pacing or Pacing()).total_seconds
            if (seconds + 30) // 60 > self.longest_minutes:
                return False
        return not self.search or self.finds(routine)

    def finds(self, routine: Routine) -> bool:
        """The search names a place the routine works, or is in its title."""
        wanted = normalised(self.search)
        if not wanted or wanted in normalised(routine.title):
            return True
        return not places_named(self.search).isdisjoint(step.region for step in routine.steps)
