"""The history, its backups and the logs are for their owner only, whatever the umask."""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from selfmassage.cli import main
from selfmassage.core.history import HistoryStore, SessionStatus
from selfmassage.core.history_backups import backups_folder, make_daily_backup, open_history
from selfmassage.core.history_locks import locks_folder
from selfmassage.core.paths import AppPaths
from selfmassage.logs import RotatingLog, setup_logging

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def loose_umask() -> Iterator[None]:
    """The common default: files readable by every user of the computer."""
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def test_a_new_history_its_log_files_and_backups_are_private(tmp_path: Path) -> None:
    data = tmp_path / "data"
    path = data / "history.sqlite3"
    opened = open_history(path)
    assert opened.store is not None
    recorder = opened.store.start_session("Private")
    assert mode(data) == 0o700
    for name in ("history.sqlite3", "history.sqlite3-wal", "history.sqlite3-shm"):
        assert mode(data / name) == 0o600, name
    assert mode(locks_folder(path)) == 0o700
    assert mode(recorder.lock.path) == 0o600
    backup = make_daily_backup(path, date(2026, 3, 2))
    assert backup is not None
    assert mode(backups_folder(path)) == 0o700
    assert mode(backup) == 0o600
    assert mode(backups_folder(path) / ".lock") == 0o600
    recorder.end(SessionStatus.COMPLETED)
    opened.store.close()


def test_files_left_readable_by_an_older_version_are_tightened_on_open(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    path = data / "history.sqlite3"
    with HistoryStore(path):
        pass
    make_daily_backup(path, date(2026, 3, 1))
    for file in data.iterdir():
        if file.is_file():
            file.chmod(0o644)
    data.chmod(0o755)
    backups_folder(path).chmod(0o755)
    opened = open_history(path)
    assert opened.store is not None
    assert mode(data) == 0o700
    assert mode(path) == 0o600
    assert mode(data / "history.sqlite3-wal") == 0o600
    assert mode(backups_folder(path)) == 0o700
    assert mode(backups_folder(path) / "history-2026-03-01.sqlite3") == 0o600
    opened.store.close()


def test_a_damaged_file_moved_aside_is_private_too(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    path.write_bytes(b"not a database " * 300)
    path.chmod(0o644)
    opened = open_history(path)
    assert opened.store is not None
    [aside] = tmp_path.glob("history.sqlite3.damaged-*")
    assert mode(aside) == 0o600
    assert mode(path) == 0o600
    opened.store.close()


def test_a_history_made_by_an_import_is_private(
    paths: AppPaths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export = tmp_path / "export.json"
    export.write_text('{"format": "selfmassage-history", "version": 1, "sessions": []}')
    assert main(["history", "import", str(export)]) == 0
    assert mode(paths.history_file) == 0o600
    assert mode(paths.data) == 0o700


def test_logs_are_private_and_stay_so_when_they_rotate(tmp_path: Path) -> None:
    paths = AppPaths(tmp_path / "c", tmp_path / "d", tmp_path / "k", tmp_path / "logs")
    setup_logging(paths)
    logging.getLogger("test-private").warning("a line about the neck")
    assert mode(paths.logs) == 0o700
    assert mode(paths.log_file) == 0o600
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
        handler.close()
    older = paths.logs / "selfmassage.log.3"
    older.write_text("an old log")
    older.chmod(0o644)
    setup_logging(paths)
    assert mode(older) == 0o600
    for handler in list(root.handlers):
        root.removeHandler(handler)
        handler.close()
    paths.log_file.chmod(0o644)  # as an older version left it
    handler = RotatingLog(paths.log_file, max_bytes=100, keep=2)
    assert mode(paths.log_file) == 0o600
    record = logging.LogRecord("t", logging.INFO, __file__, 1, "x" * 200, None, None)
    handler.emit(record)
    handler.emit(record)
    handler.close()
    for file in paths.logs.iterdir():
        assert mode(file) == 0o600, file.name
