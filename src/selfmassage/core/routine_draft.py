"""A routine being written in the editor: an immutable draft, edited by pure functions.

A draft holds what the fields hold, including what is not valid yet (an empty title, a
cue past the end of its step). ``check`` runs the routine file's own validator on the
document the draft would save (``routine_file.check_routine``), so the editor shows exactly
the reader's messages, with the same JSON paths; nothing here repeats a rule of the format.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from selfmassage.core.anatomy import region
from selfmassage.core.breathing import (
    DEFAULT_PATTERN,
    PACER_MINUTES_MAX,
    PACER_MINUTES_MIN,
    BreathPattern,
)
from selfmassage.core.breathing_file import (
    BREATHING_VERSION,
    breathing_step_document,
    default_breathing_instructions,
    default_breathing_name,
)
from selfmassage.core.catalog import Catalog
from selfmassage.core.document_check import Problem
from selfmassage.core.routine import CueStyle, Pacing, Routine, Step, Tool, breathing_step
from selfmassage.core.routine_file import (
    FORMAT,
    RoutineReadResult,
    check_routine,
    default_step_instructions,
    default_step_name,
)
from selfmassage.core.turning import turns_over


@dataclass(frozen=True, slots=True)
class CueDraft:
    at: int
    say: str


@dataclass(frozen=True, slots=True)
class StepDraft:
    region: str = "calves"
    side: str | None = "both"
    """left, right or both; None for a midline region."""
    seconds: int = 60
    tool: str = Tool.HANDS.value
    technique: str = ""
    """A catalog id, or empty for a custom step."""
    name: str = ""
    instructions: str = ""
    pressure: str = ""
    """light, moderate, firm, or empty for none."""
    cues: tuple[CueDraft, ...] = ()
    start: str = ""
    """The step's own spoken start line (the file's ``start``); empty: the technique's."""
    prompts: tuple[str, ...] = ()
    """The step's own spoken prompts; empty: the technique's."""
    breathing: BreathPattern | None = None
    """A breathing step's pattern (its region is "breathing", it has no side, tool,
    technique, pressure or cues of its own)."""

    def document(self) -> dict[str, Any]:
        if self.breathing is not None:
            step = breathing_step(self.seconds, self.breathing)
            return breathing_step_document(step, self.name, self.instructions)
        result: dict[str, Any] = {"region": self.region}
        if self.side is not None:
            result["side"] = self.side
        result["seconds"] = self.seconds
        result["tool"] = self.tool
        if self.technique:
            result["technique"] = self.technique
        result["name"] = self.name
        result["instructions"] = self.instructions
        if self.pressure:
            result["pressure"] = self.pressure
        if self.cues:
            result["cues"] = [{"at": cue.at, "say": cue.say} for cue in self.cues]
        if self.start:
            result["start"] = self.start
        if self.prompts:
            result["prompts"] = list(self.prompts)
        return result


@dataclass(frozen=True, slots=True)
class RoutineDraft:
    title: str = ""
    author: str = ""
    description: str = ""
    language: str = ""
    created: str = ""
    times_per_week: int = 0
    """0 means no schedule."""
    weeks: int = 0
    """0 means no fixed number of weeks."""
    start: date | None = None
    steps: tuple[StepDraft, ...] = ()
    cues: CueStyle = CueStyle.FULL

    def document(self) -> dict[str, Any]:
        """What Save writes: the routine file's JSON object, keys in the spec's order, in
        the lowest version that holds it."""
        new = self.cues is not CueStyle.FULL or any(s.breathing for s in self.steps)
        version = BREATHING_VERSION if new else 1
        document: dict[str, Any] = {"format": FORMAT, "version": version, "title": self.title}
        if self.description.strip():
            document["description"] = self.description
        if self.author.strip():
            document["author"] = self.author
        if self.created:
            document["created"] = self.created
        if self.language.strip():
            document["language"] = self.language
        if self.times_per_week:
            schedule: dict[str, Any] = {"times_per_week": self.times_per_week}
            if self.weeks:
                schedule["weeks"] = self.weeks
            if self.start is not None:
                schedule["start"] = self.start.isoformat()
            document["schedule"] = schedule
        if self.cues is not CueStyle.FULL:
            document["cues"] = self.cues.value
        document["steps"] = [step.document() for step in self.steps]
        return document

    def check(self) -> RoutineReadResult:
        """The reader's verdict on this draft: the routine, or its errors with JSON paths."""
        return check_routine(self.document())

    @classmethod
    def from_routine(cls, routine: Routine) -> RoutineDraft:
        schedule = routine.schedule
        return cls(
            title=routine.title,
            author=routine.author,
            description=routine.description,
            language=routine.language or "",
            created=routine.created or "",
            times_per_week=schedule.times_per_week if schedule else 0,
            weeks=(schedule.weeks or 0) if schedule else 0,
            start=schedule.start if schedule else None,
            steps=tuple(_step_draft(step) for step in routine.steps),
            cues=routine.cues,
        )


