"""The hand-over between two starts, tested with real processes."""

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from selfmassage.ui.desktop.single_instance import decode_files, encode_files, server_name


def test_the_name_depends_on_the_data_folder(tmp_path: Path) -> None:
    assert server_name(tmp_path / "a") == server_name(tmp_path / "a")
    assert server_name(tmp_path / "a") != server_name(tmp_path / "b")
    assert len(server_name(tmp_path / "a")) < 40


def test_messages_round_trip_and_junk_is_refused() -> None:
    files = ["/tmp/ä b.smroutine", "/x/<b>hi</b>.smroutine"]
    assert decode_files(encode_files(files).rstrip(b"\n")) == files
    for junk in (b"", b"\xff", b"[]", b'{"files": "x"}', b'{"files": [1]}', b"null"):
        assert decode_files(junk) is None


def _log(home: Path) -> str:
    log_file = home / "logs" / "selfmassage.log"
    return log_file.read_text(encoding="utf-8") if log_file.exists() else ""


def _wait_for(home: Path, text: str, count: int = 1, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if _log(home).count(text) >= count:
            return
        time.sleep(0.05)
    stderr = home / "stderr.txt"
    errors = stderr.read_text(errors="replace") if stderr.exists() else ""
    raise AssertionError(f"never logged {text!r} ({count}x); log:\n{_log(home)}\n{errors}")


@pytest.fixture
def env(app_home: Path) -> dict[str, str]:
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SELFMASSAGE_HOME": str(app_home)}


@pytest.fixture
def processes() -> Iterator[list[subprocess.Popen[bytes]]]:
    started: list[subprocess.Popen[bytes]] = []
    yield started
    for process in started:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=10)


def _start(env: dict[str, str], *args: str, cwd: Path | None = None) -> subprocess.Popen[bytes]:
    # Standard error goes beside the log, so that a start that dies shows why in the failure.
    with (Path(env["SELFMASSAGE_HOME"]) / "stderr.txt").open("ab") as errors:
        return subprocess.Popen(
            [sys.executable, "-m", "selfmassage", *args],
            env=env,
            cwd=cwd,
            stdout=subprocess.DEVNULL,
            stderr=errors,
        )


@pytest.mark.slow
def test_a_second_start_hands_its_file_over_and_exits(
    env: dict[str, str],
    app_home: Path,
    tmp_path: Path,
    processes: list[subprocess.Popen[bytes]],
) -> None:
    first = _start(env)
    processes.append(first)
    _wait_for(app_home, "listening for other starts")

    routine = tmp_path / "for client.smroutine"
    routine.write_text("{}", encoding="utf-8")
    second = subprocess.run(
        [sys.executable, "-m", "selfmassage", routine.name],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert second.returncode == 0, second.stderr
    assert first.poll() is None, "the running window must stay open"
    _wait_for(app_home, "another start handed over 1 file(s)")
    log = _log(app_home)
    # The relative name arrives as an absolute path: the two starts differ in folder.
    assert f"opening {routine}" in log
    assert log.count("listening for other starts") == 1
    assert "handed 1 file(s) to the running window" in log


@pytest.mark.slow
def test_a_start_after_a_crash_takes_over_the_stale_socket(
    env: dict[str, str],
    app_home: Path,
    processes: list[subprocess.Popen[bytes]],
) -> None:
    crashed = _start(env)
    processes.append(crashed)
    _wait_for(app_home, "listening for other starts")
    crashed.kill()
    crashed.wait(timeout=10)

    survivor = _start(env)
    processes.append(survivor)
    _wait_for(app_home, "listening for other starts", count=2)
    assert survivor.poll() is None

    third = subprocess.run([sys.executable, "-m", "selfmassage"], env=env, timeout=60, check=False)
    assert third.returncode == 0
    _wait_for(app_home, "another start handed over 0 file(s)")


@pytest.mark.parametrize(
    "system_answer",
    [
        ImportError("No module named 'pwd'"),  # Windows, Python 3.11, no USERNAME
        OSError("No username set in the environment"),  # Windows, Python 3.13
        KeyError("getpwuid(): uid not found: 1001"),  # a container without this user
    ],
    ids=["windows-3.11", "windows-3.13", "no-passwd-entry"],
)
def test_a_user_without_a_name_still_gets_a_server_name(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, system_answer: Exception
) -> None:
    def getuser() -> str:
        raise system_answer

    monkeypatch.setattr("selfmassage.ui.desktop.single_instance.getpass.getuser", getuser)
    name = server_name(tmp_path / "data")
    assert name == server_name(tmp_path / "data")
    assert name.startswith("selfmassage-")


def test_each_user_has_a_name_of_their_own_that_fits_every_system(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    names = set()
    for user in ("ana", "ben", "Ana Müller", "DOMAIN\\ana"):
        monkeypatch.setattr(
            "selfmassage.ui.desktop.single_instance.getpass.getuser", lambda u=user: u
        )
        names.add(server_name(tmp_path / "data"))
    assert len(names) == 4
    for name in names:
        assert name.isascii() and name.replace("-", "").isalnum()  # a pipe and a file name
        # macOS puts the socket in its long per-user temporary folder; a socket path may
        # have 104 bytes at most there. Windows' pipes are \\.\pipe\NAME, up to 256.
        macos_tmp = "/var/folders/zz/zyxvpxvq6csfxvn_n0000000000000/T/"
        assert len(macos_tmp + name) < 104
