"""What the safety answers rule out: regions, tools, pressures and positions.

The builder follows these limits, and a routine from anywhere else is checked against
them before it starts (``routine_check``). Each limit carries the question behind it so
that the person is told, in plain words, what was changed and why.
"""

from __future__ import annotations

from dataclasses import dataclass

from selfmassage.core.safety import Question, Screening, short_name
from selfmassage.core.tools import Position, Pressure, Tool
from selfmassage.core.words import in_sentence

PRESSURE_ORDER = (Pressure.LIGHT, Pressure.MODERATE, Pressure.FIRM)


@dataclass(frozen=True, slots=True)
class Limits:
    """The cautions of one screening, asked region by region."""

    cautions: tuple[Question, ...] = ()

    @classmethod
    def of(cls, screening: Screening) -> Limits:
        return cls(screening.cautions())

    @property
    def stops(self) -> tuple[Question, ...]:
        return tuple(q for q in self.cautions if q.stop)

    def left_out(self, region_id: str) -> Question | None:
        """The question that leaves this region out of every routine, if any."""
        return next((q for q in self.cautions if region_id in q.leave_out), None)

    def tool_ruled_out(self, region_id: str, tool: Tool) -> Question | None:
        """Why this tool is not used here: ruled out everywhere, or a flagged region's gun."""
        for q in self.cautions:
            if tool in q.avoid_tools:
                return q
            if tool is Tool.MASSAGE_GUN and region_id in q.regions:
                return q
        return None

    def position_ruled_out(self, position: Position) -> Question | None:
        return next((q for q in self.cautions if position in q.avoid_positions), None)

    @property
    def preferred_positions(self) -> frozenset[Position]:
        preferred: set[Position] = set()
        for q in self.cautions:
            preferred |= q.prefer_positions
        return frozenset(preferred)

    def max_pressure(self, region_id: str) -> tuple[Pressure, Question | None]:
        """The firmest pressure allowed here, and the question that sets it (None: any)."""
        highest, because = Pressure.FIRM, None
        for q in self.cautions:
            allowed = [p for p in PRESSURE_ORDER if p not in q.avoid_pressures]
            if region_id in q.regions:
                allowed = [Pressure.LIGHT]
            cap = allowed[-1] if allowed else Pressure.LIGHT
            if PRESSURE_ORDER.index(cap) < PRESSURE_ORDER.index(highest):
                highest, because = cap, q
        return highest, because


def capped(pressure: Pressure, cap: Pressure) -> Pressure:
    """``pressure``, or ``cap`` if that is lighter."""
    return min(pressure, cap, key=PRESSURE_ORDER.index)


def because(question: Question) -> str:
    """The reason in a few words, for the lists that say what changed: "(pregnancy)"."""
    return in_sentence(short_name(question.id))
