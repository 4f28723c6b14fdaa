"""The hand-over between two starts, tested with real processes."""

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from selfmassage.ui.desktop.single_instance import (
    SingleInstance,
    decode_files,
    encode_files,
    runtime_folder,
    server_name,
    unsafe_reason,
)

posix_only = pytest.mark.skipif(os.name != "posix", reason="Unix sockets and owners")


def test_the_name_depends_on_the_data_folder(tmp_path: Path) -> None:
    assert server_name(tmp_path / "a") == server_name(tmp_path / "a")
    assert server_name(tmp_path / "a") != server_name(tmp_path / "b")
    # A Unix socket path holds at most 104 bytes on macOS, 108 on Linux.
    assert len(server_name(tmp_path / "a").encode()) < 104


@posix_only
def test_the_socket_lives_in_the_users_runtime_folder_not_in_tmp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    name = Path(server_name(tmp_path / "data"))
    assert name.parent == runtime and name.name.startswith("selfmassage-")
    assert unsafe_reason(name) is None


@posix_only
def test_without_a_runtime_folder_a_private_one_is_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    monkeypatch.setattr("platformdirs.user_runtime_dir", lambda **_: str(tmp_path / "none"))
    folder = runtime_folder()
    assert folder == tmp_path / f"selfmassage-{os.getuid()}"
    assert unsafe_reason(folder / "selfmassage-x") is None
    assert folder.stat().st_mode & 0o777 == 0o700


needs_root = pytest.mark.skipif(
    os.name != "posix" or os.geteuid() != 0, reason="giving a file to another user needs root"
)


@posix_only
def test_a_folder_others_may_write_to_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(0o777)
    assert "other users may write" in str(unsafe_reason(folder / "selfmassage-x"))


@needs_root
def test_a_folder_or_socket_of_another_user_is_refused(tmp_path: Path) -> None:
    theirs = tmp_path / "theirs"
    theirs.mkdir(mode=0o700)
    os.chown(theirs, 4321, 4321)
    assert "belongs to another user (uid 4321)" in str(unsafe_reason(theirs / "selfmassage-x"))
    mine = tmp_path / "mine"
    mine.mkdir(mode=0o700)
    planted = mine / "selfmassage-x"
    planted.write_bytes(b"")
    os.chown(planted, 4321, 4321)
    assert "belongs to another user (uid 4321)" in str(unsafe_reason(planted))


@needs_root
def test_a_start_never_hands_files_to_a_socket_another_user_planted(
    qapp: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from PySide6.QtNetwork import QLocalServer

    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    name = server_name(tmp_path / "data")
    planted = QLocalServer()
    assert planted.listen(name)
    os.chown(name, 4321, 4321)
    instance = SingleInstance(name, tmp_path / "cache")
    with caplog.at_level("WARNING"):
        assert instance.claim(["/home/me/secret.smroutine"], timeout_ms=500) is True
    assert not planted.hasPendingConnections()
    connected, _timed_out = planted.waitForNewConnection(200)
    assert not connected
    # Nor did it take the place over: the planted socket is still the one there.
    assert os.lstat(name).st_uid == 4321
    assert "belongs to another user" in caplog.text
    planted.close()


@posix_only
def test_the_start_up_lock_is_kept_until_the_window_listens(
    qapp: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Between the claim and the first paint another start must wait, not start too."""
    from PySide6.QtCore import QLockFile

    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    instance = SingleInstance(server_name(tmp_path / "data"), tmp_path / "cache")
    assert instance.claim([]) is True
    assert not Path(instance.name).exists()  # not listening yet
    other = QLockFile(str(instance._lock_path))
    assert other.tryLock(0) is False
    assert instance.listen() is True
    assert Path(instance.name).exists()
    assert other.tryLock(0) is True
    other.unlock()
    assert instance.listen() is True  # once is enough: a second call changes nothing
    instance.close()
    # A window that quits before it listens lets the lock go as it closes.
    early = SingleInstance(server_name(tmp_path / "other data"), tmp_path / "cache")
    assert early.claim([]) is True
    other = QLockFile(str(early._lock_path))
    assert other.tryLock(0) is False
    early.close()
    assert other.tryLock(0) is True
    other.unlock()


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
    # The relative name arrives as an absolute path: the two starts differ in folder. The
    # window logs the opening a moment after the hand-over: wait for it, not for a read.
    _wait_for(app_home, f"opening {routine}")
    log = _log(app_home)
    assert log.count("listening for other starts") == 1
    assert "handed 1 file(s) to the running window" in log


@pytest.mark.slow
def test_two_starts_at_the_same_moment_leave_one_window_with_the_file(
    env: dict[str, str],
    app_home: Path,
    tmp_path: Path,
    processes: list[subprocess.Popen[bytes]],
) -> None:
    """The later start comes while the other is still building its window: it waits for
    the other to listen, then hands over what it was given. Whichever comes first, one
    window runs and it opens the file."""
    routine = tmp_path / "together.smroutine"
    routine.write_text("{}", encoding="utf-8")
    both = [_start(env), _start(env, str(routine))]
    processes.extend(both)
    _wait_for(app_home, "listening for other starts")
    _wait_for(app_home, "another start handed over")
    _wait_for(app_home, f"opening {routine}")
    deadline = time.monotonic() + 30
    while all(process.poll() is None for process in both) and time.monotonic() < deadline:
        time.sleep(0.05)
    running = [process for process in both if process.poll() is None]
    assert len(running) == 1, "exactly one window runs"
    assert [process.returncode for process in both if process not in running] == [0]
    log = _log(app_home)
    assert log.count("listening for other starts") == 1
    assert log.count("another start handed over") == 1


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
    # On Unix the name is a socket in the user's runtime folder, on Windows a pipe name.
    assert Path(name).name.startswith("selfmassage-")


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
        # On Unix the socket's path in the runtime folder; its own name, a pipe's on Windows.
        own = Path(name).name
        assert own.isascii() and own.replace("-", "").isalnum()  # a pipe and a file name
        # A socket path may have 104 bytes at most on macOS, where the runtime folder is
        # ~/Library/Caches/TemporaryItems. Windows' pipes are \\.\pipe\NAME, up to 256.
        macos_runtime = "/Users/ana.mueller-schmidt/Library/Caches/TemporaryItems/"
        assert len(macos_runtime + own) < 104
