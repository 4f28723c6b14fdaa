"""Properties of the builder for any selection, tools, budget, intensity and pacing."""

from __future__ import annotations

import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from selfmassage.core.anatomy import ALL_REGION_SIDES, RegionSide, region
from selfmassage.core.builder import (
    FIT_SECONDS,
    SORE_LEVEL,
    SORE_SECONDS,
    UNRATED_SORENESS,
    BuildRequest,
    Built,
    Refusal,
    build_routine,
)
from selfmassage.core.catalog import Technique, load_catalog
from selfmassage.core.routine import Pacing, Routine, Step, StepSide, Tool, plan
from selfmassage.core.routine_options import BUDGET_CHOICES, Intensity
from selfmassage.core.selection import Selection

CATALOG = load_catalog()


@st.composite
def selections(draw: st.DrawFn) -> Selection:
    places = draw(st.lists(st.sampled_from(ALL_REGION_SIDES), unique=True, max_size=42))
    levels = draw(
        st.lists(
            st.one_of(st.none(), st.integers(0, 10)),
            min_size=len(places),
            max_size=len(places),
        )
    )
    avoided = draw(st.lists(st.sampled_from(ALL_REGION_SIDES), unique=True, max_size=8))
    return Selection(dict(zip(places, levels, strict=True)), frozenset(avoided))


requests = st.builds(
    BuildRequest,
    selection=selections(),
    tools=st.frozensets(st.sampled_from(list(Tool))),
    budget_minutes=st.sampled_from([*BUDGET_CHOICES, None]),
    intensity=st.sampled_from(list(Intensity)),
    pacing=st.builds(
        Pacing,
        transition_seconds=st.integers(0, 30),
        switch_side_seconds=st.integers(0, 15),
    ),
)

PROPERTY = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _technique(step: Step) -> Technique:
    assert step.technique is not None
    technique = CATALOG.get(step.technique)
    assert technique is not None
    return technique


def _places(step: Step) -> set[RegionSide]:
    return {RegionSide(step.region, side) for side in step.sides}


def _minimum_total(request: BuildRequest, routine: Routine) -> int:
    shortest = tuple(
        Step(s.region, _technique(s).min_seconds, s.side, s.tool, s.technique)
        for s in routine.steps
    )
    return plan(Routine("", shortest), request.pacing).total_seconds


@PROPERTY
@given(requests)
def test_any_request_gives_a_routine_within_budget_or_a_plain_refusal(
    request: BuildRequest,
) -> None:
    result = build_routine(request)
    wanted = {p for p in request.selection.selected if not request.selection.is_avoided(p)}
    if not wanted:
        assert isinstance(result, Refusal)
        assert "Pick at least one" in result.message
        return
    budget = request.budget_seconds
    if isinstance(result, Refusal):
        assert budget is not None
        assert result.choices, "a refusal always offers a way out"
        assert "fewer regions" in result.message and "more time" in result.message
        for choice in result.choices:
            assert isinstance(build_routine(choice.request), Built), choice.label
        return
    assert isinstance(result, Built)
    routine = result.routine
    total = plan(routine, request.pacing).total_seconds
    if budget is not None:
        assert total <= budget
        all_at_max = all(s.seconds == _technique(s).max_seconds for s in routine.steps)
        assert total >= budget - FIT_SECONDS or all_at_max
        assert _minimum_total(request, routine) <= budget


@PROPERTY
@given(requests)
def test_refused_only_when_even_the_minimum_times_do_not_fit(request: BuildRequest) -> None:
    result = build_routine(request)
    if not isinstance(result, Refusal) or not request.selection.selected:
        return
    no_limit = build_routine(
        BuildRequest(request.selection, request.tools, None, request.intensity, request.pacing)
    )
    assert isinstance(no_limit, Built)
    assert request.budget_seconds is not None
    assert _minimum_total(request, no_limit.routine) > request.budget_seconds


@PROPERTY
@given(requests)
def test_exactly_the_selected_places_appear_and_never_an_avoided_one(
    request: BuildRequest,
) -> None:
    result = build_routine(request)
    if not isinstance(result, Built):
        return
    covered: set[RegionSide] = set()
    for step in result.routine.steps:
        covered |= _places(step)
    selected = set(request.selection.selected)
    assert not covered & request.selection.avoided
    assert covered == selected


@PROPERTY
@given(requests)
def test_both_sides_of_a_region_run_back_to_back(request: BuildRequest) -> None:
    result = build_routine(request)
    if not isinstance(result, Built):
        return
    regions = [step.region for step in result.routine.steps]
    for region_id in set(regions):
        first = regions.index(region_id)
        last = len(regions) - 1 - regions[::-1].index(region_id)
        assert regions[first : last + 1] == [region_id] * (last - first + 1)


@PROPERTY
@given(requests)
def test_position_changes_no_more_often_than_the_positions_need(request: BuildRequest) -> None:
    result = build_routine(request)
    if not isinstance(result, Built):
        return
    positions = [_technique(step).position for step in result.routine.steps]
    changes = sum(1 for a, b in itertools.pairwise(positions) if a != b)
    assert changes <= len(set(positions)) - 1
    ranks = [p.rank for p in positions]
    assert ranks == sorted(ranks), "standing, then seated, then the floor"


