"""The routine file format v1: every rule of the spec, with one bad file each."""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from selfmassage.core.anatomy import REGIONS, region
from selfmassage.core.document_check import EARLIEST_DAY, LATEST_DAY
from selfmassage.core.routine import Cue, Pressure, Routine, Schedule, Step, StepSide, Tool
from selfmassage.core.routine_file import (
    MAX_BYTES,
    MAX_DEPTH,
    Problem,
    RoutineFileError,
    dump_routine,
    load_routine,
    parse_routine,
    read_routine,
    write_routine,
)

SPEC_EXAMPLE: dict[str, Any] = {
    "format": "selfmassage-routine",
    "version": 1,
    "title": "Post-run calves",
    "author": "A. Physio",
    "language": "en",
    "schedule": {"times_per_week": 3, "weeks": 4},
    "steps": [
        {
            "region": "calves",
            "side": "both",
            "seconds": 90,
            "tool": "foam-roller",
            "technique": "calves.foam-roller.roll",
            "name": "Calf roll",
            "instructions": "Sit with the roller under your calf. Roll slowly from ankle to knee.",
            "pressure": "moderate",
            "cues": [{"at": 45, "say": "Turn your foot out to reach the inner calf."}],
        }
    ],
}


def doc(**changes: Any) -> dict[str, Any]:
    document = copy.deepcopy(SPEC_EXAMPLE)
    document.update(changes)
    return document


def step(**changes: Any) -> dict[str, Any]:
    result = copy.deepcopy(SPEC_EXAMPLE["steps"][0])
    for key, value in changes.items():
        if value is _DROP:
            result.pop(key, None)
        else:
            result[key] = value
    return result


_DROP = object()


def parse(document: Any) -> Any:
    return parse_routine(json.dumps(document).encode())


def errors_of(document: Any) -> list[Problem]:
    result = parse(document)
    assert result.routine is None, "the file should have been refused"
    assert result.errors
    return list(result.errors)


def only_error(document: Any) -> Problem:
    errors = errors_of(document)
    assert len(errors) == 1, errors
    return errors[0]


# Good files ----------------------------------------------------------------------------


def test_the_spec_example_reads_into_plain_values() -> None:
    result = parse(SPEC_EXAMPLE)
    assert result.ok and result.errors == () and result.warnings == ()
    assert result.routine == Routine(
        title="Post-run calves",
        author="A. Physio",
        language="en",
        schedule=Schedule(times_per_week=3, weeks=4),
        steps=(
            Step(
                region="calves",
                side=StepSide.BOTH,
                seconds=90,
                tool=Tool.FOAM_ROLLER,
                technique="calves.foam-roller.roll",
                name="Calf roll",
                instructions="Sit with the roller under your calf. Roll slowly from ankle to knee.",
                pressure=Pressure.MODERATE,
                cues=(Cue(45, "Turn your foot out to reach the inner calf."),),
            ),
        ),
    )


def test_defaults_side_both_for_sided_and_none_for_midline_tool_hands() -> None:
    result = parse(
        doc(steps=[{"region": "calves", "seconds": 30}, {"region": "neck", "seconds": 30}])
    )
    assert result.routine is not None
    calves, neck = result.routine.steps
    assert calves.side is StepSide.BOTH and calves.tool is Tool.HANDS
    assert neck.side is None and neck.tool is Tool.HANDS
    assert calves.technique is None and calves.pressure is None and calves.cues == ()


def test_a_leading_byte_order_mark_is_accepted() -> None:
    result = parse_routine(b"\xef\xbb\xbf" + json.dumps(SPEC_EXAMPLE).encode())
    assert result.ok


def test_texts_are_trimmed() -> None:
    result = parse(doc(title="  Calves \n", author=" A. Physio "))
    assert result.routine is not None
    assert result.routine.title == "Calves"
    assert result.routine.author == "A. Physio"


def test_title_limit_counts_after_trimming() -> None:
    assert parse(doc(title="   " + "x" * 120 + "   ")).ok
    assert only_error(doc(title="x" * 121)).path == "$.title"


