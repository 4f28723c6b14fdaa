"""Test configuration shared by every test: no display, no network, a private home."""

from __future__ import annotations

import logging
import os
import re
import socket
import sqlite3
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import pytest

# Without a display the qapp fixture would abort the whole run; offscreen needs none. Its
# screen is a laptop's 1600x1000 rather than the default 800x600, which is smaller than
# the main window's minimum size.
_SCREEN = Path(tempfile.gettempdir()) / "selfmassage-test-screen.json"
_SCREEN.write_text(
    '{"screens": [{"name": "test", "x": 0, "y": 0, "width": 1600, "height": 1000,'
    ' "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}'
)
os.environ.setdefault("QT_QPA_PLATFORM", f"offscreen:configfile={_SCREEN}")
# QtMultimedia's backend logs from its own threads (FFmpeg's "Input #0, wav, from ..."
# for every sound, the VA-API and PipeWire libraries this machine lacks). Silenced at the
# source, before QtMultimedia loads: printed, it is noise; captured, it would be Python
# code called from those threads. Rules set by whoever runs the tests come after, and win.
os.environ["QT_LOGGING_RULES"] = ";".join(
    rule for rule in ("qt.multimedia.*=false", os.environ.get("QT_LOGGING_RULES")) if rule
)

# The tests read the app's English texts, whatever the machine's language; a test of
# another language sets its own (and the fixture below puts English back).
os.environ["SELFMASSAGE_LANGUAGE"] = "en"

from hypothesis import settings  # noqa: E402
from hypothesis.database import DirectoryBasedExampleDatabase  # noqa: E402

from selfmassage.core.paths import AppPaths, app_paths  # noqa: E402

# Failing examples are kept in the repository, not in the ignored .hypothesis/, so that
# a failure found once (here, in CI, in a long fuzz run) is replayed by every later run.
settings.register_profile(
    "selfmassage",
    database=DirectoryBasedExampleDatabase(Path(__file__).parent / "hypothesis-db"),
)
settings.load_profile("selfmassage")


@pytest.fixture
def pseudo() -> Iterator[None]:
    """The app's language is the pseudo-language for the test: a text that went through
    the catalogues comes out bracketed, so one that did not shows plainly."""
    from selfmassage.core import language

    language.set_app_language(language.PSEUDO)
    yield  # English comes back with _english_again


@pytest.fixture(autouse=True)
def _english_again() -> Iterator[None]:
    """A test that changes the app's language leaves English behind it."""
    yield
    from selfmassage.core import language

    if language.app_language() != language.ENGLISH:
        language.set_app_language(language.ENGLISH)
        if "PySide6.QtCore" in sys.modules:
            from selfmassage.ui.language.start import use_language

            use_language(language.ENGLISH)


if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from selfmassage.app import SelfMassageApp


