"""Every page in the pseudo-language at 1280x720: no text left untranslated, none cut off.

The pseudo-language brackets every translated text and makes it 40% longer, so a text
that never went through the catalogues shows as plain English, and a layout that cannot
take a longer language cuts a text off. Each page's picture is kept (in the folder named
by SELFMASSAGE_PSEUDO_SHOTS, else the test's own) for a person to look at.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from selfmassage.core.anatomy import RegionSide
from selfmassage.core.builder import BuildRequest
from selfmassage.core.selection import Selection
from selfmassage.core.tools import Tool
from selfmassage.speech.renderer import EngineMissingError
from tests.ui.sessions import wait_started
from tests.ui.shown_texts import cut_off, shown_texts, untranslated_words

SIZE = (1280, 720)


@pytest.fixture(params=["pseudo"])
def pseudo_app(
    make_app: Callable[..., object], monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> object:
    monkeypatch.setenv("SELFMASSAGE_LANGUAGE", request.param)

    def missing() -> object:
        raise EngineMissingError("no engine in this test")

    # Sessions start at once, the cues on screen: the words are what is looked at here.
    monkeypatch.setattr("selfmassage.speech.speaker.renderer_factory", lambda: missing)
    app = make_app()
    app.finish_start_up()  # type: ignore[attr-defined]
    return app


def _shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("SELFMASSAGE_PSEUDO_SHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _look(
    qtbot: QtBot, window: QWidget, name: str, folder: Path, *, words: bool = True
) -> list[str]:
    window.resize(*SIZE)
    qtbot.wait(50)  # layouts run on posted events
    QApplication.processEvents()
    from selfmassage.core.language import app_language

    window.grab().save(str(folder / f"{app_language()}-{name}.png"))
    problems = []
    if (window.width(), window.height()) != SIZE:
        problems.append(f"{name}: the window is {window.width()}x{window.height()}, not {SIZE}")
    for shown in shown_texts(window) if words else ():
        english = untranslated_words(shown.text)
        if english:
            problems.append(f"{name}: untranslated {english} in {shown.where}: {shown.text!r}")
    problems.extend(f"{name}: cut off: {problem}" for problem in cut_off(window))
    return problems


def _every_page(app: object, qtbot: QtBot, folder: Path, *, words: bool) -> list[str]:
    from selfmassage.app import SelfMassageApp

    assert isinstance(app, SelfMassageApp)
    window = app.window
    problems: list[str] = []

    problems += _look(qtbot, window, "home", folder, words=words)

    places = Selection.of(RegionSide.parse(key) for key in ("calves-left", "neck", "feet-right"))
    assert app.build_routine(BuildRequest(places, frozenset({Tool.HANDS}), 10))
    window.show_page("routine")
    problems += _look(qtbot, window, "routine", folder, words=words)

    routine = app.routine.routine()
    assert routine is not None
    app.session.controller.session_hooks.clear()  # the words, not the history
    assert app.start_session(routine)
    wait_started(qtbot, app)
    problems += _look(qtbot, window, "session", folder, words=words)
    app.session.controller.stop()

    for key in ("history", "library"):
        window.show_page(key)
        problems += _look(qtbot, window, key, folder, words=words)

    pacer = app.breathing.open()
    qtbot.waitExposed(pacer)
    problems += _look(qtbot, pacer, "breathing", folder, words=words)
    pacer.close()

    editor = app.physio.open_editor()
    assert editor is not None
    qtbot.waitExposed(editor)
    problems += _look(qtbot, editor, "editor", folder, words=words)
    editor.close()
    problems.sort(key=lambda p: "untranslated" in p)
    return problems


def test_every_page_is_translated_and_nothing_is_cut_off(
    pseudo_app: object, qtbot: QtBot, tmp_path: Path
) -> None:
    problems = _every_page(pseudo_app, qtbot, _shots(tmp_path), words=True)
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems[:80])


@pytest.mark.parametrize("pseudo_app", ["de", "fr", "es"], indirect=True)
def test_nothing_is_cut_off_in_german_french_or_spanish(
    pseudo_app: object, qtbot: QtBot, tmp_path: Path
) -> None:
    """Real words can be longer than the pseudo-language's (German compounds)."""
    problems = _every_page(pseudo_app, qtbot, _shots(tmp_path), words=False)
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems[:80])