def test_every_region_of_the_spec_is_accepted_with_its_sides() -> None:
    steps = [
        {"region": reg.id, "seconds": 30, **({"side": "left"} if reg.sided else {})}
        for reg in REGIONS
    ]
    result = parse(doc(steps=steps))
    assert result.routine is not None
    assert [s.region for s in result.routine.steps] == [reg.id for reg in REGIONS]


def test_dates_and_language_tags() -> None:
    ok = parse(
        doc(
            created="2025-03-01T09:30:00+01:00",
            language="de-AT",
            schedule={"times_per_week": 14, "weeks": 52, "start": "2025-03-03"},
        )
    )
    assert ok.routine is not None
    assert ok.routine.created == "2025-03-01T09:30:00+01:00"
    assert ok.routine.schedule == Schedule(14, 52, date(2025, 3, 3))
    assert parse(doc(created="2025-03-01")).ok
    assert parse(doc(created="2025-03-01T09:30Z")).ok


# Unknown keys are warnings -------------------------------------------------------------


def test_unknown_keys_are_warnings_with_their_paths() -> None:
    document = doc(colour="blue")
    document["steps"][0]["tempo"] = "slow"
    document["steps"][0]["cues"][0]["voice"] = "calm"
    document["schedule"]["reminder"] = True
    document["steps"][0]["odd key"] = 1
    result = parse(document)
    assert result.ok
    assert {w.path for w in result.warnings} == {
        "$.colour",
        "$.steps[0].tempo",
        "$.steps[0].cues[0].voice",
        "$.schedule.reminder",
        '$.steps[0]["odd key"]',
    }
    assert all("unknown key" in w.reason for w in result.warnings)


