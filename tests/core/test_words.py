"""The user's words: one spelling for every duration, count, place, status and problem."""

from __future__ import annotations

from datetime import date

import pytest

from selfmassage.core import words
from selfmassage.core.document_check import Problem
from selfmassage.core.routine import Schedule


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0, "0 s"),
        (1, "1 s"),
        (59, "59 s"),
        (60, "1 min"),
        (61, "1 min 1 s"),
        (545, "9 min 5 s"),
        (600, "10 min"),
        (3599, "59 min 59 s"),
        (3600, "1 h"),
        (3601, "1 h 1 s"),
        (3660, "1 h 1 min"),
        (3725, "1 h 2 min 5 s"),
        (-5, "0 s"),
    ],
)
def test_duration_has_one_spelling(seconds: int, text: str) -> None:
    assert words.duration(seconds) == text


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0, "0 s"), (45, "45 s"), (59, "59 s"), (60, "1 min"), (89, "1 min"), (90, "2 min"),
     (661, "11 min"), (3600, "60 min")],
)  # fmt: skip
def test_rounded_minutes_never_says_zero_minutes(seconds: int, text: str) -> None:
    assert words.rounded_minutes(seconds) == text


def test_minutes_and_tenths() -> None:
    assert words.minutes_and_tenths(0) == "0.0 min"
    assert words.minutes_and_tenths(546) == "9.1 min"
    assert words.minutes_and_tenths(-1) == "0.0 min"


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0, "00:00"), (59, "00:59"), (59.99, "00:59"), (60, "01:00"), (61, "01:01"),
     (545, "09:05"), (754, "12:34"), (3600, "1:00:00"), (3661, "1:01:01"), (-3, "00:00")],
)  # fmt: skip
def test_clock_readout(seconds: float, text: str) -> None:
    assert words.clock_readout(seconds) == text


@pytest.mark.parametrize(
    ("n", "text"),
    [(0, "zero"), (1, "one"), (7, "seven"), (15, "fifteen"), (20, "twenty"), (45, "forty-five"),
     (100, "one hundred"), (121, "one hundred and twenty-one")],
)  # fmt: skip
def test_spoken_number(n: int, text: str) -> None:
    assert words.spoken_number(n) == text


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0, "zero seconds"), (1, "one second"), (10, "ten seconds"), (59, "fifty-nine seconds"),
     (60, "one minute"), (61, "one minute one second"), (90, "one minute thirty seconds"),
     (120, "two minutes")],
)  # fmt: skip
def test_spoken_duration(seconds: int, text: str) -> None:
    assert words.spoken_duration(seconds) == text


def test_schedule() -> None:
    assert words.schedule(Schedule(1)) == "1 time a week"
    assert words.schedule(Schedule(3, weeks=1)) == "3 times a week for 1 week"
    assert words.schedule(Schedule(3, weeks=4, start=date(2026, 11, 2))) == (
        "3 times a week for 4 weeks, from 2026-11-02"
    )


def test_region_and_place_names() -> None:
    assert words.region_name("calves") == "Calves"
    assert words.region_name("from-a-newer-app") == "from-a-newer-app"
    assert words.place_name("calves", "left") == "Left calf"
    assert words.place_name("calves", "right") == "Right calf"
    assert words.place_name("calves") == "Calves"
    assert words.place_name("calves", "both") == "Calves"
    assert words.place_name("neck") == "Neck"
    assert words.place_name("nowhere", "left") == "nowhere (left)"
    assert words.place_key_name("calves-left") == "Left calf"
    assert words.place_key_name("neck") == "Neck"
    assert words.place_key_name("nowhere-left") == "nowhere-left"


def test_step_place_side_and_time() -> None:
    assert words.step_place("calves", "both") == "Calves, both sides"
    assert words.step_place("calves", "left") == "Left calf"
    assert words.step_place("neck", None) == "Neck"
    assert words.step_side(None) == "—"
    assert words.step_side("both") == "Both, left first"
    assert words.step_side("right") == "Right"
    assert words.step_time(45, None) == "45 s"
    assert words.step_time(90, "both") == "1 min 30 s each side"
    assert words.step_time(60, "left") == "1 min"


