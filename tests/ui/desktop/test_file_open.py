"""Files the system hands over with QEvent.FileOpen (macOS) take the File > Open road."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QUrl
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from selfmassage.ui.desktop import file_open as file_open_module
from selfmassage.ui.desktop.file_open import FileOpenFilter
from tests.conftest import MakeApp


@pytest.fixture
def as_on_macos(monkeypatch: pytest.MonkeyPatch) -> None:
    """Wire the app as on macOS, the one system that sends FileOpen events."""
    monkeypatch.setattr(file_open_module, "SYSTEM_SENDS_FILE_OPEN", True)


def test_filter_turns_a_file_open_event_into_a_path(qtbot: QtBot, qapp: QApplication) -> None:
    handler = FileOpenFilter()
    qapp.installEventFilter(handler)
    try:
        with qtbot.waitSignal(handler.file_open_requested, timeout=1000) as signal:
            QApplication.sendEvent(qapp, QFileOpenEvent("/tmp/calves.smroutine"))
        assert signal.args == ["/tmp/calves.smroutine"]
    finally:
        qapp.removeEventFilter(handler)


def test_filter_takes_local_file_urls_and_leaves_other_urls(
    qtbot: QtBot, qapp: QApplication
) -> None:
    handler = FileOpenFilter()
    seen: list[str] = []
    handler.file_open_requested.connect(seen.append)
    url_event = QFileOpenEvent(QUrl.fromLocalFile("/tmp/a b.smreport"))
    web_event = QFileOpenEvent(QUrl("https://example.org/x.smroutine"))
    assert handler.eventFilter(qapp, url_event) is True
    assert handler.eventFilter(qapp, web_event) is False
    assert handler.eventFilter(qapp, QEvent(QEvent.Type.Show)) is False
    assert seen == ["/tmp/a b.smreport"]


@pytest.mark.usefixtures("as_on_macos")
def test_app_sends_a_finder_file_down_the_open_routine_road(
    qtbot: QtBot, qapp: QApplication, make_app: MakeApp, tmp_path: Path
) -> None:
    app = make_app(theme=None, show=False)
    routine = tmp_path / "from-physio.smroutine"
    with qtbot.waitSignal(app.window.open_routine_requested, timeout=1000) as signal:
        QApplication.sendEvent(qapp, QFileOpenEvent(str(routine)))
    assert signal.args == [str(routine)]


@pytest.mark.usefixtures("as_on_macos")
def test_the_filter_goes_away_with_the_window(
    qtbot: QtBot, qapp: QApplication, make_app: MakeApp
) -> None:
    app = make_app(theme=None, show=False)
    seen: list[str] = []
    app.window.open_routine_requested.connect(seen.append)
    app.window.deleteLater()
    qtbot.waitUntil(lambda: _deleted(app.file_open_filter), timeout=1000)
    QApplication.sendEvent(qapp, QFileOpenEvent("/tmp/late.smroutine"))
    assert seen == []


def _deleted(obj: FileOpenFilter) -> bool:
    return not isValid(obj)


def test_elsewhere_no_filter_watches_every_event(
    qapp: QApplication, make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(file_open_module, "SYSTEM_SENDS_FILE_OPEN", False)
    app = make_app(theme=None, show=False)
    assert app.file_open_filter is None
    assert qapp.findChildren(FileOpenFilter) == []


@pytest.mark.usefixtures("as_on_macos")
def test_a_file_handed_over_before_the_first_paint_still_opens(
    qtbot: QtBot, qapp: QApplication, make_app: MakeApp, tmp_path: Path
) -> None:
    import shutil

    from selfmassage.core.assets import asset_path
    from selfmassage.core.routine_file import load_routine

    bundled = sorted(asset_path("routines").glob("*.smroutine"))[0]
    routine = tmp_path / "early.smroutine"
    shutil.copy(bundled, routine)
    title = load_routine(routine).title
    app = make_app(theme=None, show=False, defer_start_up=True)  # as run_app builds it
    assert not app.started_up
    QApplication.sendEvent(qapp, QFileOpenEvent(str(routine)))
    assert app.started_up
    qtbot.waitUntil(lambda: app.routine.page.routine() is not None, timeout=2000)
    assert app.routine.page.routine().title == title


@pytest.mark.parametrize(
    ("platform", "sends"), [("darwin", True), ("win32", False), ("linux", False)]
)
def test_only_macos_is_known_to_send_file_open_events(
    monkeypatch: pytest.MonkeyPatch, platform: str, sends: bool
) -> None:
    # The constant is read once at import: a copy of the module, imported as on that system.
    monkeypatch.setattr(sys, "platform", platform)
    spec = importlib.util.spec_from_file_location("file_open_elsewhere", file_open_module.__file__)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.SYSTEM_SENDS_FILE_OPEN is sends
