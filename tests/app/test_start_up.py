"""What opening the window loads before its first paint, and what waits until after.

The first screen (body map and routine options) must not wait for the parts the person
does not see yet: speech, sound, charts, the history database, the Library, the preview
page and the technique catalog's preview, single-instance sockets in a smoke test, and
the standard library's heavier corners.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

_LOADED_AT_FIRST_PAINT = (
    "import os, sys\n"
    "import selfmassage.app as app, selfmassage.launch as launch\n"
    "def leave(status):\n"
    "    print('\\n'.join(sorted(sys.modules)), flush=True)\n"
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
    "selfmassage.speech",
    "selfmassage.commands",
    "selfmassage.ui.routine.routine_page",
    "selfmassage.ui.session.session_page",
    "selfmassage.ui.history.history_page",
    "selfmassage.ui.library.library_page",
    "selfmassage.ui.physio.routine_editor",
)


def _run_probe(code: str, home: Path) -> str:
    """Run a start of the app with ``code`` watching it, offscreen; its output."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SELFMASSAGE_HOME": str(home)}
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def _modules_at_first_paint(home: Path) -> set[str]:
    return set(_run_probe(_LOADED_AT_FIRST_PAINT, home).split())


@pytest.mark.slow
def test_the_first_screen_waits_for_nothing_it_does_not_show(app_home: Path) -> None:
    loaded = _modules_at_first_paint(app_home)
    assert "selfmassage.ui.home.home_page" in loaded  # the probe saw a real start
    early = sorted(
        name
        for name in loaded
        for unwanted in NOT_BEFORE_THE_FIRST_PAINT
        if name == unwanted or name.startswith(unwanted + ".")
    )
    assert early == []


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
    "finish = app.SelfMassageApp.finish_start_up\n"
    "def finished(self):\n"
    "    finish(self)\n"
    "    QTimer.singleShot(0, QApplication.quit)\n"
    "app.SelfMassageApp.finish_start_up = finished\n"
    "def leave(status):\n"
    "    print('at the end:', gc.isenabled(), gc.get_freeze_count() > 0, flush=True)\n"
    "    os._exit(status)\n"
    "launch._leave = leave\n"
    "from selfmassage.cli import main\n"
    "main([])\n"
)


@pytest.mark.slow
def test_the_cycle_collector_is_off_while_building_and_on_afterwards(app_home: Path) -> None:
    out = _run_probe(_GARBAGE_COLLECTION_PROBE, app_home)
    assert "while building: False" in out
    assert "at the end: True True" in out