# Bad files: one per rule ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("document", "path", "words"),
    [
        ([1, 2], "$", "JSON object"),
        (doc(format="other"), "$.format", "selfmassage-routine"),
        ({k: v for k, v in SPEC_EXAMPLE.items() if k != "format"}, "$.format", "missing"),
        ({k: v for k, v in SPEC_EXAMPLE.items() if k != "version"}, "$.version", "missing"),
        (doc(version="1"), "$.version", "whole number"),
        (doc(version=1.0), "$.version", "whole number"),
        (doc(version=0), "$.version", "must be from 1 to 2"),
        (doc(version=3), "$.version", "needs a newer version of SelfMassage (file version"),
        (doc(version=10**30), "$.version", "needs a newer version of SelfMassage (file version"),
        ({k: v for k, v in SPEC_EXAMPLE.items() if k != "title"}, "$.title", "missing"),
        (doc(title="   "), "$.title", "empty"),
        (doc(title=5), "$.title", "string"),
        (doc(description="x" * 2001), "$.description", "2,000"),
        (doc(author="x" * 121), "$.author", "120"),
        (doc(created="yesterday"), "$.created", "ISO 8601"),
        (doc(created="2025-02-30"), "$.created", "ISO 8601"),
        (doc(language="english please"), "$.language", "language tag"),
        (doc(language=7), "$.language", "string"),
        (doc(schedule=[3]), "$.schedule", "object"),
        (doc(schedule={"weeks": 4}), "$.schedule.times_per_week", "missing"),
        (doc(schedule={"times_per_week": 0}), "$.schedule.times_per_week", "from 1 to 14"),
        (doc(schedule={"times_per_week": 15}), "$.schedule.times_per_week", "from 1 to 14"),
        (doc(schedule={"times_per_week": 3, "weeks": 53}), "$.schedule.weeks", "from 1 to 52"),
        (
            doc(schedule={"times_per_week": 3, "start": "2025-03-03T10:00"}),
            "$.schedule.start",
            "ISO 8601 date",
        ),
        ({k: v for k, v in SPEC_EXAMPLE.items() if k != "steps"}, "$.steps", "missing"),
        (doc(steps=[]), "$.steps", "at least one"),
        (doc(steps={"region": "neck"}), "$.steps", "array"),
        (doc(steps=[step()] * 201), "$.steps", "at most 200"),
        (doc(steps=[step(), "calves"]), "$.steps[1]", "object"),
        (doc(steps=[step(region=_DROP)]), "$.steps[0].region", "missing"),
        (doc(steps=[step(region="calf")]), "$.steps[0].region", "unknown region"),
        (doc(steps=[step(side="middle")]), "$.steps[0].side", "unknown side"),
        (doc(steps=[step(region="neck", side="left")]), "$.steps[0].side", "no left and right"),
        (doc(steps=[step(seconds=_DROP)]), "$.steps[0].seconds", "missing"),
        (doc(steps=[step(seconds=4, cues=[])]), "$.steps[0].seconds", "from 5 to 1800"),
        (doc(steps=[step(seconds=1801)]), "$.steps[0].seconds", "from 5 to 1800"),
        (doc(steps=[step(seconds=90.5)]), "$.steps[0].seconds", "whole number"),
        (doc(steps=[step(seconds=True)]), "$.steps[0].seconds", "whole number"),
        (doc(steps=[step(seconds="90")]), "$.steps[0].seconds", "whole number"),
        (doc(steps=[step(tool="spoon")]), "$.steps[0].tool", "unknown tool"),
        (doc(steps=[step(technique="x" * 81)]), "$.steps[0].technique", "80"),
        (doc(steps=[step(name="x" * 81)]), "$.steps[0].name", "80"),
        (doc(steps=[step(instructions="x" * 1001)]), "$.steps[0].instructions", "1,000"),
        (doc(steps=[step(pressure="hard")]), "$.steps[0].pressure", "unknown pressure"),
        (doc(steps=[step(cues={"at": 1})]), "$.steps[0].cues", "array"),
        (doc(steps=[step(cues=[{"at": 1, "say": "x"}] * 21)]), "$.steps[0].cues", "at most 20"),
        (doc(steps=[step(cues=[3])]), "$.steps[0].cues[0]", "object"),
        (doc(steps=[step(cues=[{"say": "Go"}])]), "$.steps[0].cues[0].at", "missing"),
        (doc(steps=[step(cues=[{"at": -1, "say": "Go"}])]), "$.steps[0].cues[0].at", "0 or more"),
        (doc(steps=[step(cues=[{"at": 90, "say": "Go"}])]), "$.steps[0].cues[0].at", "less than"),
        (doc(steps=[step(cues=[{"at": 5}])]), "$.steps[0].cues[0].say", "missing"),
        (doc(steps=[step(cues=[{"at": 5, "say": " "}])]), "$.steps[0].cues[0].say", "empty"),
        (doc(steps=[step(cues=[{"at": 5, "say": "x" * 201}])]), "$.steps[0].cues[0].say", "200"),
    ],
)
def test_each_rule_has_an_error_naming_the_path(document: Any, path: str, words: str) -> None:
    problem = only_error(document)
    assert problem.path == path
    assert words in problem.reason
    assert str(problem) == f"{path}: {problem.reason}"


def test_all_errors_are_reported_not_only_the_first() -> None:
    document = doc(title="", steps=[step(seconds=2, cues=[]), step(region="elbow"), step()])
    document["steps"][3 - 1]["tool"] = "spoon"
    paths = [problem.path for problem in errors_of(document)]
    assert paths == ["$.title", "$.steps[0].seconds", "$.steps[1].region", "$.steps[2].tool"]


def test_the_path_names_the_right_step() -> None:
    steps = [step(), step(), step(), step(seconds=2, cues=[])]
    assert only_error(doc(steps=steps)).path == "$.steps[3].seconds"


def test_a_newer_version_says_so_and_nothing_else() -> None:
    # A newer file may use keys this reader would call wrong: those would only confuse.
    problem = only_error(doc(version=3, steps="something new"))
    assert "needs a newer version of SelfMassage (file version" in problem.reason


