"""What a session starts from: one value, made by whoever starts it and read by all.

The Routine page's Start, History's "run again" and a resumed session each make one;
the session engine runs its routine, and the history records its soreness before and
writes it into the interrupted session it resumes, if any.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from selfmassage.core.history_records import Unfinished
    from selfmassage.core.routine import Routine

_NOTHING_RATED: Mapping[str, int] = MappingProxyType({})


class SessionStart:
    """Read-only once made. A plain class: a dataclass costs ~1 ms to define, and this
    one is on the path to the first paint."""

    __slots__ = ("resume", "routine", "soreness_before")

    def __init__(
        self,
        routine: Routine,
        soreness_before: Mapping[str, int] = _NOTHING_RATED,
        resume: Unfinished | None = None,
    ) -> None:
        self.routine = routine
        self.soreness_before = MappingProxyType(dict(soreness_before))
        """Place (``calves-left``, ``neck``) -> 0..10, as rated just before the session;
        empty if not rated."""
        self.resume = resume
        """The interrupted session this one goes on with (``routine`` is then its rest)."""

    def with_soreness_before(self, ratings: Mapping[str, int]) -> SessionStart:
        return SessionStart(self.routine, ratings, self.resume)

    @property
    def regions(self) -> list[str]:
        """The routine's regions in the order it reaches them, each once."""
        steps = self.routine.steps
        return list(dict.fromkeys(step.region for step in steps if not step.is_breathing))

    @property
    def places(self) -> list[str]:
        """The sides the routine works (``calves-left``, ``neck``), in order, each once:
        what is rated before and after."""
        from selfmassage.core.soreness import routine_places

        return routine_places(self.routine.steps)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SessionStart):
            return NotImplemented
        return (self.routine, dict(self.soreness_before), self.resume) == (
            other.routine,
            dict(other.soreness_before),
            other.resume,
        )

    def __hash__(self) -> int:
        return hash((self.routine, tuple(sorted(self.soreness_before.items())), self.resume))

    def __repr__(self) -> str:
        return (
            f"SessionStart({self.routine.title!r}, {dict(self.soreness_before)!r}, "
            f"resume={self.resume!r})"
        )
