"""``selfmassage routine check | show | build``: outputs and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from selfmassage.cli import main
from selfmassage.commands.routine import INTENSITIES
from selfmassage.core.routine_file import read_routine
from selfmassage.core.routine_options import Intensity

GOOD = {
    "format": "selfmassage-routine",
    "version": 1,
    "title": "Post-run calves",
    "steps": [
        {"region": "calves", "seconds": 90, "name": "Calf roll", "tool": "foam-roller"},
        {"region": "neck", "seconds": 45},
    ],
}


def write(folder: Path, name: str, document: object) -> Path:
    path = folder / name
    path.write_text(json.dumps(document))
    return path


def test_check_a_good_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = write(tmp_path, "good.smroutine", GOOD)
    assert main(["routine", "check", str(good)]) == 0
    out, err = capsys.readouterr()
    assert out == f"{good}: ok\n"
    assert err == ""


def test_check_prints_warnings_after_ok(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "w.smroutine", {**GOOD, "mood": "calm"})
    assert main(["routine", "check", str(path)]) == 0
    out, _ = capsys.readouterr()
    assert out.splitlines() == [f"{path}: ok", f"{path}: warning: $.mood: unknown key, ignored"]


def test_check_a_bad_file_prints_errors_on_stderr_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = json.loads(json.dumps(GOOD))
    document["steps"][1]["seconds"] = 2
    document["steps"][0]["side"] = "middle"
    bad = write(tmp_path, "bad.smroutine", document)
    assert main(["routine", "check", str(bad)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == [
        f'{bad}: error: $.steps[0].side: unknown side "middle"; use one of: left, right, both',
        f"{bad}: error: $.steps[1].seconds: must be from 5 to 1800, not 2",
    ]


def test_check_several_files_fails_if_any_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = write(tmp_path, "good.smroutine", GOOD)
    missing = tmp_path / "missing.smroutine"
    not_json = tmp_path / "notes.smroutine"
    not_json.write_text("hello")
    assert main(["routine", "check", str(good), str(missing), str(not_json)]) == 1
    out, err = capsys.readouterr()
    assert out == f"{good}: ok\n"
    lines = err.splitlines()
    assert lines[0].startswith(f"{missing}: error: $: cannot read it")
    assert lines[1].startswith(f"{not_json}: error: $: not valid JSON")
    assert len(lines) == 2


def test_check_hostile_files_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deep = tmp_path / "deep.smroutine"
    deep.write_bytes(b"[" * 1_000_000)
    huge = tmp_path / "huge.smroutine"
    huge.write_bytes(b" " * 2_000_000)
    binary = tmp_path / "binary.smroutine"
    binary.write_bytes(bytes(range(256)))
    assert main(["routine", "check", str(deep), str(huge), str(binary), str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert f"{deep}: error: $: nested too deep" in err
    assert f"{huge}: error: $: too large" in err
    assert f"{binary}: error: $: " in err
    assert f"{tmp_path}: error: $: cannot read it: it is a folder" in err
    assert "Traceback" not in err


def test_check_escapes_terminal_control_characters(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "evil\x1b[2J.smroutine"
    path.write_text(json.dumps({**GOOD, "\x1b]0;owned\x07": 1}))
    assert main(["routine", "check", str(path)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    assert "evil\\x1b[2J.smroutine: ok" in out


def test_show_prints_steps_and_total(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "good.smroutine", {**GOOD, "author": "A. Physio"})
    assert main(["routine", "show", str(path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Post-run calves"
    assert out[1] == "by A. Physio"
    assert "1. Calf roll — Calves, both sides, foam roller, 1 min 30 s each side" in out
    assert "2. Neck, hands, 45 s" in out
    # 2 x 90 + 45 of work; one side switch (5 s) and a get-ready before each step (2 x 10 s).
    assert out[-1] == (
        "Total: 4 min 10 s (3 min 45 s of massage, 25 s to change position and side)"
    )


def test_show_a_bad_file_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "bad.smroutine", {**GOOD, "version": 7})
    assert main(["routine", "show", str(path)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert "this file needs a newer version of SelfMassage (file version" in err


def test_build_writes_a_routine_within_budget(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "built.smroutine"
    status = main(
        [
            "routine",
            "build",
            "--regions",
            "calves-left,calves-right,quads",
            "--tools",
            "foam-roller,hands",
            "--minutes",
            "10",
            "-o",
            str(target),
        ]
    )
    assert status == 0
    assert f"Wrote {target}" in capsys.readouterr().out
    result = read_routine(target)
    assert result.routine is not None and result.warnings == ()
    assert [step.region for step in result.routine.steps] == ["calves", "quads"]
    assert all(step.side is not None and step.side.value == "both" for step in result.routine.steps)
    assert {step.tool.value for step in result.routine.steps} <= {"foam-roller", "hands"}
    assert all(step.name and step.instructions for step in result.routine.steps)


def test_build_one_side_and_gentle(tmp_path: Path) -> None:
    target = tmp_path / "left.smroutine"
    args = ["routine", "build", "--regions", "calves-left,neck", "--minutes", "5"]
    assert main([*args, "--intensity", "gentle", "-o", str(target)]) == 0
    routine = read_routine(target).routine
    assert routine is not None
    sides = {step.region: step.side for step in routine.steps}
    assert sides["neck"] is None and sides["calves"] is not None
    assert sides["calves"].value == "left"


def test_build_refusal_is_plain_and_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "never.smroutine"
    regions = "calves,quads,hamstrings,glutes,feet,shins,forearms,neck"
    assert (
        main(["routine", "build", "--regions", regions, "--minutes", "1", "-o", str(target)]) == 1
    )
    err = capsys.readouterr().err
    assert "Pick fewer regions, or give it more time" in err
    assert "Traceback" not in err
    assert not target.exists()


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--regions", "calf"], "unknown region 'calf'"),
        (["--regions", "neck-left"], "unknown region"),
        (["--regions", "neck", "--tools", "spoon"], "unknown tool 'spoon'"),
        (["--regions", "neck", "--minutes", "ten"], "not a number of minutes"),
        (["--regions", "neck", "--minutes", "0"], "from 1 to 180"),
    ],
)
def test_build_bad_arguments_are_usage_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], words: str
) -> None:
    with pytest.raises(SystemExit) as info:
        main(["routine", "build", *args, "-o", str(tmp_path / "x.smroutine")])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err


def test_build_cannot_write_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    target = blocker / "inside.smroutine"
    assert main(["routine", "build", "--regions", "neck", "-o", str(target)]) == 1
    assert f"cannot write {target}" in capsys.readouterr().err


def test_intensity_choices_match_the_builder() -> None:
    assert tuple(intensity.value for intensity in Intensity) == INTENSITIES


def test_routine_without_subcommand_shows_usage(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["routine"]) == 2
    assert "check" in capsys.readouterr().err


@pytest.mark.slow
def test_check_runs_as_a_program_without_qt(tmp_path: Path) -> None:
    good = write(tmp_path, "good.smroutine", GOOD)
    bad = write(tmp_path, "bad.smroutine", {**GOOD, "steps": []})
    code = (
        "import sys; from selfmassage.cli import main; status = main(sys.argv[1:]);"
        "assert 'PySide6.QtWidgets' not in sys.modules; sys.exit(status)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, "routine", "check", str(good), str(bad)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    assert result.stdout == f"{good}: ok\n"
    assert result.stderr == f"{bad}: error: $.steps: must hold at least one step\n"
