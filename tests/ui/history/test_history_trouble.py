"""The window through trouble: a full disk at start or mid-session loses no session."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from selfmassage.core.history import HistoryStore, SessionStatus, StepRecord
from selfmassage.core.paths import AppPaths
from selfmassage.ui.history.history_presenter import HistoryPresenter
from selfmassage.ui.main_window import MainWindow
from tests.core.test_history_trouble import full_disk

Refuse = Callable[[Path, "BaseException | None"], None]


def one_session(path: Path) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    with HistoryStore(path) as store:
        recorder = store.start_session("Before the full disk")
        recorder.end(SessionStatus.COMPLETED)
        return recorder.uuid


@pytest.fixture
def window(qtbot: QtBot) -> MainWindow:
    main = MainWindow()
    qtbot.addWidget(main)
    main.show()
    return main


def test_a_session_run_while_the_disk_is_full_is_saved_once_there_is_space(
    window: MainWindow, paths: AppPaths, refusing: Refuse
) -> None:
    kept = one_session(paths.history_file)
    refusing(paths.history_file, full_disk())
    presenter = HistoryPresenter(
        window, paths.history_file, "0.1.0", today=lambda: date(2026, 3, 4)
    )
    assert presenter.store is None and presenter.opened.trouble
    assert "the disk is full" in presenter.opened.messages[0]
    window.show_page("history")
    assert presenter.page is not None
    assert "the disk is full" in presenter.page.empty.text()

    problems: list[str] = []
    saved: list[str] = []
    presenter.problem.connect(problems.append)
    presenter.saved_again.connect(saved.append)
    listener = presenter.begin_session(
        "In memory", routine_snapshot="", planned_seconds=120, soreness_before={"neck": 6}
    )
    assert listener is not None  # the session is heard, not dropped
    assert problems and "the disk is full" in problems[-1]
    assert not presenter.recording_possible
    recorder = presenter.recorder
    assert recorder is not None
    recorder.step_ended(StepRecord(0, "neck", None, "", "hands", 60, 60))
    assert recorder.pending

    refusing(paths.history_file, None)  # space again
    recorder.step_ended(StepRecord(1, "neck", None, "", "hands", 60, 60))
    recorder.end(SessionStatus.COMPLETED)
    assert not recorder.pending
    assert saved and "saved" in saved[0]
    assert presenter.store is not None and presenter.recording_possible
    assert "saved" in window.statusBar().currentMessage()
    rows = dict(presenter.store.conn.execute("SELECT uuid, routine_title FROM sessions"))
    assert rows[kept] == "Before the full disk" and "In memory" in rows.values()
    presenter.refresh()
    assert presenter.page.model.rowCount() == 2
    assert presenter.page.import_button.isEnabled()


def test_closing_with_a_session_only_in_memory_asks_first(
    window: MainWindow, paths: AppPaths, refusing: Refuse
) -> None:
    one_session(paths.history_file)
    refusing(paths.history_file, full_disk())
    presenter = HistoryPresenter(window, paths.history_file, "0.1.0")
    presenter.begin_session("Unsaved", routine_snapshot="", planned_seconds=60, soreness_before={})
    asked: list[str] = []
    answers = [False, True]

    def ask(problem: str) -> bool:
        asked.append(problem)
        return answers.pop(0)

    presenter.ask_lose_unsaved = ask
    assert not window.close()  # "Keep SelfMassage open"
    assert window.isVisible() and "the disk is full" in asked[0]
    assert window.close()  # "Close and lose it"
    assert len(asked) == 2


def test_closing_writes_what_waited_when_it_can(
    window: MainWindow, paths: AppPaths, refusing: Refuse
) -> None:
    one_session(paths.history_file)
    refusing(paths.history_file, full_disk())
    presenter = HistoryPresenter(window, paths.history_file, "0.1.0")
    presenter.begin_session(
        "Saved at close", routine_snapshot="", planned_seconds=60, soreness_before={}
    )
    presenter.ask_lose_unsaved = lambda problem: pytest.fail("nothing to ask: it was written")
    refusing(paths.history_file, None)
    assert window.close()
    conn = sqlite3.connect(paths.history_file)
    titles = {row[0] for row in conn.execute("SELECT routine_title FROM sessions")}
    conn.close()
    assert "Saved at close" in titles


def test_the_app_says_the_disk_is_full_not_damaged(
    qtbot: QtBot, paths: AppPaths, refusing: Refuse
) -> None:
    from selfmassage.app import SelfMassageApp

    one_session(paths.history_file)
    before = paths.history_file.read_bytes()
    refusing(paths.history_file, full_disk())
    app = SelfMassageApp(paths, theme="light")
    qtbot.addWidget(app.window)
    app.history.ask_lose_unsaved = lambda problem: True
    app.show()
    assert app.history_banner.isVisible()
    boxes = [w for w in app.window.findChildren(QMessageBox) if w.isVisible()]
    assert boxes and "the disk is full" in boxes[0].text()
    assert "damaged" not in boxes[0].text()
    assert paths.history_file.read_bytes() == before
    assert not list(paths.data.glob("*.damaged-*"))


def test_a_session_whose_first_write_is_refused_is_still_recorded(
    window: MainWindow, paths: AppPaths
) -> None:
    presenter = HistoryPresenter(window, paths.history_file, "0.1.0")
    assert presenter.store is not None
    problems: list[str] = []
    presenter.problem.connect(problems.append)
    presenter.store.conn.execute("PRAGMA query_only = ON")  # the disk refuses every write
    listener = presenter.begin_session(
        "Refused at start", routine_snapshot="", planned_seconds=60, soreness_before={"neck": 2}
    )
    assert listener is not None
    assert problems and "cannot be written to" in problems[0]
    recorder = presenter.recorder
    assert recorder is not None and recorder.pending
    presenter.store.conn.execute("PRAGMA query_only = OFF")
    recorder.step_ended(StepRecord(0, "neck", None, "", "hands", 60, 60))
    assert not recorder.pending
    row = presenter.store.conn.execute("SELECT routine_title, status FROM sessions").fetchone()
    assert row == ("Refused at start", "running")
