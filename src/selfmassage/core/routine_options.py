"""What a person can ask of a built routine besides the places: how long and how hard.

Kept apart from the builder so that the options beside the body map can be shown
without loading the builder and its catalog.
"""

from __future__ import annotations

from enum import StrEnum

BUDGET_CHOICES: tuple[int, ...] = (5, 10, 15, 20, 30)
"""Minutes a person can pick; None stands for no limit."""


class Intensity(StrEnum):
    GENTLE = "gentle"
    STANDARD = "standard"
    DEEP = "deep"

    @property
    def label(self) -> str:
        return self.value.capitalize()
