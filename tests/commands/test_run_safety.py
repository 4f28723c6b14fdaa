"""``selfmassage run`` checks a routine as the window does before Start: a red flag stops
with the "see a doctor" message (exit 3) and records nothing; steps that go against the
answers or the places marked to avoid are skipped, made light or kept (``--conflicts``)."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from selfmassage.cli import main
from selfmassage.commands.safety import RED_FLAG_EXIT, TODAY_UNANSWERED_EXIT
from selfmassage.core.history import HistoryStore
from selfmassage.core.history_queries import list_sessions, session_detail
from selfmassage.core.paths import AppPaths, app_paths
from selfmassage.core.routine_file import parse_routine
from selfmassage.core.safety import TODAY_CHECK
from selfmassage.core.settings import Settings, SettingsStore
from tests.day_answers import ANSWERED_TODAY

QUICK = ["--no-voice", "--speed", "1000", "--record"]
FAST = [*QUICK, *ANSWERED_TODAY]
"""Quick, recorded, and the questions of the day answered "no" (as the window's check)."""

ROUTINE = {
    "format": "selfmassage-routine",
    "version": 1,
    "title": "Calves and neck",
    "steps": [
        {
            "region": "calves",
            "side": "both",
            "seconds": 30,
            "tool": "massage-gun",
            "technique": "calves.massage-gun.calf",
            "instructions": "Sit with your foot on a chair. Glide the gun over your calf.",
        },
        {
            "region": "neck",
            "seconds": 30,
            "instructions": "Knead the back of your neck.",
            "pressure": "light",
        },
    ],
}


@pytest.fixture
def routine_file(tmp_path: Path) -> Path:
    path = tmp_path / "calves.smroutine"
    path.write_text(json.dumps(ROUTINE), encoding="utf-8")
    return path


def save(**fields: object) -> None:
    assert SettingsStore(app_paths().settings_file).save(Settings(**fields))  # type: ignore[arg-type]


def sessions(paths: AppPaths) -> list[object]:
    if not paths.history_file.exists():
        return []
    with HistoryStore(paths.history_file) as store:
        return list(list_sessions(store.conn))


def _day_answers(on: date, **answers: str) -> dict[str, dict[str, str]]:
    """Settings with the questions of the day answered "no" (or as given) on that day."""
    given = {question: "no" for question in TODAY_CHECK} | {
        question.replace("_", "-"): answer for question, answer in answers.items()
    }
    return {"safety_answers": given, "safety_answered_on": dict.fromkeys(given, on.isoformat())}


def test_a_saved_red_flag_stops_with_exit_3_and_records_nothing(
    routine_file: Path, paths: AppPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    save(**_day_answers(date.today(), hot_swollen_calf="yes"))
    assert main(["run", str(routine_file), *QUICK]) == RED_FLAG_EXIT == 3
    out, err = capsys.readouterr()
    assert out == ""  # no session: not even its title line
    assert "Do not massage today: see a doctor today." in err
    assert "A hot, swollen calf" in err
    assert sessions(paths) == []
    # An answer given replaces the saved one, as for `routine build`.
    assert main(["run", str(routine_file), *QUICK, "--answer", "hot-swollen-calf=no"]) == 0
    assert len(sessions(paths)) == 1


def test_the_questions_of_the_day_answered_today_in_the_window_count_for_the_day(
    routine_file: Path, paths: AppPaths
) -> None:
    save(**_day_answers(date.today()))
    assert main(["run", str(routine_file), *QUICK]) == 0
    assert len(sessions(paths)) == 1


def test_a_day_s_answers_from_yesterday_do_not_count_today(
    routine_file: Path, paths: AppPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    """Yesterday's "hot, swollen calf: yes" neither stops today's run nor lets it go on
    unasked: as Start in the window, the run wants today's answers first."""
    save(**_day_answers(date.today() - timedelta(days=1), hot_swollen_calf="yes"))
    assert main(["run", str(routine_file), *QUICK]) == TODAY_UNANSWERED_EXIT == 2
    out, err = capsys.readouterr()
    assert out == "" and sessions(paths) == []
    assert "see a doctor" not in err
    assert "answer the questions of the day" in err
    assert "hot-swollen-calf: Is one calf or leg hot, swollen, red or painful right now?" in err
    assert "--answer fever-or-infection=no --answer acute-injury=no" in err
    # One of them given now, the others still asked for.
    argv = ["run", str(routine_file), *QUICK, "--answer", "fever-or-infection=no"]
    assert main(argv) == TODAY_UNANSWERED_EXIT
    err = capsys.readouterr().err
    assert "fever-or-infection:" not in err and "acute-injury:" in err
    assert main(["run", str(routine_file), *FAST]) == 0
    assert len(sessions(paths)) == 1


def test_a_red_flag_given_on_the_command_line_stops_too(
    routine_file: Path, paths: AppPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["run", str(routine_file), *FAST, "--answer", "back-pain-bladder=unsure"]
    assert main(argv) == RED_FLAG_EXIT
    out, err = capsys.readouterr()
    assert out == "" and "see a doctor today" in err
    assert sessions(paths) == []


def test_an_avoided_side_is_skipped_by_default_and_the_run_says_so(
    routine_file: Path, paths: AppPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    save(avoided=["calves-left"])
    assert main(["run", str(routine_file), *FAST]) == 0
    out, err = capsys.readouterr()
    assert "1 step of “Calves and neck” goes against your safety answers or the places" in err
    assert "  Step 1, Calves, both sides: you marked the left calf to avoid." in err
    assert "Skipped them (only its side marked to avoid, where a step has two)." in err
    assert "Other choices: --conflicts light, --conflicts keep." in err
    # The right calf alone, then the neck: nothing on the left calf is said.
    assert "left calf" not in out
    assert "Your right calf, massage gun." in out
    assert "2 of 2 steps done" in out
    # The history keeps the routine that ran, so "run again" and a resume count its steps.
    [summary] = sessions(paths)
    with HistoryStore(paths.history_file) as store:
        detail = session_detail(store.conn, summary.uuid)  # type: ignore[attr-defined]
    assert detail is not None
    ran = parse_routine(detail.routine_snapshot.encode()).routine
    assert ran is not None
    assert [(s.region, s.side.value if s.side else None) for s in ran.steps] == [
        ("calves", "right"),
        ("neck", None),
    ]


def test_keep_runs_the_steps_as_they_are(
    routine_file: Path, paths: AppPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    save(avoided=["calves-left"])
    assert main(["run", str(routine_file), *FAST, "--conflicts", "keep"]) == 0
    out, err = capsys.readouterr()
    assert "Kept them as they are. Other choices: --conflicts skip, --conflicts light." in err
    assert "Your left calf, massage gun." in out
    # Kept as in the file: the history's copy is the file itself.
    [summary] = sessions(paths)
    with HistoryStore(paths.history_file) as store:
        detail = session_detail(store.conn, summary.uuid)  # type: ignore[attr-defined]
    assert detail is not None
    assert detail.routine_snapshot == routine_file.read_text(encoding="utf-8")


def test_light_swaps_a_ruled_out_tool_for_hands_and_light_pressure(
    routine_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["run", str(routine_file), *FAST, "--answer", "blood-thinners=yes"]
    assert main([*argv, "--conflicts", "light"]) == 0
    out, err = capsys.readouterr()
    assert "Step 1, Calves, both sides: no massage gun here" in err
    assert "Made them light: a gentler tool and light pressure" in err
    assert "massage gun" not in out
    assert "Your left calf, by hand." in out
    # Skipped instead: the calves are left out, the neck runs.
    assert main(argv) == 0
    out, err = capsys.readouterr()
    assert "calf" not in out and "1 of 1 step done" in out


def test_nothing_left_to_run_is_an_error_and_records_nothing(
    routine_file: Path, paths: AppPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    save(avoided=["calves-left", "calves-right", "neck"])
    assert main(["run", str(routine_file), *FAST]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert "2 steps of “Calves and neck” go against" in err
    assert "Nothing left to run of “Calves and neck”." in err
    assert sessions(paths) == []


def test_a_routine_with_no_conflict_runs_without_a_word_about_safety(
    routine_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["run", str(routine_file), *FAST]) == 0
    err = capsys.readouterr().err
    assert "against your safety answers" not in err and "--conflicts" not in err


@pytest.mark.parametrize(
    ("option", "message"),
    [
        (["--conflicts", "ignore"], "invalid choice: 'ignore'"),
        (["--answer", "pregnancy=maybe"], "answer pregnancy with yes, no or unsure"),
        (["--answer", "nosuch=yes"], "unknown safety question 'nosuch'"),
    ],
)
def test_bad_safety_options_are_usage_errors(
    routine_file: Path, option: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["run", str(routine_file), "--no-voice", *option, *ANSWERED_TODAY])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
