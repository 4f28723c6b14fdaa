"""A routine and its steps: what to do, where, with what, for how long.

These are plain values. The file format (routine_file.py) reads and writes them; the
builder (builder.py) makes them from a selection; the timeline lays them out in time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from selfmassage.core.anatomy import Side, region
from selfmassage.core.breathing import BREATHING, BreathPattern
from selfmassage.core.language import _
from selfmassage.core.tools import Pressure as Pressure
from selfmassage.core.tools import Tool as Tool
from selfmassage.core.turning import turns_over
from selfmassage.core.words import in_sentence


class StepSide(StrEnum):
    """The side a step works on. ``both`` runs the left side, then the right."""

    LEFT = "left"
    RIGHT = "right"
    BOTH = "both"

    def sides(self) -> tuple[Side, ...]:
        if self is StepSide.BOTH:
            return (Side.LEFT, Side.RIGHT)
        return (Side(self.value),)


@dataclass(frozen=True, slots=True)
class Cue:
    at: int
    """Seconds from the start of the step (of each side)."""
    say: str


@dataclass(frozen=True, slots=True)
class Step:
    region: str
    seconds: int
    """How long the step runs, on each side for ``both``."""
    side: StepSide | None = None
    """None for a midline region; sided regions default to both."""
    tool: Tool = Tool.HANDS
    technique: str | None = None
    name: str = ""
    instructions: str = ""
    pressure: Pressure | None = None
    cues: tuple[Cue, ...] = ()
    start: str = ""
    """Spoken as the step starts (how to get into place); empty: the catalog's, when the
    step shows the catalog's instructions, else the first sentence of its own."""
    prompts: tuple[str, ...] = ()
    """Spoken during the step; empty: the catalog's, when the step shows the catalog's
    instructions."""
    breathing: BreathPattern | None = None
    """A breathing step's pattern; None for a massage step. A breathing step's region is
    BREATHING, and it has no side (make one with ``breathing_step``)."""

    def __post_init__(self) -> None:
        if self.breathing is not None:
            if self.region != BREATHING or self.side is not None:
                raise ValueError("a breathing step works on no region and no side")
        elif region(self.region).sided and self.side is None:
            object.__setattr__(self, "side", StepSide.BOTH)

    @property
    def is_breathing(self) -> bool:
        return self.breathing is not None

    @property
    def uses(self) -> str:
        """What the step works with, in lower case: "foam roller", "pattern 4-2-6"."""
        if self.breathing is not None:
            # Translators: what a breathing step works with: "pattern 4-2-6"
            return _("pattern {pattern}").format(pattern=self.breathing.label)
        return in_sentence(self.tool.label)

    @property
    def sides(self) -> tuple[Side | None, ...]:
        """The sides in the order they run; (None,) for a midline region."""
        if self.side is None:
            return (None,)
        return self.side.sides()

    @property
    def work_seconds(self) -> int:
        """Seconds of massage, all sides together."""
        return self.seconds * len(self.sides)


def breathing_step(
    seconds: int, pattern: BreathPattern, name: str = "", instructions: str = ""
) -> Step:
    """A step of slow paced breathing: no region, no side, no tool."""
    return Step(BREATHING, seconds, name=name, instructions=instructions, breathing=pattern)


class CueStyle(StrEnum):
    """How much a routine itself wants said: the person's own cue level can turn more
    down, never up."""

    FULL = "full"
    CALM = "calm"
    """No countdown beeps, no "Halfway", no "ten seconds left"; soft transitions."""


@dataclass(frozen=True, slots=True)
class Schedule:
    times_per_week: int
    weeks: int | None = None
    start: date | None = None


@dataclass(frozen=True, slots=True)
class Routine:
    title: str
    steps: tuple[Step, ...]
    description: str = ""
    author: str = ""
    created: str | None = None
    """An ISO 8601 date or date-time, as written in the file."""
    language: str | None = None
    schedule: Schedule | None = None
    cues: CueStyle = CueStyle.FULL


@dataclass(frozen=True, slots=True)
class Pacing:
    """The pauses the plan puts between work: they count against the time budget."""

    transition_seconds: int = 10
    """Before every step, the first too: time to hear what comes and get into position."""
    switch_side_seconds: int = 5
    """Between the left and right side of one step."""
    turn_over_seconds: int = 10
    """Between the sides of a step done lying on the side or face down: time to turn over."""

    def side_switch_seconds(self, step: Step) -> int:
        """The pause between this step's sides, set by the position it is done in."""
        return self.turn_over_seconds if turns_over(step.technique) else self.switch_side_seconds


@dataclass(frozen=True, slots=True)
class Plan:
    """How long a routine takes with a given pacing."""

    work_seconds: int
    transition_seconds: int
    steps: int = field(default=0)

    @property
    def total_seconds(self) -> int:
        return self.work_seconds + self.transition_seconds


def plan(routine: Routine, pacing: Pacing) -> Plan:
    """Total time of a routine: work plus side switches plus the get-ready before each step."""
    work = sum(step.work_seconds for step in routine.steps)
    switches = sum((len(s.sides) - 1) * pacing.side_switch_seconds(s) for s in routine.steps)
    transitions = len(routine.steps) * pacing.transition_seconds
    return Plan(work, switches + transitions, len(routine.steps))
