"""The history's integrity check never runs on the GUI thread at a normal start."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from selfmassage.core import history_backups
from selfmassage.core.history import HistoryStore, SessionStatus
from selfmassage.core.paths import AppPaths
from tests.conftest import MakeApp


def test_no_integrity_check_on_the_gui_thread_at_start(
    make_app: MakeApp, paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    with HistoryStore(paths.history_file) as store:
        store.start_session("Calves").end(SessionStatus.COMPLETED)
    checked_on: list[threading.Thread] = []
    real_check = history_backups.is_healthy

    def recording_check(path: Path) -> bool:
        checked_on.append(threading.current_thread())
        return real_check(path)

    monkeypatch.setattr(history_backups, "is_healthy", recording_check)
    app = make_app()
    assert app.history.store is not None and app.history.store.count() == 1
    backup = app.history.backup_thread
    assert backup is not None
    backup.join(timeout=60)
    # The day's backup checked its copy, in its own thread; the GUI thread checked nothing.
    assert checked_on and threading.main_thread() not in checked_on
