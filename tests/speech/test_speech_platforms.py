"""The speech paths that only Windows and macOS take, run here with the system faked.

pyttsx3 picks its driver by ``sys.platform``: SAPI5 on Windows (a COM object, joined
per thread with pythoncom), NSSpeechSynthesizer on macOS (used from a child process,
since it fails inside a Python thread). Each driver is replaced at its boundary, the
module pyttsx3 imports, by a fake that answers as the real one does.
"""

from __future__ import annotations

import json
import queue
import sys
import textwrap
import threading
import types
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from selfmassage.core.voice import voices_for
from selfmassage.speech import pyttsx3_renderer
from selfmassage.speech.cache import wav_seconds
from selfmassage.speech.pyttsx3_renderer import Pyttsx3Renderer
from selfmassage.speech.render_process import ProcessRenderer, renderer_command, serve
from selfmassage.speech.renderer import EngineMissingError
from selfmassage.speech.renderers import BACKEND_VARIABLE, default_backend, renderer_factory
from tests.speech.speech_fakes import FakeRenderer, aiff, write_wav

# What SAPI5 on a Windows 10 computer lists (pyttsx3's sapi5 driver turns the LCID into
# a tag), and what NSSpeechSynthesizer on macOS lists (its locale identifiers).
SAPI5_VOICES = [
    (r"HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Speech\Voices\Tokens\TTS_MS_EN-US_DAVID_11.0",
     "Microsoft David Desktop - English (United States)", ["en-US"]),
    (r"HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Speech\Voices\Tokens\TTS_MS_DE-DE_HEDDA_11.0",
     "Microsoft Hedda Desktop - German", ["de-DE"]),
    (r"HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Speech\Voices\Tokens\TTS_MS_EN-US_ZIRA_11.0",
     "Microsoft Zira Desktop - English (United States)", ["en-US"]),
]  # fmt: skip
NSSS_VOICES = [
    ("com.apple.voice.compact.en-US.Samantha", "Samantha", ["en_US"]),
    ("com.apple.voice.compact.fr-FR.Thomas", "Thomas", ["fr_FR"]),
    ("com.apple.speech.synthesis.voice.Albert", "Albert", ["en_US"]),
]


class FakeDriver:
    """A pyttsx3 driver as the SAPI5 and NSSS drivers behave: synchronous file output,
    a loop that hands the queue over once, a ValueError for a voice it does not have."""

    def __init__(
        self, proxy: Any, voices: list[tuple[str, str, list[str]]], *, writes_aiff: bool
    ) -> None:
        self._proxy = proxy
        self.writes_aiff = writes_aiff
        self._voices = voices
        self.voice = voices[0][0]
        self.rate = 200
        self.saved: list[tuple[str, str, str, int]] = []
        self.threads: set[str] = set()

    def destroy(self) -> None:
        pass

    def getProperty(self, name: str) -> object:  # noqa: N802 - pyttsx3's driver interface
        from pyttsx3.voice import Voice

        if name == "voices":
            return [Voice(id_, name_, list(tags)) for id_, name_, tags in self._voices]
        return {"voice": self.voice, "rate": self.rate, "volume": 1.0}[name]

    def setProperty(self, name: str, value: Any) -> None:  # noqa: N802
        if name == "voice":
            if value not in {id_ for id_, _, _ in self._voices}:
                raise ValueError("unknown voice id", value)
            self.voice = value
        elif name == "rate":
            self.rate = int(value)

    def save_to_file(self, text: str, filename: str) -> None:
        self.threads.add(threading.current_thread().name)
        self.saved.append((text, filename, self.voice, self.rate))
        if self.writes_aiff:  # NSSpeechSynthesizer: AIFF, whatever the name says
            Path(filename).write_bytes(aiff(b"\0\0" * round(22050 * 0.3 * len(text.split()))))
        else:
            write_wav(Path(filename), 0.3 * len(text.split()))

    def startLoop(self) -> None:  # noqa: N802
        self._proxy.setBusy(False)  # runs the queue up to runAndWait's endLoop

    def endLoop(self) -> None:  # noqa: N802
        pass

    def stop(self) -> None:
        pass


@pytest.fixture
def system(monkeypatch: pytest.MonkeyPatch) -> Callable[[str], list[FakeDriver]]:
    """Pretend to be Windows ("win32") or macOS ("darwin"): the driver pyttsx3 loads
    there is a fake; returns the drivers it built."""
    import pyttsx3

    def pretend(platform: str) -> list[FakeDriver]:
        name, voices = {"win32": ("sapi5", SAPI5_VOICES), "darwin": ("nsss", NSSS_VOICES)}[platform]
        built: list[FakeDriver] = []
        module = types.ModuleType(f"pyttsx3.drivers.{name}")

        def build_driver(proxy: Any) -> FakeDriver:
            built.append(FakeDriver(proxy, voices, writes_aiff=platform == "darwin"))
            return built[-1]

        module.buildDriver = build_driver  # type: ignore[attr-defined]
        monkeypatch.setattr(sys, "platform", platform)
        monkeypatch.setitem(sys.modules, f"pyttsx3.drivers.{name}", module)
        # No engine of an earlier test, and not the Linux eSpeak driver's own fixes.
        monkeypatch.setattr(pyttsx3, "_activeEngines", weakref.WeakValueDictionary())
        monkeypatch.delitem(sys.modules, "pyttsx3.drivers.espeak", raising=False)
        return built

    return pretend


