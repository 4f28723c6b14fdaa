"""Files from outside are read only if they are plain files: a FIFO, a device, a folder
or a link loop named like a routine, report or history export is refused with a clear
message, at once, by every reader and command."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from selfmassage.cli import main
from selfmassage.core.history_export import HistoryImportError, read_export
from selfmassage.core.library import ImportRefusedError, Library
from selfmassage.core.paths import AppPaths
from selfmassage.core.regular_file import NotReadableError, read_regular_file
from selfmassage.core.report_file import read_report
from selfmassage.core.routine_file import read_routine

posix_only = pytest.mark.skipif(os.name != "posix", reason="FIFOs and /dev/zero are POSIX")


def fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def loop(path: Path) -> Path:
    path.symlink_to(path.name)  # a link to itself
    return path


def zero(path: Path) -> Path:
    path.symlink_to("/dev/zero")
    return path


def folder(path: Path) -> Path:
    path.mkdir()
    return path


SPECIAL: dict[str, tuple[Callable[[Path], Path], str]] = {
    "fifo": (fifo, "it is a pipe (FIFO), not a file"),
    "loop": (loop, "it is a link that leads back to itself (a loop)"),
    "zero": (zero, "it is a device, not a file"),
    "folder": (folder, "it is a folder, not a file"),
}


@posix_only
@pytest.mark.parametrize("kind", SPECIAL)
def test_the_helper_refuses_what_is_not_a_plain_file(tmp_path: Path, kind: str) -> None:
    make, reason = SPECIAL[kind]
    path = make(tmp_path / "x.smroutine")
    with pytest.raises(NotReadableError) as caught:
        read_regular_file(path, 100)
    assert caught.value.reason == reason


def test_the_helper_reads_one_byte_past_the_limit_and_no_more(tmp_path: Path) -> None:
    path = tmp_path / "big"
    path.write_bytes(b"x" * 5000)
    assert read_regular_file(path, 10) == b"x" * 11
    assert read_regular_file(path, 10_000) == b"x" * 5000
    with pytest.raises(NotReadableError, match="No such file"):
        read_regular_file(tmp_path / "missing", 10)


def test_a_link_to_a_plain_file_is_read(tmp_path: Path) -> None:
    (tmp_path / "real").write_bytes(b"data")
    (tmp_path / "link").symlink_to("real")
    assert read_regular_file(tmp_path / "link", 100) == b"data"


@posix_only
@pytest.mark.parametrize("kind", SPECIAL)
def test_every_reader_refuses_at_once(tmp_path: Path, paths: AppPaths, kind: str) -> None:
    make, reason = SPECIAL[kind]
    started = time.monotonic()
    routine = read_routine(make(tmp_path / "a.smroutine"))
    assert str(routine.errors[0]) == f"$: cannot read it: {reason}"
    report = read_report(make(tmp_path / "a.smreport"))
    assert str(report.errors[0]) == f"$: cannot read it: {reason}"
    with pytest.raises(HistoryImportError, match=re.escape(reason)):
        read_export(make(tmp_path / "a.json"))
    library = Library(paths.routines_dir)
    with pytest.raises(ImportRefusedError) as refused:
        library.import_file(make(tmp_path / "b.smroutine"))
    assert reason in str(refused.value.errors[0])
    assert time.monotonic() - started < 5


@posix_only
@pytest.mark.parametrize("kind", SPECIAL)
def test_the_commands_refuse_without_a_traceback(
    tmp_path: Path, paths: AppPaths, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    make, reason = SPECIAL[kind]
    assert main(["routine", "check", str(make(tmp_path / "a.smroutine"))]) == 1
    assert main(["report", "check", str(make(tmp_path / "a.smreport"))]) == 1
    assert main(["history", "import", str(make(tmp_path / "a.json"))]) != 0
    err = capsys.readouterr().err
    assert err.count(reason) == 3 and "Traceback" not in err


@posix_only
def test_a_fifo_does_not_hang_the_command_line(tmp_path: Path, app_home: Path) -> None:
    # In a real process: the old reader waited for a writer for ever.
    path = fifo(tmp_path / "plan.smroutine")
    env = {**os.environ, "SELFMASSAGE_HOME": str(app_home)}
    for args in (["routine", "check", str(path)], ["routine", "show", str(path)]):
        done = subprocess.run(
            [sys.executable, "-m", "selfmassage", *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert done.returncode != 0
        assert "it is a pipe (FIFO), not a file" in done.stderr
        assert "Traceback" not in done.stderr


def test_history_import_of_deep_nesting_is_refused_plainly(
    tmp_path: Path, paths: AppPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "deep.json"
    path.write_bytes(
        b'{"format": "selfmassage-history", "version": 1, "sessions": '
        + b"[" * 5000
        + b"]" * 5000
        + b"}"
    )
    with pytest.raises(HistoryImportError, match="nested too deep"):
        read_export(path)
    assert main(["history", "import", str(path)]) != 0
    err = capsys.readouterr().err
    assert "nested too deep" in err and "Traceback" not in err