def pytest_configure(config: pytest.Config) -> None:
    """Qt's messages between pytest-qt's captures go to a handler of our own.

    pytest-qt captures each test's messages (a warning fails the test) and afterwards
    puts back the handler it found. Had it found none, that would leave Qt with no Python
    handler while QtMultimedia's threads may be calling it ("No audio device detected"
    as a sound starts): such a call crashed the run. With this one always there, the
    handler is only ever swapped for another. It drops what the run ignores (the
    offscreen platform's noise) and prints the rest.
    """
    from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

    ignored = [re.compile(pattern) for pattern in config.getini("qt_log_ignore")]

    def outside_a_test(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        if not any(pattern.search(message) for pattern in ignored):
            print(message, file=sys.stderr)

    qInstallMessageHandler(outside_a_test)


class NetworkBlockedError(OSError):
    """Raised by any attempt to open a network connection from a test."""


_LOCAL_FAMILIES = {getattr(socket, "AF_UNIX", None)}


def _guarded(original):  # type: ignore[no-untyped-def]
    def connect(self: socket.socket, address: object, *args: object) -> object:
        if self.family in _LOCAL_FAMILIES:
            return original(self, address, *args)
        raise NetworkBlockedError(f"tests must not use the network (tried {address!r})")

    return connect


@pytest.fixture(autouse=True, scope="session")
def _no_network() -> Iterator[None]:
    """The app opens no network connection; a test that tries fails loudly."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(socket.socket, "connect", _guarded(socket.socket.connect))
        patch.setattr(socket.socket, "connect_ex", _guarded(socket.socket.connect_ex))
        yield


@pytest.fixture(autouse=True)
def app_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own SELFMASSAGE_HOME: no test touches the real user's data."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("SELFMASSAGE_HOME", str(home))
    return home


@pytest.fixture
def own_logging() -> Iterator[None]:
    """For tests that call setup_logging, which replaces the root logger's handlers and
    level: both are put back after, so later tests' logs are not sent to this one's file
    (nor INFO records, from threads still running, printed in the run)."""
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    yield
    for handler in list(root.handlers):
        root.removeHandler(handler)
        if handler not in handlers:
            handler.close()
    for handler in handlers:
        root.addHandler(handler)
    root.setLevel(level)


@pytest.fixture
def paths(app_home: Path) -> AppPaths:
    result = app_paths()
    result.ensure()
    return result


class MakeApp(Protocol):
    def __call__(
        self,
        *,
        theme: str | None = "light",
        show: bool = True,
        defer_start_up: bool = False,
        paths: AppPaths | None = None,
    ) -> SelfMassageApp: ...


@pytest.fixture
def make_app(qtbot: QtBot, paths: AppPaths) -> Iterator[MakeApp]:
    """Makes the whole app, shown unless asked otherwise, and shuts each one down after
    the test. Several may be made (a second start, a second person on one machine)."""
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication
    from shiboken6 import isValid

    from selfmassage.app import SelfMassageApp  # Qt only for the tests that want it

    made: list[SelfMassageApp] = []
    own_paths = paths
    windows_before = set(QApplication.topLevelWidgets())

    def make(
        *,
        theme: str | None = "light",
        show: bool = True,
        defer_start_up: bool = False,
        paths: AppPaths | None = None,
    ) -> SelfMassageApp:
        application = SelfMassageApp(paths or own_paths, theme=theme, defer_start_up=defer_start_up)
        made.append(application)
        if show:
            application.show()
            qtbot.waitExposed(application.window)
        return application

    yield make
    for application in reversed(made):
        if isValid(application.window):  # not deleted by the test itself
            # What a quit does (run_app closes the speaker when Qt quits, which a test
            # never reaches), without the questions closing the window may ask.
            application.session.controller.stop()
            application.voice.close()
            backup = application.history.backup_thread  # it reports to the window
            if backup is not None:
                backup.join(timeout=60)
            application.window.hide()
            application.window.deleteLater()
        application.shut_down()
    # The windows the app opened on its own (a client's report) close with it: left
    # open, one lay over the next test's widgets and took their mouse.
    for widget in QApplication.topLevelWidgets():
        if widget.isVisible() and widget not in windows_before:
            widget.hide()
    # Deleted now, not at some later turn of the loop, with their dialogs.
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def app(make_app: MakeApp) -> SelfMassageApp:
    """The app as a person first sees it: the window shown, in the light theme."""
    return make_app()


@pytest.fixture
def active_app(app: SelfMassageApp, qtbot: QtBot) -> SelfMassageApp:
    """The app with its window active: shortcuts only reach the active window."""
    app.window.activateWindow()
    qtbot.waitUntil(app.window.isActiveWindow)
    return app


# Tests that can only run on some systems say so with a marker and a reason, so that a
# Windows or macOS run lists them as skipped with that reason instead of failing or
# passing silently: @pytest.mark.linux("reason") or @pytest.mark.posix("reason").
_SYSTEMS = {
    "linux": ("Linux", lambda: sys.platform == "linux"),
    "posix": ("a POSIX system", lambda: os.name == "posix"),
}


def system_skip(item: pytest.Item) -> str | None:
    """Why this test cannot run on this system; None if it can."""
    for name, (system, here) in _SYSTEMS.items():
        marker = item.get_closest_marker(name)
        if marker is None:
            continue
        reason = marker.args[0] if marker.args else marker.kwargs.get("reason", "")
        if not reason:
            raise pytest.UsageError(f"{item.nodeid}: @pytest.mark.{name} needs a reason")
        if not here():
            return f"needs {system}: {reason}"
    return None


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        reason = system_skip(item)
        if reason is not None:
            item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture
def refusing(monkeypatch: pytest.MonkeyPatch) -> Callable[[Path, BaseException | None], None]:
    """Make opening one file fail with a given error, as the system would; None stops it."""
    real = sqlite3.connect
    failing: dict[str, BaseException] = {}

    def connect(database: Any, *args: Any, **kwargs: Any) -> sqlite3.Connection:
        error = failing.get(str(database))
        if error is not None:
            raise error
        return real(database, *args, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", connect)

    def refuse(path: Path, error: BaseException | None) -> None:
        if error is None:
            failing.pop(str(path), None)
        else:
            failing[str(path)] = error

    return refuse
