"""The routine file format v2: breathing steps and the routine's cue style, written only
when a routine needs them; version-1 files read exactly as before."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from selfmassage.core.breathing import BreathPattern
from selfmassage.core.document_check import DocumentCheck, is_readable_version
from selfmassage.core.routine import CueStyle, Routine, Step, Tool, breathing_step
from selfmassage.core.routine_file import FORMAT, dump_routine, parse_routine
from tests.core.test_routine_file import SPEC_EXAMPLE

V2_EXAMPLE: dict[str, Any] = {
    "format": "selfmassage-routine",
    "version": 2,
    "title": "Wind down",
    "cues": "calm",
    "steps": [
        {
            "kind": "breathing",
            "seconds": 120,
            "pattern": {"in": 4, "hold": 2, "out": 6},
            "name": "Slow breathing",
            "instructions": "Lie comfortably and breathe slowly.",
        },
        {"region": "calves", "seconds": 60, "tool": "hands", "name": "Calves", "instructions": "x"},
    ],
}


def _read(document: object) -> Any:
    return parse_routine(json.dumps(document).encode())


def test_the_v2_example_reads_breathing_and_calm() -> None:
    result = _read(V2_EXAMPLE)
    assert result.ok, result.errors
    assert result.warnings == ()
    routine = result.routine
    assert routine.cues is CueStyle.CALM
    first, second = routine.steps
    assert first.is_breathing and first.breathing == BreathPattern(4, 2, 6)
    assert first.seconds == 120 and first.side is None
    assert not second.is_breathing and second.region == "calves"


def test_a_routine_with_breathing_round_trips_as_version_2() -> None:
    routine = Routine(
        "Evening",
        (
            breathing_step(90, BreathPattern(4, 0, 6)),
            Step("neck", 60, tool=Tool.HANDS, name="Neck", instructions="Gently."),
            breathing_step(60, BreathPattern(5, 1, 7), "Close", "Breathe out slowly."),
        ),
        cues=CueStyle.CALM,
    )
    data = dump_routine(routine)
    document = json.loads(data)
    assert document["version"] == 2
    assert document["cues"] == "calm"
    assert document["steps"][0] == {
        "kind": "breathing",
        "seconds": 90,
        "pattern": {"in": 4, "out": 6},
        "name": "Slow breathing",
        "instructions": document["steps"][0]["instructions"],
    }
    assert "kind" not in document["steps"][1]
    back = parse_routine(data)
    assert back.ok and back.warnings == ()
    assert back.routine is not None
    assert back.routine.cues is CueStyle.CALM
    assert back.routine.steps[1:] == routine.steps[1:]
    assert back.routine.steps[0].breathing == BreathPattern(4, 0, 6)


@pytest.mark.parametrize(
    "routine",
    [
        Routine("Calm only", (Step("neck", 60),), cues=CueStyle.CALM),
        Routine("Breathing only", (breathing_step(60, BreathPattern()),)),
    ],
)
def test_either_new_thing_alone_needs_version_2(routine: Routine) -> None:
    assert json.loads(dump_routine(routine))["version"] == 2


def test_a_routine_of_version_1_things_is_still_written_as_version_1() -> None:
    document = json.loads(dump_routine(Routine("Plain", (Step("neck", 60),))))
    assert document["version"] == 1
    assert "cues" not in document
    assert all("kind" not in step for step in document["steps"])


def test_version_1_reads_exactly_as_before_even_with_the_new_keys() -> None:
    # In version 1 "cues" (top level) and "kind" are unknown keys: warned of and ignored,
    # so a version-1 file means what it always meant.
    document = copy.deepcopy(SPEC_EXAMPLE)
    document["cues"] = "calm"
    document["steps"][0]["kind"] = "breathing"
    result = _read(document)
    assert result.ok
    assert result.routine.cues is CueStyle.FULL
    assert not result.routine.steps[0].is_breathing
    assert result.routine.steps[0].region == "calves"
    assert [str(w) for w in result.warnings] == [
        "$.cues: unknown key, ignored",
        "$.steps[0].kind: unknown key, ignored",
    ]
    plain = _read(SPEC_EXAMPLE)
    assert plain.warnings == ()
    assert plain.routine == result.routine


def test_an_app_that_reads_version_1_says_the_file_needs_a_newer_version() -> None:
    # The check every older reader runs first, with the newest version it knew.
    check = DocumentCheck()
    assert not is_readable_version(check, V2_EXAMPLE, FORMAT, 1, "a routine file")
    assert [str(p) for p in check.errors()] == [
        "$.version: this file needs a newer version of SelfMassage "
        "(file version 2, this app reads up to 1)"
    ]


def _breathing(**changes: Any) -> dict[str, Any]:
    document = copy.deepcopy(V2_EXAMPLE)
    document["steps"][0].update(changes)
    return document


@pytest.mark.parametrize(
    ("document", "path", "words"),
    [
        (_breathing(pattern={"in": 1, "out": 6}), "$.steps[0].pattern.in", "from 2 to 10"),
        (_breathing(pattern={"in": 4}), "$.steps[0].pattern.out", "missing"),
        (_breathing(pattern={"in": 4, "hold": 11, "out": 6}), "$.steps[0].pattern.hold", "0 to"),
        (_breathing(pattern="4-6"), "$.steps[0].pattern", "must be an object"),
        (_breathing(seconds=2), "$.steps[0].seconds", "from 5 to 1800"),
        (_breathing(kind="yoga"), "$.steps[0].kind", "unknown kind of step"),
        ({**V2_EXAMPLE, "cues": "loud"}, "$.cues", "unknown cue style"),
    ],
)
def test_each_v2_rule_has_an_error_naming_its_path(document: Any, path: str, words: str) -> None:
    result = _read(document)
    assert not result.ok
    assert [p.path for p in result.errors] == [path]
    assert words in result.errors[0].reason


def test_a_breathing_step_warns_of_massage_keys_it_does_not_use() -> None:
    result = _read(_breathing(region="calves", tool="hands"))
    assert result.ok
    assert [str(w) for w in result.warnings] == [
        "$.steps[0].region: unknown key, ignored",
        "$.steps[0].tool: unknown key, ignored",
    ]