@pytest.fixture
def pythoncom(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """pywin32's pythoncom: records the threads that joined COM."""
    joined: list[str] = []
    module = types.ModuleType("pythoncom")
    module.CoInitialize = lambda: joined.append(threading.current_thread().name)  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "pythoncom", module)
    return joined


def in_thread(work: Callable[[], Any], name: str = "speech") -> Any:
    """Run ``work`` in a thread of its own, as the speech worker does."""
    result: queue.Queue[Any] = queue.Queue()

    def run() -> None:
        try:
            result.put(work())
        except BaseException as error:
            result.put(error)

    threading.Thread(target=run, name=name, daemon=True).start()
    outcome = result.get(timeout=10)
    if isinstance(outcome, BaseException):
        raise outcome
    return outcome


# Which backend -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("platform", "backend"), [("darwin", "process"), ("win32", "thread"), ("linux", "thread")]
)
def test_each_system_gets_its_backend(
    monkeypatch: pytest.MonkeyPatch, platform: str, backend: str
) -> None:
    monkeypatch.delenv(BACKEND_VARIABLE, raising=False)
    monkeypatch.setattr(sys, "platform", platform)
    assert default_backend() == backend
    expected = ProcessRenderer if backend == "process" else Pyttsx3Renderer
    assert renderer_factory() is expected


def test_the_variable_overrides_the_system(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "darwin")
    monkeypatch.setenv(BACKEND_VARIABLE, "thread")
    assert default_backend() == "thread"
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv(BACKEND_VARIABLE, " process ")
    assert default_backend() == "process"
    monkeypatch.setenv(BACKEND_VARIABLE, "carrier-pigeon")  # unknown: the system decides
    assert default_backend() == "thread"


# Windows: SAPI5 ------------------------------------------------------------------------


def test_on_windows_the_speech_thread_joins_com_and_sapi5_renders(
    system: Callable[[str], list[FakeDriver]], pythoncom: list[str], tmp_path: Path
) -> None:
    drivers = system("win32")
    path = tmp_path / "cue.wav"

    def work() -> None:
        Pyttsx3Renderer().render("Left calf, foam roller", "", 150, path)

    in_thread(work, name="speech-worker")
    assert pythoncom == ["speech-worker"], "COM joined once, in the thread that speaks"
    assert len(drivers) == 1, "pyttsx3 chose the SAPI5 driver"
    driver = drivers[0]
    assert driver.saved == [("Left calf, foam roller", str(path), SAPI5_VOICES[0][0], 150)]
    assert driver.threads == {"speech-worker"}
    assert wav_seconds(path) > 0


def test_sapi5_voices_are_listed_and_chosen_by_the_routine_language(
    system: Callable[[str], list[FakeDriver]], pythoncom: list[str], tmp_path: Path
) -> None:
    drivers = system("win32")
    zira = SAPI5_VOICES[2][0]

    def work() -> list[Any]:
        renderer = Pyttsx3Renderer()
        renderer.render("Switch sides", zira, 170, tmp_path / "zira.wav")
        return renderer.voices()

    voices = in_thread(work)
    assert [(v.id, v.name, v.languages) for v in voices] == [
        (id_, name, tuple(tags)) for id_, name, tags in SAPI5_VOICES
    ]
    english = voices_for(voices, "en")
    assert [v.name for v in english] == [
        "Microsoft David Desktop - English (United States)",
        "Microsoft Zira Desktop - English (United States)",
    ]
    assert [v.name for v in voices_for(voices, "de-AT")] == ["Microsoft Hedda Desktop - German"]
    assert drivers[0].saved[0][2] == zira, "the chosen voice spoke"


