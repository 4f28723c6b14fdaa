"""Finding the right routine: by the tools owned, by length, by place or title."""

from __future__ import annotations

from pathlib import Path

import pytest

from selfmassage.core.library import Library, builtin_routines_dir
from selfmassage.core.library_filter import (
    SHORT_DESCRIPTION_MAX,
    LibraryFilter,
    needed_tools,
    short_description,
)
from selfmassage.core.place_search import places_named
from selfmassage.core.routine import Pacing, Routine, Step, plan
from selfmassage.core.tools import Tool

BUILT_IN: list[Routine] = [
    entry.routine
    for entry in Library(Path("/nonexistent"), builtin_routines_dir()).builtin_entries()
    if entry.routine is not None
]


def found(wanted: LibraryFilter) -> set[str]:
    return {routine.title for routine in BUILT_IN if wanted.matches(routine)}


@pytest.mark.parametrize(
    ("query", "places"),
    [
        ("calf", {"calves"}),
        ("Calves", {"calves"}),
        ("lower back", {"lower-back"}),
        ("low back", {"lower-back"}),
        ("back", {"upper-back", "lats", "lower-back"}),  # not the back of the neck
        ("back of the thigh", {"hamstrings"}),
        ("bum", {"glutes"}),
        ("heel", {"feet"}),
        ("arch", {"feet"}),
        ("foot", {"feet"}),
        ("IT-band", {"outer-thighs"}),
        ("hips", {"glutes", "hip-flexors", "outer-thighs"}),
        ("quadriceps", {"quads"}),
        ("  NECK ", {"neck"}),
        ("wrist", {"forearms"}),
        ("elbow", set()),
        ("", set()),
    ],
)
def test_a_place_is_found_by_its_name_or_lay_words(query: str, places: set[str]) -> None:
    assert places_named(query) == places


def test_the_default_filter_shows_everything() -> None:
    assert not LibraryFilter().active
    assert found(LibraryFilter()) == {routine.title for routine in BUILT_IN}


def test_with_hands_only_the_routines_that_need_no_tool() -> None:
    hands = found(LibraryFilter(owned=frozenset()))
    assert {"Hands only, no tools", "Gentle, for pregnancy"} <= hands
    assert "After cycling" not in hands and "Full body in 20 minutes" not in hands
    for routine in BUILT_IN:
        assert (routine.title in hands) == all(s.tool is Tool.HANDS for s in routine.steps)


def test_owned_tools_show_the_routines_they_are_enough_for() -> None:
    roller = found(LibraryFilter(owned=frozenset({Tool.FOAM_ROLLER})))
    assert {"Warm-up before exercise", "The day after leg day", "After cycling"} <= roller
    assert "Hands only, no tools" in roller  # hands are always there
    assert "Gentle and seated" not in roller  # it needs a ball
    everything = found(LibraryFilter(owned=frozenset(Tool)))
    assert everything == {routine.title for routine in BUILT_IN}
    for routine in BUILT_IN:
        assert (routine.title in roller) == (needed_tools(routine) <= {Tool.FOAM_ROLLER})


def test_length_keeps_the_routines_that_fit_as_the_time_column_rounds_them() -> None:
    short = found(LibraryFilter(longest_minutes=10))
    assert {"Warm-up before exercise", "Heel and arch", "Desk worker's lower back and hips"} <= (
        short
    )
    assert "Full body in 20 minutes" not in short
    for routine in BUILT_IN:
        minutes = (plan(routine, Pacing()).total_seconds + 30) // 60
        assert (routine.title in short) == (minutes <= 10), routine.title
    ten_and_a_bit = Routine("R", (Step("neck", 600), Step("neck", 5)))  # 10 min 15 s
    assert LibraryFilter(longest_minutes=10).matches(ten_and_a_bit)
    assert not LibraryFilter(longest_minutes=10).matches(ten_and_a_bit, Pacing(60, 5))


def test_search_by_place_or_title() -> None:
    heel = found(LibraryFilter(search="heel"))
    assert "Heel and arch" in heel and "Desk neck and shoulders" not in heel
    assert all(any(s.region == "feet" for s in r.steps) for r in BUILT_IN if r.title in heel)
    lower_back = found(LibraryFilter(search="lower back"))
    assert {"Desk worker's lower back and hips", "Full body in 20 minutes"} <= lower_back
    assert found(LibraryFilter(search="cycling")) == {"After cycling"}
    assert found(LibraryFilter(search="zzz")) == set()


def test_filters_combine() -> None:
    wanted = LibraryFilter(owned=frozenset(), longest_minutes=15, search="neck")
    assert wanted.active
    titles = found(wanted)
    assert "Hands only, no tools" in titles and "Gentle, for pregnancy" in titles
    assert "After cycling" not in titles  # needs a roller


def test_the_short_description_is_the_first_sentence_within_the_limit() -> None:
    assert short_description("After a ride: legs.  Then more.") == "After a ride: legs."
    long = "word " * 40
    short = short_description(long)
    assert len(short) <= SHORT_DESCRIPTION_MAX and short.endswith("…")
    assert short_description("") == ""
    for routine in BUILT_IN:
        assert 0 < len(short_description(routine.description)) <= SHORT_DESCRIPTION_MAX