def test_session_and_step_words() -> None:
    assert words.session_status("completed") == "Completed"
    assert words.session_status("stopped") == "Stopped"
    assert words.session_status("partly_done") == "Partly done"
    assert words.session_status("interrupted") == "Interrupted"
    assert words.session_status("running") == "Running"
    assert words.session_status("paused-in-2030") == "paused-in-2030"
    assert words.step_outcome("completed") == "done"
    assert words.step_outcome("skipped") == "skipped"
    assert words.step_outcome("ended_early") == "ended early"
    assert words.step_outcome(None) == "not reached"
    assert words.feeling(1) == "Much worse"
    assert words.feeling(5) == "Much better"
    assert words.feeling(9) == "9"


@pytest.mark.parametrize(
    ("path", "place"),
    [
        ("$", "The file"),
        ("$.title", "Title"),
        ("$.steps", "Steps"),
        ("$.steps[2].seconds", "Step 3, seconds"),
        ("$.steps[2].cues[0].at", "Step 3, cue 1, at"),
        ("$.steps[0].cues", "Step 1, cues"),
        ("$.schedule.times_per_week", "Schedule times per week"),
        ("$.routine.schedule.weeks", "Routine schedule weeks"),
        ("$.sessions[0].done_seconds", "Session 1, done seconds"),
        (
            '$.sessions[4].soreness_before["calves.left"]',
            'Session 5, soreness before "calves.left"',
        ),
        ('$["odd key"]', '"odd key"'),
    ],
)
def test_problem_place_is_the_same_for_every_format(path: str, place: str) -> None:
    assert words.problem_place(path) == place


def test_problem_words() -> None:
    problem = Problem("$.steps[1].seconds", "must be from 5 to 1800, not 2")
    assert words.problem_words(problem) == "Step 2, seconds: must be from 5 to 1800, not 2"


def test_file_problems_lists_a_few_and_keeps_all_in_the_details() -> None:
    few = (Problem("$.title", "missing"), Problem("$.steps[0].side", "unknown side"))
    described = words.file_problems("calf.smroutine", "routine", few)
    assert described.title == "Cannot open the routine"
    assert (
        described.text == "calf.smroutine cannot be opened as a routine file. Nothing was changed."
    )
    assert described.listed == "• Title: missing\n• Step 1, side: unknown side"
    assert described.details == ""
    assert str(described) == f"{described.text}\n{described.listed}"

    many = tuple(Problem(f"$.steps[{n}].seconds", "too short") for n in range(14))
    described = words.file_problems("plan.smreport", "report", many, limit=12)
    assert described.title == "Cannot open the report"
    assert described.text.startswith("plan.smreport cannot be opened as a client report.")
    assert described.listed.splitlines()[-1] == "… and 2 more (see Show Details)."
    assert len(described.listed.splitlines()) == 13
    assert described.details.splitlines() == [
        f"Step {n + 1}, seconds: too short" for n in range(14)
    ]


def test_newer_file() -> None:
    assert words.newer_file("3", 1) == (
        "this file needs a newer version of SelfMassage (file version 3, this app reads up to 1)"
    )


def test_cannot_save() -> None:
    problems = (Problem("$.title", "must not be empty"),)
    assert words.cannot_save("plan.smroutine", problems) == (
        "plan.smroutine cannot be saved: it has problems to fix first.\n• Title: must not be empty"
    )


def test_problem_lines_and_details() -> None:
    problems = [Problem("$.title", "missing"), Problem("$", "not valid JSON")]
    assert words.problem_lines(problems) == "• Title: missing\n• The file: not valid JSON"
    assert words.problem_details(problems) == ""
    assert words.problem_lines(problems, limit=1) == (
        "• Title: missing\n… and 1 more (see Show Details)."
    )
    assert words.problem_details(problems, limit=1) == "Title: missing\nThe file: not valid JSON"
    assert words.problem_lines([]) == ""


def test_soreness_change_reads_place_by_place() -> None:
    assert words.soreness_change({"calves-left": 7, "neck": 3}, {"calves-left": 4}) == (
        "Soreness: Left calf 7 → 4 · Neck 3 → –"
    )
    assert words.soreness_change({}, {}) == ""


def test_a_body_picture_names_its_view_and_the_persons_sides_edge_by_edge() -> None:
    from selfmassage.core.words import side_captions, view_title

    assert view_title("front") == "Front" and view_title("back") == "Back"
    # As if the person were facing you: their right is on the front picture's left.
    assert side_captions("front") == ("Right", "Left")
    assert side_captions("back") == ("Left", "Right")
