"""What a person can ask of a built routine besides the places: how long and how hard.

Kept apart from the builder so that the options beside the body map can be shown
without loading the builder and its catalog.
"""

from __future__ import annotations

from enum import StrEnum

from selfmassage.core.language import pgettext

BUDGET_CHOICES: tuple[int, ...] = (5, 10, 15, 20, 30)
"""Minutes a person can pick; None stands for no limit."""


class Intensity(StrEnum):
    GENTLE = "gentle"
    STANDARD = "standard"
    DEEP = "deep"

    @property
    def label(self) -> str:
        """As the options show it: "Gentle", "Standard", "Deep"."""
        if self is Intensity.GENTLE:
            return pgettext("intensity", "Gentle")
        if self is Intensity.STANDARD:
            return pgettext("intensity", "Standard")
        return pgettext("intensity", "Deep")

    @property
    def word(self) -> str:
        """In a sentence: "gentle"."""
        if self is Intensity.GENTLE:
            return pgettext("intensity", "gentle")
        if self is Intensity.STANDARD:
            return pgettext("intensity", "standard")
        return pgettext("intensity", "deep")