# Not JSON, too large, too deep ---------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "not valid JSON"),
        (b"{", "ends too early"),
        (b'{"format": "selfmassage-routine",}', "not valid JSON"),
        (b'{"title": NaN}', "not valid JSON"),
        (b'{"title": Infinity}', "not valid JSON"),
        (b'{"seconds": -Infinity}', "not valid JSON"),
        (b'{"a": 1} // comment', "not valid JSON"),
        (b"{'single': 'quotes'}", "not valid JSON"),
        (b'{"title": "\xff"}', "not UTF-8"),
        (b'{"seconds": 1e999}', "not valid JSON"),
        (b'{"seconds": ' + b"9" * 5000 + b"}", "not valid JSON"),
    ],
)
def test_not_json_is_an_error_of_the_whole_file(data: bytes, words: str) -> None:
    result = parse_routine(data)
    assert result.routine is None
    assert [p.path for p in result.errors] == ["$"]
    assert words in result.errors[0].reason


def test_a_syntax_error_names_line_and_column() -> None:
    data = b'{\n  "format": "selfmassage-routine",\n  "version" 1\n}'
    (problem,) = parse_routine(data).errors
    assert "line 3, column 13" in problem.reason


def test_too_large_is_refused_before_parsing() -> None:
    big = json.dumps(doc(description="x" * MAX_BYTES)).encode()
    (problem,) = parse_routine(big).errors
    assert problem.path == "$" and "too large" in problem.reason


def test_exactly_the_limit_is_read(tmp_path: Path) -> None:
    data = json.dumps(SPEC_EXAMPLE).encode()
    data = data[:-1] + b" " * (MAX_BYTES - len(data)) + b"}"
    assert len(data) == MAX_BYTES
    assert parse_routine(data).ok
    path = tmp_path / "big.smroutine"
    path.write_bytes(data + b" ")
    (problem,) = read_routine(path).errors
    assert "too large" in problem.reason


def nest(depth: int) -> Any:
    value: Any = 1
    for level in range(depth):
        value = [value] if level % 2 else {"k": value}
    return value


def test_nesting_up_to_the_limit_is_a_warning_and_deeper_is_refused() -> None:
    # The document object, "extra" and nest(n): n + 1 levels in all.
    fine = parse(doc(extra=nest(MAX_DEPTH - 1)))
    assert fine.ok and [w.path for w in fine.warnings] == ["$.extra"]
    (problem,) = errors_of(doc(extra=nest(MAX_DEPTH)))
    assert problem.path == "$" and "nested too deep" in problem.reason


def test_brackets_inside_strings_do_not_count_as_nesting() -> None:
    tricky = '[[[[{{{{ \\" [[[[ \\\\" ' * 10
    result = parse(doc(description=tricky))
    assert result.ok and result.routine is not None
    assert result.routine.description == tricky.strip()


