"""``selfmassage safety list`` and ``--answer`` on ``routine build`` and ``routine check``."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from selfmassage.cli import main
from selfmassage.commands.safety import RED_FLAG_EXIT
from selfmassage.core.paths import app_paths
from selfmassage.core.routine import Pressure, Tool
from selfmassage.core.routine_file import read_routine
from selfmassage.core.safety import QUESTIONS
from selfmassage.core.settings import Settings, SettingsStore


def test_safety_list_prints_id_then_text_one_a_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["safety", "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines == [f"{q.id} {q.text}" for q in QUESTIONS]
    assert lines[0].startswith("hot-swollen-calf ")


def test_build_with_a_red_flag_exits_3_with_the_message_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "r.smroutine"
    status = main(
        [
            "routine",
            "build",
            "--regions",
            "calves",
            "--answer",
            "pregnancy=no",
            "--answer",
            "hot-swollen-calf=yes",
            "-o",
            str(out),
        ]
    )
    assert status == RED_FLAG_EXIT == 3
    assert not out.exists()
    err = capsys.readouterr().err
    assert "see a doctor today" in err and "A hot, swollen calf" in err


def test_build_follows_the_answers_and_says_what_changed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "r.smroutine"
    argv = ["routine", "build", "--regions", "calves,abdomen", "--tools", "massage-gun"]
    argv += ["--answer", "blood-thinners=yes", "--answer", "pregnancy=unsure", "-o", str(out)]
    assert main(argv) == 0
    printed = capsys.readouterr().out
    assert "Left out: Abdomen (pregnancy)." in printed
    assert "hands instead of the massage gun" in printed
    routine = read_routine(out).routine
    assert routine is not None
    (step,) = routine.steps
    assert step.region == "calves" and step.tool is Tool.HANDS
    assert step.pressure is Pressure.LIGHT


def test_build_uses_the_saved_answers_and_avoided_places(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    saved = Settings(safety_answers={"blood-thinners": "yes"}, avoided=["calves-left"])
    assert SettingsStore(app_paths().settings_file).save(saved)
    out = tmp_path / "r.smroutine"
    assert main(["routine", "build", "--regions", "calves", "-o", str(out)]) == 0
    routine = read_routine(out).routine
    assert routine is not None
    (step,) = routine.steps
    assert step.side is not None and step.side.value == "right"
    assert step.pressure is Pressure.LIGHT
    # An answer given replaces the saved one.
    argv = ["routine", "build", "--regions", "calves", "--answer", "blood-thinners=no"]
    assert main([*argv, "-o", str(out)]) == 0
    routine = read_routine(out).routine
    assert routine is not None and routine.steps[0].pressure is Pressure.MODERATE


def test_a_day_s_answer_counts_on_its_day_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A hot, swollen calf answered yesterday says nothing about today (the window asks
    again before the day's first session); answered today, it stops as always."""
    path = tmp_path / "neck.smroutine"
    document = {"format": "selfmassage-routine", "version": 1, "title": "Neck", "steps": []}
    document["steps"] = [{"region": "neck", "seconds": 45, "pressure": "light"}]
    path.write_text(json.dumps(document))
    out = tmp_path / "r.smroutine"
    build = ["routine", "build", "--regions", "calves", "--answer", "pregnancy=no", "-o", str(out)]
    for day, stops in ((date.today() - timedelta(days=1), False), (date.today(), True)):
        saved = Settings(
            safety_answers={"hot-swollen-calf": "yes"},
            safety_answered_on={"hot-swollen-calf": day.isoformat()},
        )
        assert SettingsStore(app_paths().settings_file).save(saved)
        assert main(["routine", "check", str(path)]) == 0
        said = capsys.readouterr().out
        assert ("do not massage today" in said) is stops
        assert main(build) == (RED_FLAG_EXIT if stops else 0)
        assert out.exists() is not stops
        out.unlink(missing_ok=True)
        capsys.readouterr()


def test_check_adds_a_warning_line_per_conflicting_step(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "gun.smroutine"
    document = {
        "format": "selfmassage-routine",
        "version": 1,
        "title": "Gun",
        "steps": [
            {"region": "calves", "seconds": 60, "tool": "massage-gun"},
            {"region": "neck", "seconds": 45, "pressure": "light"},
            {"region": "abdomen", "seconds": 45, "pressure": "light"},
        ],
    }
    path.write_text(json.dumps(document))
    assert main(["routine", "check", str(path)]) == 0
    assert capsys.readouterr().out == f"{path}: ok\n"
    argv = ["routine", "check", str(path), "--answer", "blood-clots=yes"]
    assert main([*argv, "--answer", "pregnancy=yes"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"{path}: ok"
    assert len(lines) == 3
    assert lines[1].startswith(f"{path}: warning: Step 1, Calves, both sides: ")
    assert "no massage gun here (history of blood clots)" in lines[1]
    assert lines[2] == (f"{path}: warning: Step 3, Abdomen: leave out the abdomen (pregnancy).")


@pytest.mark.parametrize("bad", ["nonsense=yes", "pregnancy=maybe", "pregnancy"])
def test_a_bad_answer_is_a_usage_error(
    bad: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["routine", "build", "--regions", "neck", "--answer", bad, "-o", str(tmp_path / "x")])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "safety list" in err or "yes, no or unsure" in err