def _step_draft(step: Step) -> StepDraft:
    return StepDraft(
        region=step.region,
        side=step.side.value if step.side is not None else None,
        seconds=step.seconds,
        tool=step.tool.value,
        technique=step.technique or "",
        name=step.name or default_step_name(step),
        instructions=step.instructions or default_step_instructions(step),
        pressure=step.pressure.value if step.pressure is not None else "",
        cues=tuple(CueDraft(cue.at, cue.say) for cue in step.cues),
        start=step.start,
        prompts=step.prompts,
        breathing=step.breathing,
    )


# Edits: each returns a new draft. -------------------------------------------------------


def new_step(region_id: str, tool: Tool, catalog: Catalog | None) -> StepDraft:
    """A step for a region and tool, filled from the catalog's best technique if it has one."""
    side = "both" if region(region_id).sided else None
    technique = catalog.default_for(region_id, tool) if catalog is not None else None
    if technique is None:
        draft = StepDraft(region=region_id, side=side, tool=tool.value)
        step = Step(region_id, 60, tool=tool)
        return replace(
            draft, name=default_step_name(step), instructions=default_step_instructions(step)
        )
    return StepDraft(
        region=region_id,
        side=side,
        seconds=technique.default_seconds,
        tool=technique.tool.value,
        technique=technique.id,
        name=technique.name,
        instructions=technique.instructions,
        pressure=technique.pressure.value,
    )


BREATHING_MINUTES = (PACER_MINUTES_MIN, PACER_MINUTES_MAX)
"""A breathing step's length in whole minutes, as the pacer offers it."""


def new_breathing_step(pattern: BreathPattern = DEFAULT_PATTERN, minutes: int = 3) -> StepDraft:
    """A step of slow paced breathing, to open or close a routine, with the app's plain
    name and instructions for its pattern."""
    step = breathing_step(minutes * 60, pattern)
    return StepDraft(
        region=step.region,
        side=None,
        seconds=step.seconds,
        tool=Tool.HANDS.value,
        name=default_breathing_name(step),
        instructions=default_breathing_instructions(step),
        breathing=pattern,
    )


def with_pattern(step: StepDraft, pattern: BreathPattern) -> StepDraft:
    """Another pattern for a breathing step. Instructions that were the app's own for
    the old pattern (they name its seconds) follow the new one; words written by hand
    stay as they are."""
    if step.breathing is None or step.breathing == pattern:
        return step
    old = default_breathing_instructions(breathing_step(step.seconds, step.breathing))
    changed = replace(step, breathing=pattern)
    if step.instructions == old:
        new = default_breathing_instructions(breathing_step(step.seconds, pattern))
        changed = replace(changed, instructions=new)
    return changed


def with_breathing_minutes(step: StepDraft, minutes: int) -> StepDraft:
    """A breathing step's length in minutes, kept in ``BREATHING_MINUTES``."""
    low, high = BREATHING_MINUTES
    return replace(step, seconds=max(low, min(high, minutes)) * 60)


def breathing_minutes(step: StepDraft) -> int:
    """A breathing step's length to the nearest minute, within ``BREATHING_MINUTES``
    (a file may hold seconds that are not whole minutes: the field shows the nearest)."""
    low, high = BREATHING_MINUTES
    return max(low, min(high, round(step.seconds / 60)))


def with_step(draft: RoutineDraft, index: int, step: StepDraft) -> RoutineDraft:
    steps = list(draft.steps)
    steps[index] = step
    return replace(draft, steps=tuple(steps))


def added_step(draft: RoutineDraft, step: StepDraft, at: int | None = None) -> RoutineDraft:
    steps = list(draft.steps)
    steps.insert(len(steps) if at is None else at, step)
    return replace(draft, steps=tuple(steps))


def removed_step(draft: RoutineDraft, index: int) -> RoutineDraft:
    return replace(draft, steps=draft.steps[:index] + draft.steps[index + 1 :])


def moved_step(draft: RoutineDraft, index: int, to: int) -> RoutineDraft:
    steps = list(draft.steps)
    steps.insert(to, steps.pop(index))
    return replace(draft, steps=tuple(steps))


def with_region(step: StepDraft, region_id: str, catalog: Catalog | None = None) -> StepDraft:
    """A new region keeps the side if it makes sense there, and drops a foreign technique."""
    sided = region(region_id).sided
    side = (step.side or "both") if sided else None
    technique = catalog.get(step.technique) if catalog is not None and step.technique else None
    keep = technique is not None and region_id in technique.regions
    return replace(step, region=region_id, side=side, technique=step.technique if keep else "")


def _side_for(step: StepDraft, region_id: str) -> str | None:
    return (step.side or "both") if region(region_id).sided else None


def catalog_texts(step: StepDraft, catalog: Catalog | None) -> tuple[str, str]:
    """The name and instructions the catalog (or, without a technique, the app's plain
    default) gives this step's region and tool: what a step not written by hand holds."""
    technique = catalog.get(step.technique) if catalog is not None and step.technique else None
    if technique is not None:
        return technique.name, technique.instructions
    plain = Step(step.region, 60, tool=Tool(step.tool))
    return default_step_name(plain), default_step_instructions(plain)


