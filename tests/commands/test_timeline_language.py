"""``selfmassage routine timeline FILE --json``: the parts and cues in the routine's language."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from selfmassage.cli import main
from tests.small_catalogue import catalogue

GERMAN = {
    "Get ready: {step}": "Vorbereiten: {step}",
    "Switch to the right side": "Zur rechten Seite wechseln",
    "Left out so that no two cues talk over each other:": "Ausgelassen:",
}


def routine_file(folder: Path, language: str | None) -> Path:
    document: dict[str, object] = {
        "format": "selfmassage-routine",
        "version": 1,
        "title": "Waden",
        "steps": [
            {"region": "calves", "seconds": 60, "name": "Waden", "tool": "foam-roller"},
            {"region": "neck", "seconds": 45, "name": "Nacken"},
        ],
    }
    if language:
        document["language"] = language
    path = folder / f"routine-{language}.smroutine"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def titles(capsys: pytest.CaptureFixture[str], path: Path) -> list[str]:
    assert main(["routine", "timeline", str(path), "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    return [segment["title"] for segment in document["segments"]]


def test_the_timeline_of_a_german_routine_is_in_german(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with catalogue(monkeypatch, tmp_path / "locale", "de", GERMAN):
        german = titles(capsys, routine_file(tmp_path, "de"))
        assert "Vorbereiten: Waden" in german
        assert "Zur rechten Seite wechseln" in german
        assert not any(title.startswith("Get ready") for title in german)
        english = titles(capsys, routine_file(tmp_path, None))
        assert "Get ready: Waden" in english
        assert "Switch to the right side" in english


def test_the_cues_are_made_in_the_routines_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The core makes the cue texts: the command builds the timeline inside the routine's
    language, so they come out in it (for ``run`` too, which builds it the same way)."""
    import selfmassage.commands.timeline as command
    from selfmassage.core.language import current_language

    languages: list[str] = []
    real = command.build_timeline

    def build(*args: object, **kwargs: object) -> object:
        languages.append(current_language())
        return real(*args, **kwargs)

    monkeypatch.setattr(command, "build_timeline", build)
    titles(capsys, routine_file(tmp_path, "de"))
    titles(capsys, routine_file(tmp_path, "fr"))
    titles(capsys, routine_file(tmp_path, None))
    assert languages == ["de", "fr", "en"]