@pytest.mark.parametrize(
    "data",
    [
        b"[" * MAX_BYTES,
        b"{" * MAX_BYTES,
        b'{"a":' * (MAX_BYTES // 5),
        b"[[]" * (MAX_BYTES // 3),
        b"[" * (MAX_BYTES // 2) + b"]" * (MAX_BYTES // 2),
        b'{"format":"selfmassage-routine","version":1,"x":"' + b"[" * 1000 + b'"' + b"[" * 20,
    ],
    ids=["open-arrays", "open-objects", "open-keys", "stairs", "balanced", "after-a-string"],
)
def test_hostile_nesting_is_refused(data: bytes) -> None:
    # Refused before msgspec decodes it; how fast: benchmarks/routine_file.py.
    result = parse_routine(data[:MAX_BYTES])
    assert result.routine is None
    assert result.errors[0].path == "$"


def test_a_million_steps_worth_of_input_stops_at_the_count() -> None:
    tiny = '{"region":"neck","seconds":30}'
    count = (MAX_BYTES - 200) // (len(tiny) + 1)
    data = (
        json.dumps(doc(steps=[]))
        .encode()
        .replace(b'"steps": []', b'"steps": [' + ",".join([tiny] * count).encode() + b"]")
    )
    (problem,) = parse_routine(data).errors  # how fast: benchmarks/routine_file.py
    assert problem.path == "$.steps" and "at most 200" in problem.reason


def test_errors_are_capped_so_a_hostile_file_cannot_flood_the_screen() -> None:
    steps = [{"region": "nowhere", "seconds": 1} for _ in range(200)]
    errors = errors_of(doc(steps=steps))
    assert len(errors) == 51
    assert errors[-1] == Problem("$", "and 350 more errors")


def test_control_characters_in_quoted_values_are_escaped() -> None:
    (problem,) = errors_of(doc(steps=[step(region="\x1b[31mred")]))
    assert "\x1b" not in problem.reason and "\\u001b" in problem.reason


# Files on disk -------------------------------------------------------------------------


def test_unreadable_files_are_errors_not_exceptions(tmp_path: Path) -> None:
    (missing,) = read_routine(tmp_path / "nope.smroutine").errors
    assert missing.path == "$" and "No such file" in missing.reason
    (folder,) = read_routine(tmp_path).errors
    assert folder.path == "$" and "folder" in folder.reason


def test_load_routine_raises_with_the_errors(tmp_path: Path) -> None:
    path = tmp_path / "bad.smroutine"
    path.write_text(json.dumps(doc(version=3)))
    with pytest.raises(RoutineFileError) as info:
        load_routine(path)
    assert str(info.value) == (
        f"{path} cannot be opened as a routine file. Nothing was changed.\n"
        "• Version: this file needs a newer version of SelfMassage "
        "(file version 3, this app reads up to 2)"
    )
    assert info.value.errors[0].path == "$.version"


# Writing ------------------------------------------------------------------------------


def test_writer_output_matches_the_spec_layout() -> None:
    routine = parse(SPEC_EXAMPLE).routine
    assert routine is not None
    data = dump_routine(routine)
    assert data.endswith(b"}\n") and not data.endswith(b"\n\n")
    assert data.startswith(b'{\n  "format": "selfmassage-routine",\n  "version": 1,\n')
    assert list(json.loads(data)) == list(SPEC_EXAMPLE)
    assert list(json.loads(data)["steps"][0]) == list(SPEC_EXAMPLE["steps"][0])
    assert json.loads(data) == SPEC_EXAMPLE


def test_writer_always_writes_name_and_instructions() -> None:
    bare = Routine("Quick", (Step("calves", 60), Step("neck", 30, tool=Tool.MASSAGE_BALL)))
    written = json.loads(dump_routine(bare))
    calves, neck = written["steps"]
    assert calves["name"] == "Calves, hands" and "calf" in calves["instructions"]
    assert neck["name"] == "Neck, massage ball" and "massage ball" in neck["instructions"]
    assert calves["side"] == "both" and "side" not in neck
    assert parse(written).ok


def test_write_is_atomic_and_keeps_the_old_file_when_it_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "mine.smroutine"
    routine = parse(SPEC_EXAMPLE).routine
    assert routine is not None
    write_routine(path, routine)
    before = path.read_bytes()

    def disk_full(_fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("selfmassage.core.atomic.os.fsync", disk_full)
    with pytest.raises(OSError):
        write_routine(path, Routine("Other", routine.steps))
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["mine.smroutine"]


def test_non_ascii_text_round_trips_as_utf8(tmp_path: Path) -> None:
    routine = Routine("Wadenmassage für Läufer 🏃", (Step("calves", 60, name="Wade"),))
    path = tmp_path / "w.smroutine"
    write_routine(path, routine)
    assert "für".encode() in path.read_bytes()
    assert load_routine(path).title == "Wadenmassage für Läufer 🏃"


# Round trip ----------------------------------------------------------------------------

_text = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=30
).map(str.strip)


@st.composite
def steps(draw: st.DrawFn) -> Step:
    reg = draw(st.sampled_from(REGIONS))
    seconds = draw(st.integers(5, 1800))
    cue_at = st.integers(0, seconds - 1)
    return Step(
        region=reg.id,
        seconds=seconds,
        side=draw(st.sampled_from(list(StepSide))) if reg.sided else None,
        tool=draw(st.sampled_from(list(Tool))),
        technique=draw(st.none() | st.just(f"{reg.id}.hands.knead")),
        name=draw(_text.filter(bool)),
        instructions=draw(_text.filter(bool)),
        pressure=draw(st.none() | st.sampled_from(list(Pressure))),
        cues=tuple(
            draw(st.lists(st.builds(Cue, cue_at, _text.filter(bool)), max_size=3)),
        ),
    )


routines = st.builds(
    Routine,
    title=_text.filter(bool),
    steps=st.lists(steps(), min_size=1, max_size=5).map(tuple),
    description=_text,
    author=_text,
    created=st.none() | st.dates(EARLIEST_DAY, LATEST_DAY).map(date.isoformat),
    language=st.none() | st.sampled_from(["en", "de-AT", "pt-BR", "fr"]),
    schedule=st.none()
    | st.builds(
        Schedule,
        st.integers(1, 14),
        st.none() | st.integers(1, 52),
        st.none() | st.dates(EARLIEST_DAY, LATEST_DAY),
    ),
)


@settings(max_examples=150, deadline=None)
@given(routines)
def test_round_trip_is_stable(routine: Routine) -> None:
    data = dump_routine(routine)
    result = parse_routine(data)
    assert result.errors == () and result.warnings == ()
    assert result.routine == routine
    assert dump_routine(result.routine) == data


def test_every_region_side_and_tool_round_trips() -> None:
    for reg in REGIONS:
        for tool in Tool:
            sides = list(StepSide) if region(reg.id).sided else [None]
            for side in sides:
                original = Routine("T", (Step(reg.id, 30, side, tool, name="N", instructions="I"),))
                assert parse_routine(dump_routine(original)).routine == original


def test_the_writer_refuses_a_routine_it_could_not_read_back(tmp_path: Path) -> None:
    path = tmp_path / "bad.smroutine"
    with pytest.raises(RoutineFileError) as info:
        write_routine(path, Routine("", (Step("calves", 2),)))
    assert [p.path for p in info.value.errors] == ["$.title", "$.steps[0].seconds"]
    assert str(info.value).startswith("bad.smroutine cannot be saved: it has problems to fix")
    assert not path.exists()


def test_a_steps_own_start_line_and_prompts_round_trip_and_stay_version_1() -> None:
    from selfmassage.core.routine_file import dump_routine, parse_routine

    step = Step(
        "feet",
        40,
        StepSide.LEFT,
        Tool.MASSAGE_BALL,
        "feet.massage-ball.roll",
        name="Foot roll",
        instructions="Sit on the edge of the bed with a ball under your foot.",
        start="Sit on the edge of the bed.",
        prompts=("Roll from heel to toes.", "Go lightly."),
    )
    data = dump_routine(Routine("Feet", (step,)))
    document = json.loads(data)
    assert document["version"] == 1
    assert document["steps"][0]["start"] == "Sit on the edge of the bed."
    assert document["steps"][0]["prompts"] == ["Roll from heel to toes.", "Go lightly."]
    result = parse_routine(data)
    assert result.ok and result.routine is not None
    assert result.routine.steps[0] == step


@pytest.mark.parametrize(
    ("prompts", "words"),
    [("Roll.", "must be an array"), ([""], "line of text"), (["x" * 201], "longer than 200")],
)
def test_bad_prompts_are_errors_with_their_path(prompts: Any, words: str) -> None:
    from selfmassage.core.routine_file import parse_routine

    document = copy.deepcopy(SPEC_EXAMPLE)
    document["steps"][0]["prompts"] = prompts
    result = parse_routine(json.dumps(document).encode())
    assert not result.ok
    assert any("$.steps[0].prompts" in str(e) and words in str(e) for e in result.errors)
