"""What a session starts from: one value, made by whoever starts it and read by all.

The Routine page's Start, History's "run again" and a resumed session each make one;
the session engine runs its routine, and the history records its soreness before and
writes it into the interrupted session it resumes, if any.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from selfmassage.core.history import Unfinished
    from selfmassage.core.routine import Routine


@dataclass(frozen=True)
class SessionStart:
    routine: Routine
    soreness_before: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))
    """Place (``calves-left``, ``neck``) -> 0..10, as rated just before the session;
    empty if not rated."""
    resume: Unfinished | None = None
    """The interrupted session this one goes on with (``routine`` is then its rest)."""

    @property
    def regions(self) -> list[str]:
        """The routine's regions in the order it reaches them, each once."""
        return list(dict.fromkeys(step.region for step in self.routine.steps))

    @property
    def places(self) -> list[str]:
        """The sides the routine works (``calves-left``, ``neck``), in order, each once:
        what is rated before and after."""
        from selfmassage.core.soreness import routine_places

        return routine_places(self.routine.steps)
