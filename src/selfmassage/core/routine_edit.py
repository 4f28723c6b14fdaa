"""Edits to a routine on the preview page, as pure functions, and their undo history.

Every edit returns a new Routine; the page only shows the result. Seconds are kept in
the range the file format allows and, for a known technique, in the technique's range.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from selfmassage.core.builder import make_step
from selfmassage.core.catalog import Catalog, Technique
from selfmassage.core.routine import Routine, Step

FILE_MIN_SECONDS = 5
FILE_MAX_SECONDS = 1800


def _check_index(routine: Routine, index: int) -> None:
    if not 0 <= index < len(routine.steps):
        raise IndexError(f"no step {index + 1}: the routine has {len(routine.steps)} steps")


def move_step(routine: Routine, index: int, to: int) -> Routine:
    """Move step ``index`` so that it ends up at position ``to`` (clamped to the ends)."""
    _check_index(routine, index)
    to = max(0, min(to, len(routine.steps) - 1))
    if to == index:
        return routine
    steps = list(routine.steps)
    step = steps.pop(index)
    steps.insert(to, step)
    return replace(routine, steps=tuple(steps))


def remove_step(routine: Routine, index: int) -> Routine:
    _check_index(routine, index)
    return replace(routine, steps=routine.steps[:index] + routine.steps[index + 1 :])


def seconds_range(step: Step, catalog: Catalog) -> tuple[int, int]:
    """The seconds a step may take: its technique's range, or what the file format allows."""
    technique = catalog.get(step.technique) if step.technique else None
    if technique is None or step.region not in technique.regions:
        return FILE_MIN_SECONDS, FILE_MAX_SECONDS
    # A step read from a file may already run longer or shorter: never clamp it away.
    low = min(technique.min_seconds, step.seconds)
    high = max(technique.max_seconds, step.seconds)
    return low, high


def _cues_for(step: Step, seconds: int, catalog: Catalog) -> Step:
    technique = catalog.get(step.technique) if step.technique else None
    if technique is not None and step.name == technique.name:
        # A step the catalog wrote: its prompts are spread over the step, so re-spread them.
        fresh = make_step(step.region, step.side, technique, seconds, step.pressure)
        return replace(step, seconds=seconds, cues=fresh.cues)
    return replace(step, seconds=seconds, cues=tuple(c for c in step.cues if c.at < seconds))


def set_seconds(routine: Routine, index: int, seconds: int, catalog: Catalog) -> Routine:
    _check_index(routine, index)
    step = routine.steps[index]
    low, high = seconds_range(step, catalog)
    seconds = max(low, min(high, seconds))
    if seconds == step.seconds:
        return routine
    steps = list(routine.steps)
    steps[index] = _cues_for(step, seconds, catalog)
    return replace(routine, steps=tuple(steps))


def alternatives(step: Step, catalog: Catalog) -> list[Technique]:
    """Other techniques for the step's region and tool, the step's own first if known."""
    return catalog.for_region(step.region, step.tool)


def switch_technique(
    routine: Routine, index: int, technique: Technique, catalog: Catalog
) -> Routine:
    """Use another technique for a step: its name, instructions, cues and seconds range."""
    _check_index(routine, index)
    step = routine.steps[index]
    if step.region not in technique.regions:
        raise ValueError(f"{technique.id} is not a technique for {step.region}")
    if technique.id == step.technique:
        return routine
    seconds = max(technique.min_seconds, min(technique.max_seconds, step.seconds))
    steps = list(routine.steps)
    steps[index] = make_step(step.region, step.side, technique, seconds)
    return replace(routine, steps=tuple(steps))


@dataclass
class EditHistory:
    """The routine being edited and the routines before each edit, for undo.

    Edits with the same ``merge`` key in a row (e.g. the arrows of one seconds box)
    count as one, so one undo takes them all back.
    """

    current: Routine
    _undo: list[Routine] = field(default_factory=list)
    _redo: list[Routine] = field(default_factory=list)
    _last_merge: object = None

    def apply(self, routine: Routine, merge: object = None) -> bool:
        """Record an edit; False (and nothing recorded) if it changed nothing."""
        if routine == self.current:
            return False
        if merge is None or merge != self._last_merge or not self._undo:
            self._undo.append(self.current)
        self._last_merge = merge
        self.current = routine
        self._redo.clear()
        return True

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    def undo(self) -> bool:
        if not self._undo:
            return False
        self._redo.append(self.current)
        self.current = self._undo.pop()
        self._last_merge = None
        return True

    def redo(self) -> bool:
        if not self._redo:
            return False
        self._undo.append(self.current)
        self.current = self._redo.pop()
        self._last_merge = None
        return True