def written_by_hand(step: StepDraft, catalog: Catalog | None) -> bool:
    """Whether the step's name or instructions are someone's own words, not the catalog's."""
    name, instructions = catalog_texts(step, catalog)
    own_name = bool(step.name.strip()) and step.name != name
    own_instructions = bool(step.instructions.strip()) and step.instructions != instructions
    own_lines = bool(step.start.strip() or step.prompts)  # only a file written by hand has them
    return own_name or own_instructions or own_lines


def retargeted(
    step: StepDraft,
    catalog: Catalog | None,
    *,
    region_id: str | None = None,
    tool: str | None = None,
) -> StepDraft:
    """The step moved to another region or tool, with what the catalog has for them:
    the technique (its start line and prompts are spoken from it), name, instructions
    and pressure; a region and tool without a technique get the plain default texts.
    The seconds and cues stay as the person set them."""
    region_id = region_id or step.region
    chosen = Tool(tool or step.tool)
    moved = replace(
        step,
        region=region_id,
        side=_side_for(step, region_id),
        tool=chosen.value,
        start="",  # the spoken lines were for the old place and tool
        prompts=(),
    )
    technique = catalog.default_for(region_id, chosen) if catalog is not None else None
    if technique is None:
        plain = Step(region_id, 60, tool=chosen)
        return replace(
            moved,
            technique="",
            name=default_step_name(plain),
            instructions=default_step_instructions(plain),
            pressure="",
        )
    return replace(
        moved,
        technique=technique.id,
        name=technique.name,
        instructions=technique.instructions,
        pressure=technique.pressure.value,
    )


def moved_keeping_text(
    step: StepDraft, *, region_id: str | None = None, tool: str | None = None
) -> StepDraft:
    """The step moved to another region or tool with its own words kept: no catalog
    technique any more (its start line and prompts were for the old place)."""
    region_id = region_id or step.region
    return replace(
        step,
        region=region_id,
        side=_side_for(step, region_id),
        tool=tool or step.tool,
        technique="",
    )


def seconds_range(step: StepDraft, catalog: Catalog | None) -> tuple[int, int]:
    """The seconds a step may run: its technique's range, else the file format's."""
    from selfmassage.core.routine_file import SECONDS_MAX, SECONDS_MIN

    technique = catalog.get(step.technique) if catalog is not None and step.technique else None
    if technique is None:
        return SECONDS_MIN, SECONDS_MAX
    return technique.min_seconds, technique.max_seconds


def total_seconds(draft: RoutineDraft, pacing: Pacing | None = None) -> int:
    """How long the routine takes, as ``routine.plan`` counts it (each side, the side
    switches and the get-ready before each step), even while the draft is not valid yet."""
    pacing = pacing or Pacing()
    total = pacing.transition_seconds * len(draft.steps)
    for step in draft.steps:
        total += step.seconds
        if step.side == "both":
            turning = turns_over(step.technique)
            total += step.seconds
            total += pacing.turn_over_seconds if turning else pacing.switch_side_seconds
    return total


def with_technique(step: StepDraft, technique_id: str, catalog: Catalog) -> StepDraft:
    """Pick a catalog technique: its name, instructions, tool, pressure and usual time.

    Empty ``technique_id`` makes the step custom and keeps its texts for editing.
    """
    if not technique_id:
        return replace(step, technique="")
    technique = catalog.get(technique_id)
    if technique is None:
        return replace(step, technique=technique_id)
    return replace(
        step,
        technique=technique.id,
        tool=technique.tool.value,
        name=technique.name,
        instructions=technique.instructions,
        pressure=technique.pressure.value,
        seconds=technique.default_seconds,
        start="",  # the technique's own lines are spoken
        prompts=(),
    )


# Where a problem points, for marking the field. ----------------------------------------


@dataclass(frozen=True, slots=True)
class Where:
    """A problem's place in the editor: a top field, or a step (and its field or cue)."""

    field: str
    step: int | None = None
    cue: int | None = None


def locate(problem: Problem) -> Where:
    """``$.steps[2].cues[0].at`` -> Where("at", step=2, cue=0); ``$.title`` -> Where("title")."""
    path = problem.path
    if not path.startswith("$.steps["):
        rest = path[2:] if path.startswith("$.") else ""
        return Where(rest.split(".")[-1] if rest else "")
    inside = path[len("$.steps[") :]
    index_text, _, tail = inside.partition("]")
    step = int(index_text) if index_text.isdigit() else None
    tail = tail.lstrip(".")
    if tail.startswith("cues["):
        cue_text, _, cue_tail = tail[len("cues[") :].partition("]")
        cue = int(cue_text) if cue_text.isdigit() else None
        return Where(cue_tail.lstrip(".") or "cues", step, cue)
    return Where(tail, step)
