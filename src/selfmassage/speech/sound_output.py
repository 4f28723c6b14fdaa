"""Is there a sound output at all? Qt's media devices say; without one, cues are only seen.

QtMultimedia plays into a null sink when the computer has no output (no sound card, the
sound server down), so nothing fails loudly: the app asks, and says so itself.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject

from selfmassage.core.language import N_, _

log = logging.getLogger(__name__)

NO_OUTPUT = N_("No sound output: cues are on screen only.")


def sound_output_problem() -> str:
    """Empty when the computer has a sound output; else a sentence for the user."""
    try:
        from PySide6.QtMultimedia import QMediaDevices
    except ImportError as error:  # a build without QtMultimedia
        log.warning("no QtMultimedia: %s", error)
        return _(NO_OUTPUT)
    outputs = QMediaDevices.audioOutputs()
    if not outputs or QMediaDevices.defaultAudioOutput().isNull():
        return _(NO_OUTPUT)
    return ""


def sound_output_name() -> str:
    """The default output's name, for the self-test; empty when there is none."""
    from PySide6.QtMultimedia import QMediaDevices

    device = QMediaDevices.defaultAudioOutput()
    return "" if device.isNull() else str(device.description())


class SoundOutputWatch(QObject):
    """Calls ``changed(problem)`` now and whenever outputs come or go (a headset)."""

    def __init__(self, changed: Callable[[str], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtMultimedia import QMediaDevices

        self.changed = changed
        self._devices = QMediaDevices(self)
        self._devices.audioOutputsChanged.connect(self.check)
        self.check()

    def check(self) -> None:
        self.changed(sound_output_problem())
