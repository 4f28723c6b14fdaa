from dataclasses import replace
from datetime import date

import msgspec

from selfmassage.core.catalog import load_catalog
from selfmassage.core.routine import Cue, Routine, Schedule, Step, StepSide, Tool
from selfmassage.core.routine_draft import (
    CueDraft,
    RoutineDraft,
    added_step,
    locate,
    moved_step,
    new_step,
    removed_step,
    with_region,
    with_step,
    with_technique,
)
from selfmassage.core.routine_file import Problem, dump_routine, parse_routine


def routine() -> Routine:
    return Routine(
        title="Post-run calves",
        author="A. Physio",
        description="Gently.",
        language="en",
        schedule=Schedule(3, 4, date(2026, 11, 2)),
        steps=(
            Step(
                "calves",
                90,
                StepSide.BOTH,
                Tool.FOAM_ROLLER,
                name="Calf roll",
                instructions="Roll slowly.",
                cues=(Cue(45, "Turn"),),
            ),
            Step("neck", 60, name="Neck", instructions="Knead."),
        ),
    )


def test_a_routine_round_trips_through_a_draft() -> None:
    draft = RoutineDraft.from_routine(routine())
    result = draft.check()
    assert result.ok, result.errors
    assert result.routine == routine()
    # The draft saves what the file writer writes.
    assert parse_routine(dump_routine(result.routine)).routine == routine()


def test_problems_are_the_readers_own_with_paths() -> None:
    draft = RoutineDraft.from_routine(routine())
    step = draft.steps[0]
    bad = with_step(draft, 0, replace(step, cues=(CueDraft(95, "x"),)))
    bad = replace(bad, title="  ", language="not a tag!")
    errors = [str(p) for p in bad.check().errors]
    assert "$.title: must not be empty" in errors
    assert any(e.startswith("$.language: must be a language tag") for e in errors)
    assert "$.steps[0].cues[0].at: must be less than the step's seconds (90), not 95" in errors
    # Exactly what the file reader says about the same document.
    assert [str(p) for p in parse_routine(_json(bad.document())).errors] == errors


def test_no_steps_is_an_error() -> None:
    assert [str(p) for p in RoutineDraft(title="x").check().errors] == [
        "$.steps: must hold at least one step"
    ]


def test_step_edits() -> None:
    catalog = load_catalog()
    draft = RoutineDraft(title="t")
    calf = new_step("calves", Tool.FOAM_ROLLER, catalog)
    assert calf.technique and calf.side == "both" and calf.instructions
    neck = new_step("neck", Tool.HANDS, catalog)
    assert neck.side is None
    draft = added_step(added_step(draft, calf), neck)
    assert draft.check().ok
    assert [s.region for s in moved_step(draft, 1, 0).steps] == ["neck", "calves"]
    assert [s.region for s in removed_step(draft, 0).steps] == ["neck"]

    moved = with_region(calf, "neck", catalog)
    assert moved.side is None and moved.technique == ""
    other = catalog.for_region("calves")[-1]
    picked = with_technique(calf, other.id, catalog)
    assert (picked.name, picked.tool) == (other.name, other.tool.value)
    custom = with_technique(picked, "", catalog)
    assert custom.technique == "" and custom.name == other.name


def test_problems_are_located() -> None:
    where = locate(Problem("$.steps[2].cues[0].at", "too late"))
    assert (where.field, where.step, where.cue) == ("at", 2, 0)
    assert locate(Problem("$.schedule.times_per_week", "x")).field == "times_per_week"
    assert locate(Problem("$.steps[1].seconds", "x")).step == 1


def _json(document: object) -> bytes:
    return msgspec.json.encode(document)


def test_a_new_region_takes_its_catalog_technique_for_the_tool() -> None:
    from selfmassage.core.routine_draft import retargeted, written_by_hand

    catalog = load_catalog()
    calf = new_step("calves", Tool.FOAM_ROLLER, catalog)
    assert calf.technique.startswith("calves.") and not written_by_hand(calf, catalog)
    quad = retargeted(replace(calf, seconds=75), catalog, region_id="quads")
    best = catalog.default_for("quads", Tool.FOAM_ROLLER)
    assert best is not None
    assert (quad.region, quad.technique, quad.name, quad.instructions) == (
        "quads",
        best.id,
        best.name,
        best.instructions,
    )
    assert quad.seconds == 75  # the person's time stays
    # Another tool: that tool's technique, or plain words where the catalog has none.
    by_hand = retargeted(quad, catalog, tool="hands")
    hands = catalog.default_for("quads", Tool.HANDS)
    if hands is not None:
        assert by_hand.technique == hands.id and by_hand.instructions == hands.instructions
    else:
        assert by_hand.technique == "" and "quadriceps" in by_hand.instructions.lower()
    assert "calf" not in by_hand.instructions.lower()


def test_text_written_by_hand_is_known_and_can_be_kept() -> None:
    from selfmassage.core.routine_draft import moved_keeping_text, written_by_hand

    catalog = load_catalog()
    calf = new_step("calves", Tool.FOAM_ROLLER, catalog)
    own = replace(calf, instructions="Slowly, as we practised.", technique="")
    assert written_by_hand(own, catalog)
    kept = moved_keeping_text(own, region_id="neck")
    assert (kept.region, kept.side, kept.technique) == ("neck", None, "")
    assert kept.instructions == "Slowly, as we practised."


def test_total_time_and_the_seconds_a_step_may_run() -> None:
    from selfmassage.core.routine import Pacing, plan
    from selfmassage.core.routine_draft import seconds_range, total_seconds

    catalog = load_catalog()
    draft = RoutineDraft.from_routine(routine())
    checked = draft.check().routine
    assert checked is not None
    assert total_seconds(draft) == plan(checked, Pacing()).total_seconds
    step = new_step("calves", Tool.FOAM_ROLLER, catalog)
    technique = catalog.get(step.technique)
    assert technique is not None
    assert seconds_range(step, catalog) == (technique.min_seconds, technique.max_seconds)
    assert seconds_range(replace(step, technique=""), catalog) == (5, 1800)


def test_breathing_steps_and_calm_cues_keep_through_a_draft_in_the_lowest_version() -> None:
    from selfmassage.core.breathing import BreathPattern
    from selfmassage.core.routine import CueStyle, breathing_step

    routine = Routine(
        "Wind down",
        (breathing_step(120, BreathPattern(4, 2, 6), "Breathe", "Slowly."), Step("neck", 60)),
        cues=CueStyle.CALM,
    )
    draft = RoutineDraft.from_routine(routine)
    assert draft.document()["version"] == 2
    result = draft.check()
    assert result.routine is not None and result.warnings == ()
    assert result.routine.cues is CueStyle.CALM
    assert result.routine.steps[0] == routine.steps[0]
    assert result.routine.steps[1].region == "neck"
    # Without them, the editor writes version 1, as it always did.
    plain = RoutineDraft.from_routine(Routine("Plain", (Step("neck", 60),)))
    assert plain.document()["version"] == 1
