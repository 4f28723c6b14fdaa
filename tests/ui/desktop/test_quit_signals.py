"""A logout's SIGTERM or a terminal's Ctrl+C ends the app cleanly: settings saved,
the log closed, exit status 0, no questions asked."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest


def _wait_for(condition, seconds: float) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


@pytest.mark.slow
@pytest.mark.posix("SIGTERM and SIGINT from kill(); Windows has neither worth the name")
@pytest.mark.parametrize("sent", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_quit_signal_ends_the_app_cleanly(app_home: Path, sent: signal.Signals) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SELFMASSAGE_HOME": str(app_home)}
    log = app_home / "logs" / "selfmassage.log"
    process = subprocess.Popen(
        [sys.executable, "-m", "selfmassage"], env=env, stderr=subprocess.DEVNULL
    )
    try:
        # Ready once the rest of the app is wired, after the first paint.
        assert _wait_for(lambda: log.exists() and "first paint" in log.read_text(), 60)
        assert _wait_for(lambda: "quitting cleanly on SIGINT and SIGTERM" in log.read_text(), 60)
        # (The safety questions open on a first start: no matter.)
        process.send_signal(sent)
        status = process.wait(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    assert status == 0
    text = log.read_text()
    assert f"asked to quit by {sent.name}" in text
    assert "exiting with status 0" in text
    settings = json.loads((app_home / "config" / "settings.json").read_text())
    assert settings["window_geometry"], "the window's place was saved"


def test_on_windows_no_signal_is_watched(qapp: object, monkeypatch: pytest.MonkeyPatch) -> None:
    from selfmassage.ui.desktop.quit_signals import quit_on_signals

    before = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM)}
    monkeypatch.setattr(sys, "platform", "win32")
    assert quit_on_signals(lambda name: None) is None
    assert {number: signal.getsignal(number) for number in before} == before
