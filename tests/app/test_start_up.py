"""What opening the window loads before its first paint, and what waits until after.

The first screen (body map and routine options) must not wait for the parts the person
does not see yet: speech, sound, charts, the history database, the Library, the preview
page and the technique catalog's preview, single-instance sockets in a smoke test, and
the standard library's heavier corners.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.python_probe import run_probe

if TYPE_CHECKING:
    from tests.conftest import MakeApp

_LOADED_AT_FIRST_PAINT = (
    "import os, sys\n"
    "import selfmassage.app as app, selfmassage.launch as launch\n"
    "def leave(status):\n"
    "    print('\\n'.join(sorted(sys.modules)), flush=True)\n"
    # PySide makes a class's Python type (and its enums) when first named: list them.
    "    for qt in ('PySide6.QtCore', 'PySide6.QtGui', 'PySide6.QtWidgets'):\n"
    "        print('\\n'.join(f'{qt}.{name}' for name in vars(sys.modules[qt])), flush=True)\n"
    "    os._exit(status)\n"
    "launch._leave = leave\n"
    "from selfmassage.cli import main\n"
    "main(['--exit-after-startup'])\n"
)

NOT_BEFORE_THE_FIRST_PAINT = (
    "PySide6.QtMultimedia",
    "PySide6.QtCharts",
    "PySide6.QtNetwork",
    "PySide6.QtSvg",
    "pyttsx3",
    "sqlite3",
    "logging.handlers",
    "html",
    "xml.etree",
    "msgspec",
    "selfmassage.core.catalog",
    "selfmassage.core.builder",
    "selfmassage.core.routine",
    "selfmassage.core.breathing",
    "selfmassage.speech",
    "selfmassage.commands",
    "selfmassage.ui.routine.routine_page",
    "selfmassage.ui.session.session_page",
    "selfmassage.ui.history.history_page",
    "selfmassage.ui.library.library_page",
    "selfmassage.ui.physio.routine_editor",
    "selfmassage.ui.reminders.tray",
    # Qt classes whose types (with their enums) cost start-up time and are not on the
    # first screen: message boxes, the tray icon, the reminder's tool bar, View > Theme.
    "PySide6.QtWidgets.QMessageBox",
    "PySide6.QtWidgets.QDialog",
    "PySide6.QtWidgets.QSystemTrayIcon",
    "PySide6.QtWidgets.QToolBar",
    "PySide6.QtGui.QActionGroup",
    "PySide6.QtCore.QSignalBlocker",
)


def _modules_at_first_paint(home: Path) -> set[str]:
    return set(run_probe(_LOADED_AT_FIRST_PAINT, home).split())


@pytest.mark.slow
def test_the_first_screen_waits_for_nothing_it_does_not_show(app_home: Path) -> None:
    loaded = _modules_at_first_paint(app_home)
    assert "selfmassage.ui.home.home_page" in loaded  # the probe saw a real start
    assert "PySide6.QtWidgets.QMainWindow" in loaded  # ...and the Qt types made
    assert "PySide6.QtWidgets.QCalendarWidget" not in loaded  # ...only when named
    early = sorted(
        name
        for name in loaded
        for unwanted in NOT_BEFORE_THE_FIRST_PAINT
        if name == unwanted or name.startswith(unwanted + ".")
    )
    assert early == []


_LOADED_AT_A_REAL_FIRST_PAINT = (  # a start as a person makes it, with the hand-over
    "import os, sys\n"
    "import selfmassage.launch as launch\n"
    "from PySide6.QtCore import QEvent\n"
    "class Listed(launch.FirstPaint):\n"
    "    def eventFilter(self, watched, event):\n"
    "        if event.type() == QEvent.Type.Paint:\n"
    "            print('\\n'.join(sorted(sys.modules)), flush=True)\n"
    "            os._exit(0)\n"
    "        return False\n"
    "launch.FirstPaint = Listed\n"
    "from selfmassage.cli import main\n"
    "main([])\n"
)


@pytest.mark.slow
def test_a_real_start_answers_other_starts_only_after_its_first_paint(app_home: Path) -> None:
    """With no other window running, Qt's network module (the hand-over's socket) and
    OpenSSL (a digest of the socket's name) are not loaded before the first paint."""
    loaded = set(run_probe(_LOADED_AT_A_REAL_FIRST_PAINT, app_home).split())
    assert "selfmassage.ui.desktop.single_instance" in loaded  # the probe saw a real start
    assert {"PySide6.QtNetwork", "_hashlib"} & loaded == set()


@pytest.mark.slow
def test_no_start_parses_the_body_map_svgs(app_home: Path) -> None:
    # The first start builds the map from the outlines shipped beside the SVGs and
    # caches what it drew; the next one draws from that cache.
    first = _modules_at_first_paint(app_home)
    assert any((app_home / "cache").rglob("*")), "nothing was cached"
    again = _modules_at_first_paint(app_home)
    assert "xml.etree.ElementTree" not in first
    assert "xml.etree.ElementTree" not in again


@pytest.mark.slow
def test_the_log_says_when_the_window_first_painted(app_home: Path) -> None:
    _modules_at_first_paint(app_home)
    log = (app_home / "logs" / "selfmassage.log").read_text(encoding="utf-8")
    assert "first paint" in log and "after the command line started" in log


_SOURCES_READ_PROBE = (  # nothing of the app imported before its own start does
    "import builtins, linecache, os\n"
    "end = os._exit\n"
    "def leave(status):\n"
    "    print('own import:', builtins.__import__ is getattr(builtins, '__orig_import__', 0))\n"
    "    print('\\n'.join(name for name in linecache.cache if 'selfmassage' in name))\n"
    "    end(status)\n"
    "os._exit = leave\n"
    "from selfmassage.cli import main\n"
    "main(['--exit-after-startup'])\n"
)


@pytest.mark.slow
def test_the_start_reads_no_module_s_source(app_home: Path) -> None:
    """PySide's import hook for ``from __feature__ import ...`` reads the source of every
    module imported after Qt; the app uses no such feature and starts without the hook."""
    out = run_probe(_SOURCES_READ_PROBE, app_home).split("\n")
    assert out[0] == "own import: True"
    assert [line for line in out[1:] if line] == []


_GARBAGE_COLLECTION_PROBE = (
    "import gc, os\n"
    "import selfmassage.app as app, selfmassage.launch as launch\n"
    "from PySide6.QtCore import QTimer\n"
    "from PySide6.QtWidgets import QApplication\n"
    "built = app.SelfMassageApp.__init__\n"
    "def init(self, *args, **kwargs):\n"
    "    print('while building:', gc.isenabled(), flush=True)\n"
    "    built(self, *args, **kwargs)\n"
    "app.SelfMassageApp.__init__ = init\n"
    "steps = app.SelfMassageApp.start_up_steps\n"
    "def stepped(self):\n"
    "    return [*steps(self), lambda: QTimer.singleShot(0, QApplication.quit)]\n"
    "app.SelfMassageApp.start_up_steps = stepped\n"
    "def leave(status):\n"
    "    print('at the end:', gc.isenabled(), gc.get_freeze_count() > 0, flush=True)\n"
    "    os._exit(status)\n"
    "launch._leave = leave\n"
    "from selfmassage.cli import main\n"
    "main([])\n"
)


@pytest.mark.slow
def test_the_cycle_collector_is_off_while_building_and_on_afterwards(app_home: Path) -> None:
    out = run_probe(_GARBAGE_COLLECTION_PROBE, app_home)
    assert "while building: False" in out
    assert "at the end: True True" in out


_KEY_DURING_START_UP_PROBE = (
    "import os\n"
    "from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt\n"
    "from PySide6.QtGui import QKeyEvent\n"
    "from PySide6.QtWidgets import QApplication\n"
    "import selfmassage.app as app, selfmassage.launch as launch\n"
    "steps = app.SelfMassageApp.start_up_steps\n"
    "def stepped(self):\n"
    "    def told(step):\n"
    "        def run():\n"
    "            print('step', getattr(step, '__name__', '?'), flush=True)\n"
    "            step()\n"
    "        return run\n"
    "    return [told(step) for step in steps(self)]\n"
    "app.SelfMassageApp.start_up_steps = stepped\n"
    "class Key(QObject):\n"
    "    def eventFilter(self, watched, event):\n"
    "        if event.type() == QEvent.Type.KeyPress:\n"
    "            print('key answered', flush=True)\n"
    "            QApplication.quit()\n"
    "        return False\n"
    "key = Key()\n"
    "class FirstPaintThenKey(launch.FirstPaint):\n"
    "    def eventFilter(self, watched, event):\n"
    "        handled = super().eventFilter(watched, event)\n"
    "        if event.type() == QEvent.Type.Paint:\n"
    "            target = QApplication.focusWidget() or watched\n"
    "            target.installEventFilter(key)\n"
    "            press = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Shift, "
    "Qt.KeyboardModifier.NoModifier)\n"
    "            QCoreApplication.postEvent(target, press)\n"
    "        return handled\n"
    "launch.FirstPaint = FirstPaintThenKey\n"
    "def leave(status):\n"
    "    os._exit(status)\n"
    "launch._leave = leave\n"
    "from selfmassage.cli import main\n"
    "main([])\n"
)


def test_a_key_pressed_at_the_first_paint_is_answered_before_the_rest_of_start_up(
    app_home: Path,
) -> None:
    """The work after the first paint runs one step per turn of the event loop: a key
    that comes meanwhile waits for one step, not for the history, the catalog and the
    plans all together."""
    out = run_probe(_KEY_DURING_START_UP_PROBE, app_home).split("\n")
    assert "key answered" in out
    steps_before = out[: out.index("key answered")]
    assert not any(line.startswith("step") for line in steps_before), out


def test_the_reminders_tray_and_bar_are_made_when_a_reminder_needs_them(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first screen has no tray menu, no reminder bar, and does not ask the desktop
    for a tray; with no reminder set, the start-up after the first paint neither."""
    from PySide6.QtWidgets import QApplication, QToolBar

    from selfmassage.ui.reminders import tray

    asked: list[bool] = []
    monkeypatch.setattr(tray, "tray_available", lambda: asked.append(True) or False)

    def made() -> list[str]:
        toolbars = [bar.objectName() for bar in app.window.findChildren(QToolBar)]
        menus = [w.objectName() for w in QApplication.topLevelWidgets()]
        return [name for name in (*toolbars, *menus) if name in ("reminderToolBar", "trayMenu")]

    app = make_app(defer_start_up=True)
    assert made() == [] and asked == []
    app.finish_start_up()
    assert made() == [] and asked == []
    # Asked for (a tray to show, a reminder due), the menu says what start-up found.
    assert app.reminders.menu.next_action.text() == "No reminder set"
    assert made() == ["trayMenu"]
