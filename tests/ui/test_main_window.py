import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from selfmassage.app import SelfMassageApp
from selfmassage.core.paths import AppPaths
from selfmassage.core.settings import SettingsStore
from selfmassage.ui.desktop.crash_dialog import CrashDialog
from selfmassage.ui.desktop.crash_reporter import CrashReporter
from selfmassage.ui.main_window import PAGES
from tests.conftest import MakeApp


def test_window_opens_with_every_page(app: SelfMassageApp) -> None:
    window = app.window
    assert window.isVisible()
    assert window.windowTitle() == "SelfMassage"
    assert not window.windowIcon().isNull()
    assert [window.navigation.item(i).text() for i in range(window.navigation.count())] == [
        page.title for page in PAGES
    ]
    for page in PAGES:
        window.show_page(page.key)
        assert window.current_page_key() == page.key


def test_menus(app: SelfMassageApp) -> None:
    titles = [action.text() for action in app.window.menuBar().actions()]
    assert titles == ["&File", "&View", "&Help"]
    assert app.window.open_action.shortcut().toString() == "Ctrl+O"


def test_geometry_is_remembered(make_app: MakeApp, paths: AppPaths) -> None:
    first = make_app()
    first.window.resize(1210, 734)
    first.window.move(40, 50)
    first.window.close()
    saved = SettingsStore(paths.settings_file).load()
    assert saved.window_geometry

    second = make_app()
    assert (second.window.width(), second.window.height()) == (1210, 734)


def test_close_guard_can_keep_the_window_open(app: SelfMassageApp) -> None:
    answers = [False, True]
    app.window.add_close_guard(lambda: answers.pop(0))
    app.window.close()
    assert app.window.isVisible()
    app.window.close()
    assert not app.window.isVisible()


def test_about_shows_version_and_data_folder(
    app: SelfMassageApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.informativeText()))
    app.window.about_action.trigger()
    assert shown and str(app.paths.data) in shown[0]


@pytest.mark.usefixtures("own_logging")
def test_crash_is_logged_and_shown(
    app: SelfMassageApp, paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    from selfmassage.logs import setup_logging

    setup_logging(paths)
    shown: list[CrashDialog] = []
    monkeypatch.setattr(CrashDialog, "exec", lambda dialog: shown.append(dialog))
    reporter = CrashReporter(paths.log_file)
    try:
        raise ZeroDivisionError("the sky fell")
    except ZeroDivisionError as error:
        reporter.handle(type(error), error, error.__traceback__)
    assert len(shown) == 1
    assert str(paths.log_file) in shown[0].informativeText()
    assert "the sky fell" in shown[0].detailedText()
    assert "the sky fell" in paths.log_file.read_text()


@pytest.mark.qt_no_exception_capture
def test_exception_in_a_slot_reaches_the_reporter(
    app: SelfMassageApp, qtbot: QtBot, paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[CrashDialog] = []
    monkeypatch.setattr(CrashDialog, "exec", lambda dialog: shown.append(dialog))
    reporter = CrashReporter(paths.log_file)
    monkeypatch.setattr(sys, "excepthook", reporter.handle)

    def broken() -> None:
        raise RuntimeError("slot failed")

    app.window.about_requested.disconnect()
    app.window.about_requested.connect(broken)
    app.window.about_action.trigger()
    assert shown and "slot failed" in shown[0].detailedText()


def test_dark_theme_gives_a_dark_window(make_app: MakeApp) -> None:
    from selfmassage.ui.theme import is_dark

    make_app(theme="dark", show=False)
    assert is_dark(QApplication.palette())
    make_app(theme="light", show=False)
    assert not is_dark(QApplication.palette())


@pytest.mark.slow
def test_exit_after_startup_exits_zero(app_home: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SELFMASSAGE_HOME": str(app_home)}
    result = subprocess.run(
        [sys.executable, "-m", "selfmassage", "--exit-after-startup"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    log = (app_home / "logs" / "selfmassage.log").read_text()
    assert "starting" in log and "exiting with status 0" in log


def _opened_with_focus_on_the_map(qtbot: QtBot, make_app: MakeApp) -> SelfMassageApp:
    """The app as a person sees it after a start, once the map has taken the focus."""
    application = make_app()
    application.window.activateWindow()
    body_map = application.home.page.body_map
    qtbot.waitUntil(
        lambda: body_map.hasFocus() or body_map.isAncestorOf(QApplication.focusWidget())
    )
    return application


def test_the_body_map_has_the_focus_when_the_window_opens(qtbot: QtBot, make_app: MakeApp) -> None:
    _opened_with_focus_on_the_map(qtbot, make_app)  # times out if the map never gets it


def test_turning_the_page_hands_the_focus_to_the_pages_list(
    qtbot: QtBot, make_app: MakeApp
) -> None:
    application = _opened_with_focus_on_the_map(qtbot, make_app)
    application.window.show_page("history")
    # Not History's first button, which Space would press (Import… opens a file dialog).
    assert QApplication.focusWidget() is application.window.navigation


def test_help_opens_the_user_guide_shipped_with_the_app(qtbot: QtBot) -> None:
    from selfmassage.core.assets import user_guide_path
    from selfmassage.ui.main_window import MainWindow

    assert user_guide_path().is_file()
    window = MainWindow()
    qtbot.addWidget(window)
    window.user_guide_action.trigger()
    guide = window.user_guide
    assert guide.isVisible()
    assert "SelfMassage user guide" in guide.browser.toPlainText()  # type: ignore[attr-defined]
    assert "Partly done" in guide.browser.toPlainText()  # type: ignore[attr-defined]
    guide.close()
