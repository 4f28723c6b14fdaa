"""The safety answers act: on what the builder makes, and on routines checked before Start."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from selfmassage.core.anatomy import RegionSide, Side
from selfmassage.core.builder import BuildRequest, Built, Refusal, build_routine
from selfmassage.core.catalog import Position, load_catalog
from selfmassage.core.library import Library, builtin_routines_dir
from selfmassage.core.routine import Pressure, Routine, Step, StepSide, Tool
from selfmassage.core.routine_check import Resolution, check_routine, resolve
from selfmassage.core.routine_options import BUDGET_CHOICES, Intensity
from selfmassage.core.safety import QUESTIONS, Answer, Screening, stop_message
from selfmassage.core.safety_rules import PRESSURE_ORDER, Limits
from selfmassage.core.selection import Selection
from tests.core.test_builder_properties import selections

CATALOG = load_catalog()
PROPERTY = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

screenings = st.dictionaries(
    st.sampled_from([q.id for q in QUESTIONS]), st.sampled_from(list(Answer))
).map(Screening)

requests = st.builds(
    BuildRequest,
    selection=selections(),
    tools=st.frozensets(st.sampled_from(list(Tool))),
    budget_minutes=st.sampled_from([*BUDGET_CHOICES, None]),
    intensity=st.sampled_from(list(Intensity)),
    screening=screenings,
)


def _breaks_a_rule(step: Step, limits: Limits, avoided: frozenset[RegionSide]) -> list[str]:
    broken = []
    if any(RegionSide(step.region, side) in avoided for side in step.sides):
        broken.append("avoided place")
    if limits.left_out(step.region):
        broken.append("region left out")
    if limits.tool_ruled_out(step.region, step.tool):
        broken.append("tool")
    cap, _ = limits.max_pressure(step.region)
    assert step.pressure is not None
    if PRESSURE_ORDER.index(step.pressure) > PRESSURE_ORDER.index(cap):
        broken.append("pressure")
    technique = CATALOG.get(step.technique or "")
    assert technique is not None
    if limits.position_ruled_out(technique.position):
        broken.append("position")
    return broken


@PROPERTY
@given(requests)
def test_no_built_routine_holds_what_the_answers_rule_out(request: BuildRequest) -> None:
    result = build_routine(request, CATALOG)
    limits = Limits.of(request.screening)
    if limits.stops:
        assert isinstance(result, Refusal) and result.red_flag and not result.choices
        assert "see a doctor today" in result.message or "well again" in result.message
        return
    if not isinstance(result, Built):
        assert not result.red_flag
        return
    for step in result.routine.steps:
        assert _breaks_a_rule(step, limits, request.selection.avoided) == [], step
    # What the builder makes passes the check before Start untouched.
    assert (
        check_routine(result.routine, request.screening, request.selection.avoided, CATALOG) == ()
    )


BUILT_IN = [
    entry.routine
    for entry in Library(Path("/nonexistent"), builtin_routines_dir()).builtin_entries()
    if entry.routine is not None
]


def test_the_built_in_routines_are_read() -> None:
    assert len(BUILT_IN) >= 16


@PROPERTY
@given(screenings, selections())
def test_a_built_in_routine_skipped_or_made_light_keeps_no_conflict(
    screening: Screening, selection: Selection
) -> None:
    for routine in BUILT_IN:
        conflicts = check_routine(routine, screening, selection.avoided, CATALOG)
        for how in (Resolution.SKIP, Resolution.LIGHTEN):
            fixed = resolve(routine, conflicts, how, screening, CATALOG)
            assert check_routine(fixed, screening, selection.avoided, CATALOG) == (), how
        assert resolve(routine, conflicts, Resolution.KEEP, screening, CATALOG) == routine


def _built(screening: Screening, *places: RegionSide, tools: set[Tool] | None = None) -> Built:
    request = BuildRequest(
        Selection.of(places),
        frozenset(tools or set(Tool)),
        None,
        Intensity.DEEP,
        screening=screening,
    )
    result = build_routine(request, CATALOG)
    assert isinstance(result, Built), result
    return result


CALF = RegionSide("calves", Side.LEFT)


def test_blood_thinners_drop_the_gun_and_cap_pressure_and_say_why() -> None:
    screening = Screening({"blood-thinners": Answer.YES})
    built = _built(screening, CALF, tools={Tool.MASSAGE_GUN})
    (step,) = built.routine.steps
    assert step.tool is Tool.HANDS and step.pressure is Pressure.LIGHT
    assert any("hands instead of the massage gun" in note for note in built.notes)
    assert any("light pressure instead of moderate" in note for note in built.notes)
    assert all("blood thinners" in note for note in built.notes)


def test_pregnancy_leaves_out_the_belly_and_never_lies_face_down() -> None:
    screening = Screening({"pregnancy": Answer.UNSURE})
    hip = RegionSide("hip-flexors", Side.LEFT)
    built = _built(screening, RegionSide("abdomen"), hip, RegionSide("quads", Side.RIGHT))
    assert {s.region for s in built.routine.steps} == {"hip-flexors", "quads"}
    assert "Left out: Abdomen (pregnancy)." in built.notes
    for step in built.routine.steps:
        technique = CATALOG.get(step.technique or "")
        assert technique is not None
        assert technique.position is not Position.LYING_FACE_DOWN
    quads = next(s for s in built.routine.steps if s.region == "quads")
    assert CATALOG.get(quads.technique or "").position is Position.SEATED  # type: ignore[union-attr]


def test_a_red_flag_stops_with_see_a_doctor_and_nothing_else() -> None:
    screening = Screening({"hot-swollen-calf": Answer.YES, "neck": Answer.NO})
    request = BuildRequest(Selection.of([CALF]), screening=screening)
    result = build_routine(request, CATALOG)
    assert isinstance(result, Refusal) and result.red_flag and result.choices == ()
    assert result.message.startswith("Do not massage today: see a doctor today.")
    assert "A hot, swollen calf" in result.message
    fever = stop_message(Screening({"fever-or-infection": Answer.YES}).stops())
    assert "well again" in fever and "doctor today" not in fever.split("\n")[0]


def test_a_routine_on_an_avoided_place_conflicts_and_skipping_keeps_the_other_side() -> None:
    routine = Routine(
        "Legs",
        (
            Step("neck", 60),
            Step("calves", 60, StepSide.BOTH, Tool.FOAM_ROLLER, "calves.foam-roller.roll"),
        ),
    )
    conflicts = check_routine(routine, Screening({}), {CALF}, CATALOG)
    assert [c.index for c in conflicts] == [1]
    assert conflicts[0].text == "Step 2, Calves, both sides: you marked the left calf to avoid."
    skipped = resolve(routine, conflicts, Resolution.SKIP, Screening({}), CATALOG)
    assert [(s.region, s.side) for s in skipped.steps] == [
        ("neck", None),
        ("calves", StepSide.RIGHT),
    ]


def test_making_light_swaps_a_ruled_out_tool_and_lightens_pressure() -> None:
    screening = Screening({"blood-clots": Answer.YES})
    routine = Routine(
        "Calves",
        (Step("calves", 60, StepSide.BOTH, Tool.MASSAGE_GUN, None, pressure=Pressure.MODERATE),),
    )
    (conflict,) = check_routine(routine, screening, (), CATALOG)
    assert "no massage gun here (history of blood clots)" in conflict.reasons
    assert "light pressure at most (history of blood clots)" in conflict.reasons
    (light,) = resolve(routine, (conflict,), Resolution.LIGHTEN, screening, CATALOG).steps
    assert light.tool is Tool.HANDS and light.pressure is Pressure.LIGHT
    assert light.side is StepSide.BOTH
