"""The built-in routines against the content rules (docs/catalog.md): the voice says
what the screen shows, nothing goes under the armpit, no claims of flushing fluid."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from selfmassage.core.catalog import load_catalog
from selfmassage.core.library import Library, builtin_routines_dir
from selfmassage.core.routine import Routine, Step
from selfmassage.core.routine_check import check_routine
from selfmassage.core.safety import Screening
from selfmassage.core.timeline import (
    CueKind,
    build_timeline,
    first_sentence,
    spoken_prompts,
    start_line,
)
from selfmassage.core.tools import Position
from tests.core.test_catalog_content import BANNED

CATALOG = load_catalog()
ROUTINES: list[Routine] = [
    entry.routine
    for entry in Library(Path("/nonexistent"), builtin_routines_dir()).builtin_entries()
    if entry.routine is not None
]
POSITION = re.compile(r"\b(sit|stand|lie|kneel|face|back to the wall|lean)\b", re.IGNORECASE)
# Massage steps: a breathing step speaks the breath, not a start line (test_breathing.py).
STEPS = [
    (r.title, index, step)
    for r in ROUTINES
    for index, step in enumerate(r.steps)
    if not step.is_breathing
]


def test_there_are_at_least_sixteen() -> None:
    assert len(ROUTINES) >= 16


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", " ".join(text.split())) if s]


@pytest.mark.parametrize(("title", "index", "step"), STEPS)
def test_the_spoken_start_line_comes_from_what_the_screen_shows(
    title: str, index: int, step: Step
) -> None:
    technique = CATALOG.get(step.technique or "")
    spoken = start_line(step, technique)
    # What the session really says as the step starts ends with that line.
    single = Routine(title, (step,))
    announce = build_timeline(single, techniques=CATALOG.get).segments[0].cues[0]
    assert announce.kind is CueKind.ANNOUNCE and announce.text.endswith(spoken)
    shown = " ".join(step.instructions.split())
    heard_from_the_screen = [*_sentences(shown), *([step.start] if step.start else [])]
    if technique is not None and shown == " ".join(technique.instructions.split()):
        heard_from_the_screen.append(technique.start)
    assert any(announce.text.endswith(line) for line in heard_from_the_screen), announce.text
    if technique is not None and shown == " ".join(technique.instructions.split()):
        assert spoken == technique.start
    else:
        assert spoken == (step.start or first_sentence(step.instructions)), (title, index)
        assert step.start or spoken in _sentences(shown), (title, index)
    # The position heard is the position read: "sit" is never heard for "stand".
    heard = {word.lower() for word in POSITION.findall(spoken)}
    read = {word.lower() for word in POSITION.findall(_sentences(shown)[0])}
    assert heard <= read | {"lean"}, (title, index, spoken, shown)


@pytest.mark.parametrize(("title", "index", "step"), STEPS)
def test_spoken_prompts_agree_with_the_shown_direction(title: str, index: int, step: Step) -> None:
    technique = CATALOG.get(step.technique or "")
    shown = step.instructions.lower()
    for prompt in spoken_prompts(step, technique):
        if "towards the wrist" in shown or "toward the wrist" in shown:
            assert "wrist to elbow" not in prompt.lower(), (title, index, prompt)
        if "both hands" in shown:
            assert "switch hands" not in prompt.lower(), (title, index, prompt)


def test_no_built_in_step_puts_anything_under_the_armpit_or_claims_to_flush() -> None:
    for routine in ROUTINES:
        timeline = build_timeline(routine, techniques=CATALOG.get)
        texts = [routine.description, *(s.instructions for s in routine.steps)]
        texts += [c.text for c in timeline.cues]
        for text in texts:
            assert not re.search(r"under (the|your) armpit", text), (routine.title, text)
            assert not BANNED.search(text), (routine.title, text)
            assert "fluid" not in text.lower(), (routine.title, text)


def test_every_built_in_step_near_a_danger_area_says_its_boundary() -> None:
    for routine in ROUTINES:
        timeline = build_timeline(routine, techniques=CATALOG.get)
        for segment in timeline.segments:
            step = timeline.step(segment)
            technique = CATALOG.get(step.technique or "")
            if segment.kind.value != "work" or technique is None or not technique.boundary:
                continue
            safety = [c for c in segment.cues if c.kind is CueKind.SAFETY]
            assert [c.text for c in safety] == [technique.boundary], (routine.title, step)


def test_the_built_in_routines_need_no_change_for_someone_with_no_cautions() -> None:
    for routine in ROUTINES:
        assert check_routine(routine, Screening({}), (), CATALOG) == ()


# The words of a step's first shown sentence, and the catalog positions they fit.
_POSITION_WORDS: dict[str, frozenset[Position]] = {
    "sit": frozenset({Position.SEATED, Position.FLOOR}),
    "stand": frozenset({Position.STANDING}),
    "lie": frozenset({Position.LYING_FACE_UP, Position.SIDE_LYING, Position.LYING_FACE_DOWN}),
    "kneel": frozenset({Position.FLOOR}),
}


@pytest.mark.parametrize(("title", "index", "step"), STEPS)
def test_the_technique_is_done_in_the_position_the_step_shows(
    title: str, index: int, step: Step
) -> None:
    """The picture and the position column come from the technique: a step that says "sit"
    is not drawn standing (a seated foot ball, fingertip neck circles, strokes on a desk)."""
    technique = CATALOG.get(step.technique or "")
    assert technique is not None, (title, index)
    first = _sentences(step.instructions)[0].lower()
    for word, positions in _POSITION_WORDS.items():
        if re.search(rf"\b{word}\b", first):
            assert technique.position in positions, (title, index, technique.id, first)
    if "desk" in first or "table" in first:
        assert technique.position is Position.SEATED, (title, index, technique.id)
        assert re.search(r"\b(desk|table)\b", technique.instructions), (title, index)
    shown = step.instructions.lower()
    if "both hands" in shown or "fingertips" in shown:
        done = " ".join((technique.instructions, *technique.prompts)).lower()
        assert "one hand" not in done and "switch hands" not in done, (title, index)
