"""Each built-in routine fits what it promises: the people it is for, the tools it needs,
its length, and the safety answers it must pass without a change (docs/catalog.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from selfmassage.commands.routine import check_command
from selfmassage.core.catalog import load_catalog
from selfmassage.core.library import Library, LibraryEntry, builtin_routines_dir
from selfmassage.core.routine import Pressure, Routine, Tool
from selfmassage.core.routine_check import check_routine
from selfmassage.core.safety import Answer, Screening
from selfmassage.core.timeline import build_timeline
from selfmassage.core.tools import Position
from tests.core.unsupported_claims import claims

CATALOG = load_catalog()
ENTRIES: list[LibraryEntry] = Library(
    Path("/nonexistent"), builtin_routines_dir()
).builtin_entries()
BY_FILE: dict[str, Routine] = {
    entry.path.stem: entry.routine for entry in ENTRIES if entry.routine is not None
}


def positions(routine: Routine) -> set[Position]:
    found: set[Position] = set()
    for step in routine.steps:
        technique = CATALOG.get(step.technique or "")
        assert technique is not None, (routine.title, step.technique)
        found.add(technique.position)
    return found


def test_every_built_in_reads_and_has_a_description_tools_and_a_length() -> None:
    assert all(entry.ok for entry in ENTRIES)
    assert len({entry.title for entry in ENTRIES}) == len(ENTRIES)
    for entry in ENTRIES:
        routine = entry.routine
        assert routine is not None
        assert 60 <= len(routine.description) <= 600, routine.title
        assert entry.tools, routine.title
        assert 4 * 60 <= entry.total_seconds() <= 25 * 60, routine.title


@pytest.mark.parametrize("name", sorted(BY_FILE))
def test_every_built_in_uses_catalog_techniques_within_their_limits(name: str) -> None:
    for step in BY_FILE[name].steps:
        if step.is_breathing:  # no technique: its pattern and length are the file's rules
            continue
        technique = CATALOG.get(step.technique or "")
        assert technique is not None, (name, step.technique)
        assert step.tool is technique.tool and step.region in technique.regions
        assert technique.min_seconds <= step.seconds <= technique.max_seconds, (name, step)


def test_routine_check_passes_every_built_in(capsys: pytest.CaptureFixture[str]) -> None:
    from argparse import Namespace

    files = sorted(builtin_routines_dir().glob("*.smroutine"))
    assert check_command(Namespace(files=files, answer=[])) == 0
    out = capsys.readouterr().out
    assert out.count(": ok") == len(files) and "warning" not in out


def test_no_built_in_text_claims_what_the_evidence_does_not_support() -> None:
    for routine in BY_FILE.values():
        timeline = build_timeline(routine, techniques=CATALOG.get)
        texts = [routine.title, routine.description, *(c.text for c in timeline.cues)]
        texts += [text for s in routine.steps for text in (s.name, s.instructions, *s.prompts)]
        for text in texts:
            assert claims(text) == [], (routine.title, text)


def test_the_full_body_routine_covers_the_lower_back_and_neck_and_the_upper_back_once() -> None:
    regions = [step.region for step in BY_FILE["full-body-20-minutes"].steps]
    assert "lower-back" in regions and "neck" in regions
    assert regions.count("upper-back") == 1
    assert len(regions) == len(set(regions))


def test_the_day_after_leg_day_is_light_to_moderate_on_the_legs() -> None:
    routine = BY_FILE["day-after-leg-day"]
    legs = {"calves", "hamstrings", "glutes", "outer-thighs", "quads", "adductors"}
    assert {step.region for step in routine.steps} <= legs
    assert {step.pressure for step in routine.steps} <= {Pressure.LIGHT, Pressure.MODERATE}
    assert "one to three days" in routine.description


def test_gentle_and_seated_keeps_off_the_floor_and_light() -> None:
    routine = BY_FILE["gentle-seated"]
    assert positions(routine) == {Position.SEATED}
    assert {step.pressure for step in routine.steps} == {Pressure.LIGHT}
    assert Tool.MASSAGE_GUN not in {step.tool for step in routine.steps}


def test_the_desk_routine_works_the_lower_back_and_hips() -> None:
    regions = {step.region for step in BY_FILE["desk-lower-back-and-hips"].steps}
    assert {"lower-back", "glutes", "hip-flexors"} <= regions


def test_heel_and_arch_says_when_to_see_a_clinician() -> None:
    routine = BY_FILE["heel-and-arch"]
    assert {step.region for step in routine.steps} <= {"feet", "calves"}
    assert "See a doctor or physiotherapist" in routine.description


def test_after_cycling_works_the_legs_that_pedal() -> None:
    regions = {step.region for step in BY_FILE["after-cycling"].steps}
    assert {"quads", "glutes", "calves", "hip-flexors"} <= regions


def test_the_warm_up_is_about_thirty_seconds_a_muscle_then_move() -> None:
    routine = BY_FILE["warm-up-before-exercise"]
    assert {step.seconds for step in routine.steps} == {30}
    assert "move" in routine.description and "warm-up" in routine.description


def test_hands_only_needs_no_tools() -> None:
    assert {step.tool for step in BY_FILE["hands-only"].steps} == {Tool.HANDS}


def test_the_pregnancy_routine_passes_the_builders_pregnancy_rules() -> None:
    routine = BY_FILE["pregnancy-gentle"]
    pregnant = Screening({"pregnancy": Answer.YES})
    assert check_routine(routine, pregnant, (), CATALOG) == ()
    assert positions(routine) <= {Position.SEATED, Position.SIDE_LYING}
    assert "abdomen" not in {step.region for step in routine.steps}
    legs = {"glutes", "outer-thighs", "quads", "adductors", "hamstrings", "calves", "shins"}
    for step in routine.steps:
        assert step.tool is not Tool.MASSAGE_GUN
        if step.region in legs:
            assert step.pressure is Pressure.LIGHT, step
    assert "with your midwife's or doctor's agreement" in routine.description.lower()
