import argparse
import subprocess
import sys
from pathlib import Path

import pytest

from selfmassage import __version__
from selfmassage.cli import main


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"selfmassage {__version__}"


def test_help_lists_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "--exit-after-startup" in out
    assert "paths" in out


def test_paths_follow_selfmassage_home(app_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["paths"]) == 0
    lines = dict(line.split(": ", 1) for line in capsys.readouterr().out.splitlines())
    assert lines == {
        "config": str(app_home / "config"),
        "data": str(app_home / "data"),
        "cache": str(app_home / "cache"),
        "logs": str(app_home / "logs"),
    }


def test_unknown_command_is_a_usage_error_not_a_traceback(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--no-such-option"])
    assert exit_info.value.code == 2
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.slow
def test_python_dash_m_works_and_does_not_import_qt(app_home: Path) -> None:
    code = (
        "import sys, runpy; sys.argv=['selfmassage','paths'];\n"
        "try:\n runpy.run_module('selfmassage', run_name='__main__')\n"
        "except SystemExit as e: assert e.code == 0\n"
        "assert 'PySide6.QtWidgets' not in sys.modules, 'paths must not load Qt'\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert f"data: {app_home / 'data'}" in result.stdout


def test_every_command_module_registers_the_name_it_is_listed_under() -> None:
    from selfmassage.cli import COMMAND_MODULES, command_parser

    parser = command_parser()
    (commands,) = (a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    assert set(commands.choices) == set(COMMAND_MODULES)


@pytest.mark.slow
def test_opening_the_window_imports_no_command_module(app_home: Path) -> None:
    code = (
        "import sys, selfmassage.cli as cli, selfmassage.launch as launch\n"
        "launch.run_app = lambda args: 0\n"
        "assert cli.main([]) == 0\n"
        "loaded = [m for m in sys.modules if m.startswith('selfmassage.commands.')]\n"
        "assert not loaded, loaded\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr


def test_a_mistyped_command_is_named_with_a_suggestion_and_exits_2(
    app_home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import selfmassage.launch as launch

    opened: list[argparse.Namespace] = []
    monkeypatch.setattr(launch, "run_app", lambda args: opened.append(args) or 0)
    monkeypatch.chdir(app_home)
    assert main(["histroy", "list"]) == 2
    assert capsys.readouterr().err.strip() == (
        "selfmassage: unknown command: histroy (did you mean history?)"
    )
    assert main(["--theme", "dark", "frobnicate"]) == 2
    assert "unknown command: frobnicate (commands: history, paths," in capsys.readouterr().err
    assert not opened, "the window does not open for a mistyped command"


def test_a_file_that_exists_or_looks_like_a_file_still_opens_the_window(
    app_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import selfmassage.launch as launch

    opened: list[list[str]] = []
    monkeypatch.setattr(launch, "run_app", lambda args: opened.append(args.files) or 0)
    monkeypatch.chdir(app_home)
    (app_home / "histroy").write_text("{}", encoding="utf-8")
    assert main(["histroy"]) == 0
    assert main(["--theme", "dark", "neck.smroutine"]) == 0
    assert main(["notes/neck"]) == 0
    assert opened == [["histroy"], ["neck.smroutine"], ["notes/neck"]]