@PROPERTY
@given(requests)
def test_steps_are_self_contained_and_use_only_owned_tools(request: BuildRequest) -> None:
    result = build_routine(request)
    if not isinstance(result, Built):
        return
    owned = request.tools | {Tool.HANDS}
    for step in result.routine.steps:
        technique = _technique(step)
        assert step.tool in owned
        assert step.region in technique.regions
        assert step.name == technique.name and step.instructions == technique.instructions
        assert technique.min_seconds <= step.seconds <= technique.max_seconds
        assert [cue.say for cue in step.cues] == list(technique.prompts)
        assert all(0 < cue.at < step.seconds for cue in step.cues)
        assert [cue.at for cue in step.cues] == sorted({cue.at for cue in step.cues})
        if step.tool is Tool.MASSAGE_GUN:
            assert step.pressure != "firm"
        if request.intensity is Intensity.GENTLE:
            assert step.pressure == "light"
            assert step.tool is not Tool.MASSAGE_GUN


def _soreness(request: BuildRequest, step: Step) -> int:
    levels = [request.selection.soreness[place] for place in _places(step)]
    return max(UNRATED_SORENESS if level is None else level for level in levels)


@PROPERTY
@given(requests)
def test_sorer_regions_get_more_time(request: BuildRequest) -> None:
    result = build_routine(request)
    if not isinstance(result, Built):
        return
    steps = result.routine.steps
    if request.budget_minutes is None:
        for step in steps:
            if _soreness(request, step) >= SORE_LEVEL:
                assert step.seconds >= min(SORE_SECONDS, _technique(step).max_seconds)
    for a in steps:
        for b in steps:
            same_range = (_technique(a).min_seconds, _technique(a).max_seconds) == (
                _technique(b).min_seconds,
                _technique(b).max_seconds,
            )
            budgeted = request.budget_minutes is not None
            if budgeted and same_range and _soreness(request, a) > _soreness(request, b):
                # Whole seconds are handed out in fives: a two-sided step can miss one.
                assert a.seconds + 10 >= b.seconds


def test_a_sore_calf_gets_clearly_more_time_than_a_mild_one() -> None:
    mild = ("hamstrings-left", "quads-left", "glutes-left")
    selection = Selection(
        {RegionSide.parse("calves-left"): 9} | {RegionSide.parse(key): 1 for key in mild}
    )
    result = build_routine(BuildRequest(selection, frozenset({Tool.FOAM_ROLLER}), 5))
    assert isinstance(result, Built)
    seconds = {step.region: step.seconds for step in result.routine.steps}
    assert seconds["calves"] >= seconds["hamstrings"] + 30


def test_both_sides_become_one_step_with_a_switch() -> None:
    selection = Selection.of([RegionSide.parse("calves-left"), RegionSide.parse("calves-right")])
    result = build_routine(BuildRequest(selection, frozenset(), 5))
    assert isinstance(result, Built)
    (step,) = result.routine.steps
    assert step.side is StepSide.BOTH
    # Its get-ready, two sides at the longest useful 120 s and one switch: less than
    # the 5 minutes.
    assert step.seconds == 120
    assert plan(result.routine, Pacing()).total_seconds == 10 + 120 + 5 + 120
    assert "ends before your budget" in result.notes[0]
    assert result.routine.title == "Calves — 4 min", "the title says how long it really takes"


@settings(max_examples=60, deadline=None)
@given(requests)
def test_a_built_routine_is_a_valid_routine_file_and_reads_back_the_same(
    request: BuildRequest,
) -> None:
    from selfmassage.core.routine_file import dump_routine, parse_routine

    result = build_routine(request)
    if not isinstance(result, Built):
        return
    read = parse_routine(dump_routine(result.routine))
    assert read.errors == () and read.warnings == ()
    assert read.routine == result.routine


def test_a_refusal_says_what_is_needed_and_offers_both_ways_out() -> None:
    selection = Selection.of(ALL_REGION_SIDES)
    result = build_routine(BuildRequest(selection, frozenset(Tool), 5))
    assert isinstance(result, Refusal)
    assert "21 regions need at least" in result.message
    labels = [choice.label for choice in result.choices]
    assert labels[0] == "Take 30 minutes"
    assert labels[1].startswith("Keep only the ")
    assert result.choices[0].request.budget_minutes == 30
    fewer = result.choices[1].request.selection
    assert 0 < len({p.region_id for p in fewer.selected}) < 21


def test_the_title_names_the_regions_in_the_order_of_the_steps() -> None:
    keys = ("quads-left", "quads-right", "shins-left", "shins-right", "calves-left")
    selection = Selection.of([RegionSide.parse(key) for key in keys])
    result = build_routine(BuildRequest(selection, frozenset({Tool.FOAM_ROLLER}), 10))
    assert isinstance(result, Built)
    regions = [step.region for step in result.routine.steps]
    assert regions.index("shins") < regions.index("quads"), "the floor steps start low"
    assert result.routine.title.startswith("Calves, Shins and Quadriceps — ")


@settings(max_examples=100, deadline=None)
@given(requests)
def test_a_title_names_each_region_once_in_step_order(request: BuildRequest) -> None:
    result = build_routine(request, CATALOG)
    if not isinstance(result, Built):
        return
    names = list(dict.fromkeys(region(s.region).name.split(" (")[0] for s in result.routine.steps))
    if len(names) > 3:
        head = f"{', '.join(names[:3])} and {len(names) - 3} more"
    else:
        head = " and ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)
    assert result.routine.title.startswith(head + " — ")
