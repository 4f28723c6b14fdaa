"""Waiting for a session to start in the whole app, as a person would.

A session starts once the voice has made its first cues into sound; when the speech
engine cannot (eSpeak NG now and then writes empty files), the Session page says why
and offers Start, which the person presses to go on with the cues on screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from selfmassage.app import SelfMassageApp


def wait_started(qtbot: QtBot, app: SelfMassageApp, timeout: int = 15_000) -> None:
    """Wait until the session runs, pressing Start if the voice was not ready."""
    controller = app.session.controller
    panel = app.session.page.preparing

    def running_or_offered() -> bool:
        return controller.is_active or panel.start_button.isEnabled()

    qtbot.waitUntil(running_or_offered, timeout=timeout)
    if not controller.is_active:
        qtbot.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)
    assert controller.is_active
