"""The thread backend: pyttsx3 in the worker's own thread.

Used on Linux (eSpeak NG) and Windows (SAPI5, which wants its COM engine created and
used in one thread, which is what the worker does). The process backend
(render_process.py) runs this same renderer in a child process.
"""

from __future__ import annotations

import logging
import sys
import time
from pathlib import Path
from typing import Any

from selfmassage.core.language import _
from selfmassage.core.voice import Voice
from selfmassage.speech.aiff import make_wav
from selfmassage.speech.renderer import EngineMissingError

log = logging.getLogger(__name__)


def _as_text(value: object) -> str:
    # Some drivers give languages as bytes with a leading priority byte (b"\x05en-gb").
    if isinstance(value, bytes):
        return value.lstrip(b"\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09").decode("ascii", "replace")
    return str(value)


class Pyttsx3Renderer:
    """pyttsx3 driven the only way its drivers are reliable: one utterance per runAndWait.

    Create it in the thread that will use it.
    """

    def __init__(self) -> None:
        if sys.platform == "win32":
            try:
                import pythoncom  # type: ignore[import-not-found]

                pythoncom.CoInitialize()  # SAPI5 is COM: each thread must join it first
            except ImportError:
                pass
        try:
            import pyttsx3
        except ImportError as error:
            raise EngineMissingError(_("the speech module pyttsx3 is not installed")) from error
        try:
            self._engine: Any = pyttsx3.init()
        except Exception as error:  # the drivers raise anything from OSError to KeyError
            if "espeak" in str(error).lower():
                raise EngineMissingError(_("eSpeak NG is not installed")) from error
            raise EngineMissingError(
                _("the speech engine did not start ({error})").format(error=error)
            ) from error
        _quiet_espeak_driver()
        self._default_voice = str(self._engine.getProperty("voice") or "")
        self._voice = self._default_voice
        self._rate: int | None = None
        self._bad_voices: set[str] = set()

    def render(self, text: str, voice: str, rate: int, path: Path) -> None:
        self._use_voice(voice)
        if rate != self._rate:
            self._engine.setProperty("rate", rate)
            self._rate = rate
        _pin_espeak_rate(rate)
        _settle_espeak(self._engine)
        self._engine.save_to_file(text, str(path))
        try:
            self._engine.runAndWait()
        except BaseException:
            # A failed loop stays "started" and would refuse every later utterance.
            self._engine._inLoop = False
            raise
        _wait_for_espeak_file(self._engine)
        make_wav(path)  # macOS's NSSpeechSynthesizer wrote AIFF

    def _use_voice(self, voice: str) -> None:
        wanted = voice if voice and voice not in self._bad_voices else self._default_voice
        if wanted == self._voice:
            return
        try:
            self._engine.setProperty("voice", wanted)
            self._voice = wanted
        except Exception as error:
            # A voice from another computer's settings: speak with the default, say so once.
            log.warning("voice %r is not available (%s); using the default voice", wanted, error)
            self._bad_voices.add(wanted)
            self._engine.setProperty("voice", self._default_voice)
            self._voice = self._default_voice

    def voices(self) -> list[Voice]:
        found = []
        for voice in self._engine.getProperty("voices") or ():
            languages = tuple(_as_text(tag) for tag in getattr(voice, "languages", None) or ())
            found.append(Voice(str(voice.id), str(voice.name or voice.id), languages))
        return found

    def close(self) -> None:
        try:
            self._engine.stop()
        except Exception as error:
            log.debug("speech engine stop: %s", error)


def _pin_espeak_rate(rate: int) -> None:
    # The eSpeak driver queues setProperty behind its busy flag, and now and then the
    # queued rate lands after the next utterance has started: that utterance keeps the
    # old speed. Setting the parameter in eSpeak itself, in the engine's own thread just
    # before the utterance, is synchronous. Other drivers apply setProperty in order.
    if "pyttsx3.drivers.espeak" not in sys.modules:
        return
    from pyttsx3.drivers import _espeak

    _espeak.SetParameter(_espeak.RATE, rate, 0)


SETTLE_SECONDS = 2.0
"""At most this long for eSpeak NG to finish winding down the utterance before."""


def _settle_espeak(engine: Any) -> None:
    # Why eSpeak NG now and then wrote an empty file. As each runAndWait begins, the
    # driver stops "the utterance playing" (its endLoop), and eSpeak still counts the
    # last utterance as playing for a moment after the driver has written it: the stop
    # sets a flag that cancels the next utterance as it starts, or, when that one ends
    # before the flag is read, lingers until one it does cancel. A cancel that lands
    # before any sound was synthesized writes a WAV with no frames. So: wait until
    # eSpeak has really finished, and drop any stop left over, before each utterance.
    if "pyttsx3.drivers.espeak" not in sys.modules:
        return
    from pyttsx3.drivers import _espeak

    deadline = time.monotonic() + SETTLE_SECONDS
    while _espeak.IsPlaying() and time.monotonic() < deadline:
        time.sleep(0.001)
    driver = getattr(getattr(engine, "proxy", None), "_driver", None)
    if driver is not None and hasattr(driver, "_stopping"):
        driver._stopping = False


def _wait_for_espeak_file(engine: Any) -> None:
    # The driver's loop can end before eSpeak (which synthesizes in a thread of its own)
    # has finished: when the loop's end is queued behind the utterance on an engine's
    # first run. The file is written when the utterance ends: wait for that.
    driver = getattr(getattr(engine, "proxy", None), "_driver", None)
    if "pyttsx3.drivers.espeak" not in sys.modules or driver is None:
        return
    deadline = time.monotonic() + SETTLE_SECONDS
    while getattr(driver, "_speaking", False) and time.monotonic() < deadline:
        time.sleep(0.001)


def _quiet_espeak_driver() -> None:
    # The eSpeak driver prints "Audio saved to ..." after every file; that would land in
    # the headless run's output (and in a renderer process's reply channel).
    module = sys.modules.get("pyttsx3.drivers.espeak")
    if module is not None:
        module.print = lambda *args, **kwargs: log.debug(  # type: ignore[attr-defined]
            "espeak: %s", " ".join(str(arg) for arg in args)
        )
