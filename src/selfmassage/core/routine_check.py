"""Checking a routine the builder did not make against the safety answers and avoided places.

A built-in routine, a prescribed one, a file or "run again" may touch a place the person
marked to avoid, use a tool or a position an answer rules out, or press harder than an
answer allows. Before it starts, the steps that conflict are listed with the reason, and
the person chooses: skip them, make them light, or keep them (a physiotherapist may have
prescribed exactly that). A routine from the builder has no conflicts.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import TYPE_CHECKING

from selfmassage.core.anatomy import RegionSide
from selfmassage.core.language import _
from selfmassage.core.routine import Pressure, Routine, Step, StepSide
from selfmassage.core.safety import Screening
from selfmassage.core.safety_rules import PRESSURE_ORDER, Limits, because
from selfmassage.core.words import in_sentence, place_name, step_place

if TYPE_CHECKING:
    from selfmassage.core.catalog import Catalog


class Resolution(StrEnum):
    """What the person chose to do with the steps that conflict."""

    SKIP = "skip"
    LIGHTEN = "light"
    KEEP = "keep"


@dataclass(frozen=True, slots=True)
class Conflict:
    """One step that the answers or the avoided places rule out, and why."""

    index: int
    step: Step
    reasons: tuple[str, ...]
    avoided_sides: tuple[StepSide, ...] = ()
    """Sides of the step marked to avoid (for a midline region: none, see ``only_avoided``)."""
    removed: bool = False
    """Avoided as a whole, or left out by an answer: making it light cannot help."""
    only_sides: bool = False
    """The only problem is a side marked to avoid: the other side may still run."""

    @property
    def text(self) -> str:
        """ "Step 2, Calves, both sides: you marked the left calf to avoid." """
        place = step_place(self.step.region, self.step.side)
        # Translators: a step of a routine that conflicts with the safety answers, and why
        return _("Step {number}, {place}: {reasons}.").format(
            number=self.index + 1, place=place, reasons="; ".join(self.reasons)
        )


def _pressure(step: Step, catalog: Catalog | None) -> Pressure:
    """The step's pressure; unset, the technique's, or moderate when unknown."""
    if step.pressure is not None:
        return step.pressure
    technique = catalog.get(step.technique) if catalog and step.technique else None
    return technique.pressure if technique is not None else Pressure.MODERATE


def step_conflict(
    index: int,
    step: Step,
    limits: Limits,
    avoided: frozenset[RegionSide],
    catalog: Catalog | None,
) -> Conflict | None:
    """Why this step is ruled out, or None if it is not."""
    if step.is_breathing:
        return None
    reasons: list[str] = []
    avoided_sides: list[StepSide] = []
    for side in step.sides:
        if RegionSide(step.region, side) in avoided:
            reasons.append(
                _("you marked the {place} to avoid").format(
                    place=in_sentence(place_name(step.region, side))
                )
            )
            if side is not None:
                avoided_sides.append(StepSide(side.value))
    whole_avoided = len(reasons) == len(step.sides)
    left_out = limits.left_out(step.region)
    if left_out is not None:
        reasons.append(
            _("leave out the {place} ({reason})").format(
                place=in_sentence(place_name(step.region)), reason=because(left_out)
            )
        )
    side_reasons = len(reasons) - (1 if left_out is not None else 0)
    tool = limits.tool_ruled_out(step.region, step.tool)
    if tool is not None:
        reasons.append(
            _("no {tool} here ({reason})").format(
                tool=in_sentence(step.tool.label), reason=because(tool)
            )
        )
    technique = catalog.get(step.technique) if catalog and step.technique else None
    if technique is not None:
        position = limits.position_ruled_out(technique.position)
        if position is not None:
            reasons.append(
                _("not {position} ({reason})").format(
                    position=in_sentence(technique.position.label), reason=because(position)
                )
            )
    pressure = _pressure(step, catalog)
    cap, capped_by = limits.max_pressure(step.region)
    if capped_by is not None and PRESSURE_ORDER.index(pressure) > PRESSURE_ORDER.index(cap):
        reasons.append(
            _("{pressure} pressure at most ({reason})").format(
                pressure=cap.word, reason=because(capped_by)
            )
        )
    if not reasons:
        return None
    return Conflict(
        index,
        step,
        tuple(reasons),
        tuple(avoided_sides),
        removed=whole_avoided or left_out is not None,
        only_sides=side_reasons == len(reasons),
    )


def check_routine(
    routine: Routine,
    screening: Screening,
    avoided: Iterable[RegionSide] = (),
    catalog: Catalog | None = None,
) -> tuple[Conflict, ...]:
    """The steps that conflict with the answers or the avoided places, in order.

    A red flag is not a conflict of one step: ask ``screening.stops()`` first.
    """
    limits = Limits.of(screening)
    marked = frozenset(avoided)
    found = (
        step_conflict(index, step, limits, marked, catalog)
        for index, step in enumerate(routine.steps)
    )
    return tuple(conflict for conflict in found if conflict is not None)


def _other_sides(conflict: Conflict) -> Step | None:
    """The step without its avoided sides; None if no side is left."""
    step = conflict.step
    rest = [
        StepSide(side.value)
        for side in step.sides
        if side is not None and StepSide(side.value) not in conflict.avoided_sides
    ]
    if not rest or conflict.removed:
        return None
    return replace(step, side=rest[0]) if len(rest) == 1 else step


def _lightened(conflict: Conflict, limits: Limits, catalog: Catalog | None) -> Step | None:
    """The step made safe: its avoided side dropped, a ruled-out tool or position swapped
    for the region's next technique that is allowed, and light pressure."""
    from selfmassage.core.builder import choose_technique, make_step

    step = _other_sides(conflict) if conflict.avoided_sides else conflict.step
    if step is None or conflict.removed:
        return None
    technique = catalog.get(step.technique) if catalog and step.technique else None
    tool_out = limits.tool_ruled_out(step.region, step.tool) is not None
    position_out = (
        technique is not None and limits.position_ruled_out(technique.position) is not None
    )
    if tool_out or position_out:
        if catalog is None:
            return None
        other = choose_technique(catalog, step.region, [step.tool], limits=limits)
        if other is None:
            return None
        seconds = max(other.min_seconds, min(other.max_seconds, step.seconds))
        return make_step(step.region, step.side, other, seconds, Pressure.LIGHT)
    return replace(step, pressure=Pressure.LIGHT)


def resolve(
    routine: Routine,
    conflicts: Sequence[Conflict],
    how: Resolution,
    screening: Screening,
    catalog: Catalog | None = None,
) -> Routine:
    """The routine as the person chose: conflicting steps skipped, made light, or kept.

    Skipping a step whose only problem is an avoided side keeps its other side. A step
    that cannot be made light (an avoided place, a region left out) is skipped.
    """
    if how is Resolution.KEEP or not conflicts:
        return routine
    limits = Limits.of(screening)
    by_index = {conflict.index: conflict for conflict in conflicts}
    steps: list[Step] = []
    for index, step in enumerate(routine.steps):
        conflict = by_index.get(index)
        if conflict is None:
            steps.append(step)
            continue
        if how is Resolution.SKIP:
            kept = _other_sides(conflict) if conflict.only_sides else None
        else:
            kept = _lightened(conflict, limits, catalog)
        if kept is not None:
            steps.append(kept)
    return replace(routine, steps=tuple(steps))