def test_without_pywin32_the_engine_still_starts(
    system: Callable[[str], list[FakeDriver]], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    system("win32")
    monkeypatch.setitem(sys.modules, "pythoncom", None)  # import pythoncom: ImportError
    path = tmp_path / "cue.wav"
    in_thread(lambda: Pyttsx3Renderer().render("Breathe out", "", 170, path))
    assert path.is_file()


def test_elsewhere_no_com_is_joined(
    system: Callable[[str], list[FakeDriver]],
    pythoncom: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    system("darwin")
    in_thread(Pyttsx3Renderer)
    assert pythoncom == []


# macOS: NSSpeechSynthesizer in a child process -----------------------------------------


def test_nsss_voices_with_locale_identifiers_match_the_routine_language(
    system: Callable[[str], list[FakeDriver]],
) -> None:
    drivers = system("darwin")
    voices = Pyttsx3Renderer().voices()
    assert len(drivers) == 1, "pyttsx3 chose the NSSpeechSynthesizer driver"
    assert [v.name for v in voices_for(voices, "en-GB")] == ["Albert", "Samantha"]
    assert [v.name for v in voices_for(voices, "fr")] == ["Thomas"]
    assert voices[0].label == "Samantha (en_US)"


def test_nsss_writes_aiff_and_the_cue_is_wav_in_the_end(
    system: Callable[[str], list[FakeDriver]], tmp_path: Path
) -> None:
    system("darwin")
    path = tmp_path / "cue.wav"
    Pyttsx3Renderer().render("Roll the calf slowly", "", 170, path)  # the child's main thread
    assert path.read_bytes()[:4] == b"RIFF"
    assert wav_seconds(path) == pytest.approx(1.2)


def test_the_child_is_started_through_the_app_frozen_or_not(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sys, "executable", "/usr/bin/python3")
    monkeypatch.delattr(sys, "frozen", raising=False)
    assert renderer_command() == ["/usr/bin/python3", "-m", "selfmassage", "speech-renderer"]
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    app = "/Applications/SelfMassage.app/Contents/MacOS/selfmassage"
    monkeypatch.setattr(sys, "executable", app)
    assert renderer_command() == [app, "speech-renderer"]


def test_the_child_answers_each_request_on_its_own_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    fake = FakeRenderer(fail_on=("Crash",))
    monkeypatch.setattr(pyttsx3_renderer, "Pyttsx3Renderer", lambda: fake)
    path = tmp_path / "cue.wav"
    requests = [
        {"op": "render", "text": "Roll slowly", "voice": "v", "rate": 160, "path": str(path)},
        {"op": "voices"},
        {"op": "render", "text": "Crash", "voice": "", "rate": 160, "path": str(path)},
        {"op": "dance"},
        {"op": "quit"},
        {"op": "voices"},  # after quit: not read
    ]
    replies = _Lines()
    assert serve(_lines(json.dumps(r) for r in requests), replies) == 0
    answers = [json.loads(line) for line in replies.text.splitlines()]
    assert answers[0] == {"ok": True}  # the engine is up
    assert answers[1] == {"ok": True}
    assert answers[2] == {
        "ok": True,
        "voices": [[v.id, v.name, list(v.languages)] for v in fake.voices()],
    }
    assert answers[3] == {"ok": False, "error": "RuntimeError: engine broke on 'Crash'"}
    assert answers[4] == {"ok": False, "error": "unknown request 'dance'"}
    assert len(answers) == 5
    assert fake.rendered == [("Roll slowly", "v", 160)] and fake.closed


def test_the_child_says_why_its_engine_did_not_start(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing() -> None:
        raise EngineMissingError("the speech module pyttsx3 is not installed")

    monkeypatch.setattr(pyttsx3_renderer, "Pyttsx3Renderer", missing)
    replies = _Lines()
    assert serve(_lines([]), replies) == 1
    assert json.loads(replies.text) == {
        "ok": False,
        "error": "the speech module pyttsx3 is not installed",
    }


@pytest.mark.slow
def test_the_process_backend_keeps_a_chatty_driver_out_of_its_replies(tmp_path: Path) -> None:
    """The whole macOS road, with a renderer that prints as some drivers do."""
    child = textwrap.dedent(
        """
        import sys
        from selfmassage.speech import pyttsx3_renderer, render_process
        from tests.speech.speech_fakes import FakeRenderer

        class Chatty(FakeRenderer):
            def render(self, text, voice, rate, path):
                print("Audio saved to", path)  # into the replies, were they not guarded
                super().render(text, voice, rate, path)

        pyttsx3_renderer.Pyttsx3Renderer = Chatty
        sys.exit(render_process._serve_command(None))
        """
    )
    root = Path(__file__).resolve().parents[2]
    renderer = ProcessRenderer(
        [
            sys.executable,
            "-c",
            f"import sys; sys.path[:0] = [{str(root)!r}, {str(root / 'src')!r}]\n{child}",
        ]
    )
    try:
        renderer.render("Roll the calf slowly", "", 170, tmp_path / "cue.wav")
        assert wav_seconds(tmp_path / "cue.wav") == pytest.approx(1.2)
        assert [v.id for v in renderer.voices()] == ["fake/en", "fake/de"]
    finally:
        renderer.close()
    assert renderer._process.poll() == 0


class _Lines:
    """A text stream that keeps what is written."""

    def __init__(self) -> None:
        self.text = ""

    def write(self, text: str) -> int:
        self.text += text
        return len(text)

    def flush(self) -> None:
        pass


def _lines(lines: Any) -> Any:
    return iter([f"{line}\n" for line in lines])
