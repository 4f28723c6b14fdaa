"""German with the catalogues the app ships: a German routine's timeline, the command
that prints it, and its first cue made into sound by eSpeak NG's German voice."""

from __future__ import annotations

import json
import shutil
import threading
import wave
from pathlib import Path

import pytest

from selfmassage.cli import main
from selfmassage.core.assets import asset_path
from selfmassage.core.library import in_language
from selfmassage.core.routine_file import dump_routine, load_routine
from selfmassage.core.timeline import build_timeline

POST_RUN = asset_path("routines", "post-run-legs.smroutine")


def german_routine_file(folder: Path) -> Path:
    routine = in_language(load_routine(POST_RUN), "de")
    path = folder / "nach-dem-laufen.smroutine"
    path.write_bytes(dump_routine(routine))
    return path


def cue_texts(document: dict[str, object]) -> list[str]:
    texts = []
    for segment in document["segments"]:  # type: ignore[attr-defined]
        texts.extend(cue["text"] for cue in segment.get("cues", []))
    return texts


def test_a_built_in_routine_in_german_is_german_through_and_through(tmp_path: Path) -> None:
    routine = in_language(load_routine(POST_RUN), "de")
    assert routine.language == "de"
    assert routine.title == "Beine nach dem Laufen" or routine.title != "Post-run legs"
    timeline = build_timeline(routine)
    spoken = " ".join(cue.text for segment in timeline.segments for cue in segment.cues)
    assert "Halbzeit" in spoken or "Hälfte" in spoken
    assert "Wade" in spoken
    for english in ("Halfway", "seconds left", "Switch to", "Get ready", "calf"):
        assert english not in spoken


def test_the_timeline_command_prints_a_german_routine_in_german(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = german_routine_file(tmp_path)
    assert main(["routine", "timeline", str(path), "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    texts = cue_texts(document)
    assert texts and any("Wade" in text for text in texts)
    assert not any("Halfway" in text or "Switch to" in text for text in texts)
    titles = [segment["title"] for segment in document["segments"]]
    assert any(title.startswith("Vorbereiten") for title in titles)


@pytest.mark.slow
def test_espeak_speaks_the_first_german_cue_with_a_german_voice(tmp_path: Path) -> None:
    if shutil.which("espeak-ng") is None:
        pytest.skip("eSpeak NG is not installed on this computer")
    from selfmassage.core.voice import speaks, voice_for_language
    from selfmassage.speech.pyttsx3_renderer import Pyttsx3Renderer

    routine = in_language(load_routine(POST_RUN), "de")
    first = build_timeline(routine).segments[0].cues[0].text
    path = tmp_path / "erste-ansage.wav"
    outcome: list[object] = []

    def work() -> None:  # the engine lives in one thread, as the speech worker's does
        try:
            renderer = Pyttsx3Renderer()
            voices = renderer.voices()
            voice = voice_for_language(voices, "", "de")
            chosen = next(v for v in voices if v.id == voice)
            outcome.append(chosen)
            renderer.render(first, voice, 170, path)
        except BaseException as error:  # handed to the test's thread
            outcome.append(error)

    worker = threading.Thread(target=work, daemon=True)
    worker.start()
    worker.join(30)
    assert outcome, "eSpeak NG did not answer in 30 s"
    for item in outcome:
        if isinstance(item, BaseException):
            raise item
    assert speaks(outcome[0], "de"), outcome[0]  # type: ignore[arg-type]
    with wave.open(str(path), "rb") as sound:
        seconds = sound.getnframes() / sound.getframerate()
    # About 2.5 words a second at 170 words a minute; German words run long.
    words = len(first.split())
    assert words / 170 * 60 * 0.4 <= seconds <= words / 170 * 60 * 2.5 + 0.5, (first, seconds)


def test_a_command_s_help_and_errors_come_in_the_language(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """argparse's own words too: "usage:" and "invalid choice" were English."""
    monkeypatch.setenv("SELFMASSAGE_LANGUAGE", "de")
    with pytest.raises(SystemExit):
        main(["routine", "--help"])
    help_text = capsys.readouterr().out
    assert help_text.startswith("Aufruf: selfmassage routine")
    assert "Optionen:" in help_text and "Routine-Befehle" in help_text
    monkeypatch.setenv("SELFMASSAGE_LANGUAGE", "fr")
    with pytest.raises(SystemExit):
        main(["routine", "nope"])
    assert "choix non valide" in capsys.readouterr().err
