"""The preview page's edits as pure functions, and undo."""

from __future__ import annotations

import pytest

from selfmassage.core.anatomy import RegionSide
from selfmassage.core.builder import BuildRequest, Built, build_routine
from selfmassage.core.catalog import load_catalog
from selfmassage.core.routine import Cue, Routine, Step, StepSide, Tool
from selfmassage.core.routine_edit import (
    EditHistory,
    alternatives,
    move_step,
    remove_step,
    seconds_range,
    set_seconds,
    switch_technique,
)
from selfmassage.core.selection import Selection

CATALOG = load_catalog()


@pytest.fixture
def routine() -> Routine:
    keys = ["neck", "calves-left", "calves-right", "quads-left", "feet-right"]
    selection = Selection.of(RegionSide.parse(key) for key in keys)
    result = build_routine(BuildRequest(selection, frozenset({Tool.FOAM_ROLLER}), 10))
    assert isinstance(result, Built)
    return result.routine


def _regions(routine: Routine) -> list[str]:
    return [step.region for step in routine.steps]


def test_move_and_remove(routine: Routine) -> None:
    before = _regions(routine)
    moved = move_step(routine, 0, 2)
    assert _regions(moved) == [before[1], before[2], before[0], before[3]]
    assert move_step(routine, 3, 99).steps[-1] == routine.steps[3]
    assert move_step(routine, 1, 1) is routine
    assert _regions(remove_step(routine, 1)) == [before[0], before[2], before[3]]
    with pytest.raises(IndexError, match="no step 5"):
        remove_step(routine, 4)


def test_seconds_stay_in_the_technique_range_and_cues_follow(routine: Routine) -> None:
    index = _regions(routine).index("calves")
    step = routine.steps[index]
    assert seconds_range(step, CATALOG) == (30, 120)
    shorter = set_seconds(routine, index, 40, CATALOG).steps[index]
    assert shorter.seconds == 40
    assert all(cue.at < 40 for cue in shorter.cues) and len(shorter.cues) == len(step.cues)
    assert set_seconds(routine, index, 5000, CATALOG).steps[index].seconds == 120
    assert set_seconds(routine, index, 1, CATALOG).steps[index].seconds == 30


def test_a_step_from_a_file_keeps_its_own_cues_and_range() -> None:
    step = Step(
        "calves", 300, StepSide.LEFT, Tool.HANDS, name="Physio's calf", cues=(Cue(250, "x"),)
    )
    routine = Routine("From a file", (step,))
    assert seconds_range(step, CATALOG) == (5, 1800)
    edited = set_seconds(routine, 0, 200, CATALOG).steps[0]
    assert edited.seconds == 200 and edited.cues == ()


def test_switch_technique_keeps_region_side_and_tool(routine: Routine) -> None:
    index = _regions(routine).index("calves")
    options = alternatives(routine.steps[index], CATALOG)
    assert [t.tool for t in options] == [Tool.FOAM_ROLLER]
    hands = CATALOG.for_region("calves", Tool.HANDS)[0]
    switched = switch_technique(routine, index, hands, CATALOG).steps[index]
    assert switched.technique == hands.id and switched.name == hands.name
    assert switched.side is StepSide.BOTH and switched.region == "calves"
    with pytest.raises(ValueError, match="not a technique for calves"):
        switch_technique(routine, index, CATALOG.for_region("neck")[0], CATALOG)


def test_undo_takes_back_each_edit_and_merges_one_spin_box(routine: Routine) -> None:
    history = EditHistory(routine)
    assert not history.can_undo
    assert not history.apply(routine)
    history.apply(remove_step(routine, 0))
    for seconds in (50, 55, 60):
        history.apply(set_seconds(history.current, 0, seconds, CATALOG), merge=("seconds", 0))
    assert history.current.steps[0].seconds == 60
    assert history.undo()
    assert history.current == remove_step(routine, 0)
    assert history.undo()
    assert history.current == routine
    assert not history.undo()
    assert history.redo() and history.current == remove_step(routine, 0)
