"""The routine editor's language: chosen from the languages a voice speaks."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from selfmassage.core.catalog import load_catalog
from selfmassage.core.paths import AppPaths
from selfmassage.core.routine import Routine, Step
from selfmassage.core.routine_file import read_routine, write_routine
from selfmassage.core.voice import Voice
from selfmassage.speech.renderer import EngineMissingError, Renderer
from selfmassage.ui.physio.language_field import LOOKING, NO_ENGINE, NOT_SET
from selfmassage.ui.physio.routine_editor import RoutineEditor
from tests.conftest import MakeApp
from tests.speech.speech_fakes import FakeRenderer

VOICES = [
    Voice("gmw/en", "English (Great Britain)", ("en-gb",)),
    Voice("gmw/de", "German", ("de",)),
]


@pytest.fixture
def editor(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> RoutineEditor:
    window = RoutineEditor(load_catalog())
    qtbot.addWidget(window)
    monkeypatch.setattr(window, "_ask_unsaved", lambda: QMessageBox.StandardButton.Discard)
    window.show()
    return window


def _choose(editor: RoutineEditor, tag: str) -> None:
    box = editor.routine_form.language_box
    index = box.findData(tag)
    assert index >= 0, (tag, editor.routine_form.language_field.tags())
    box.setCurrentIndex(index)
    box.activated.emit(index)


def test_the_languages_offered_are_those_of_the_voices(editor: RoutineEditor) -> None:
    field = editor.routine_form.language_field
    # Before the voices are known: no language, or English, and a word that they come.
    assert field.tags() == ["", "en"]
    assert field.combo.itemText(0) == NOT_SET
    assert field.note.text() == LOOKING
    editor.set_voices(VOICES)
    assert field.tags() == ["", "en", "en-GB", "de"]  # by name: English..., then German
    assert field.combo.itemText(field.combo.findData("de")) == "German — de"
    assert field.combo.itemText(field.combo.findData("en-GB")) == "English (United Kingdom) — en-GB"
    assert not field.note.isVisibleTo(editor)
    _choose(editor, "de")
    assert editor.draft.language == "de"
    editor.undo_action.trigger()
    assert editor.draft.language == "" and field.combo.currentData() == ""
    _choose(editor, "")
    assert editor.draft.language == ""


def test_a_language_no_voice_speaks_is_kept_and_said(editor: RoutineEditor, tmp_path: Path) -> None:
    path = tmp_path / "finnish.smroutine"
    write_routine(path, Routine("Pohkeet", (Step("calves", 60),), language="fi"))
    assert editor.open_file(path)
    editor.set_voices(VOICES)
    field = editor.routine_form.language_field
    assert field.combo.currentData() == "fi"
    assert field.combo.currentText() == "Finnish — fi (no voice on this computer)"
    assert "No voice on this computer speaks Finnish (fi)" in field.note.text()
    assert field.note.isVisibleTo(editor)
    assert not editor.modified  # shown, not changed
    assert editor.save()
    saved = read_routine(path).routine
    assert saved is not None and saved.language == "fi"
    # A regional form of a language a voice speaks is offered as it is, without a warning.
    editor.load_routine(Routine("Waden", (Step("calves", 60),), language="de-AT"))
    assert field.combo.currentData() == "de-AT"
    assert field.note.text() == ""


def test_without_an_engine_the_language_is_kept_and_the_note_says_why(
    editor: RoutineEditor,
) -> None:
    editor.load_routine(Routine("Pohkeet", (Step("calves", 60),), language="fi"))
    editor.set_voices([])
    field = editor.routine_form.language_field
    assert field.tags() == ["", "en", "fi"]
    assert field.combo.currentData() == "fi"
    assert field.note.text() == NO_ENGINE


def _use_renderer(monkeypatch: pytest.MonkeyPatch, factory: Callable[[], Renderer]) -> None:
    monkeypatch.setattr("selfmassage.speech.speaker.renderer_factory", lambda: factory)


def test_the_app_lists_the_engines_voices_off_the_window_once(
    make_app: MakeApp, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    listed: list[int] = []

    class Counting(FakeRenderer):
        def voices(self) -> list[Voice]:
            listed.append(1)
            return super().voices()

    _use_renderer(monkeypatch, Counting)
    app = make_app()
    first = app.physio.open_editor()
    assert first is not None
    # Open at once, the list filled once the engine has answered from its own thread.
    field = first.routine_form.language_field
    assert field.note.text() == LOOKING
    qtbot.waitUntil(lambda: "de" in field.tags(), timeout=10_000)
    assert field.tags() == ["", "en", "de"]  # the fake engine's English and German
    second = app.physio.open_editor()
    assert second is not None
    assert second.routine_form.language_field.tags() == ["", "en", "de"]
    assert len(listed) == 1
    for editor in (first, second):
        editor.close()


def test_the_app_without_an_engine_offers_what_it_can(
    make_app: MakeApp, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    def missing() -> Renderer:
        raise EngineMissingError("eSpeak NG is not installed")

    _use_renderer(monkeypatch, missing)
    app = make_app()
    editor = app.physio.open_editor()
    assert editor is not None
    field = editor.routine_form.language_field
    qtbot.waitUntil(lambda: field.note.text() == NO_ENGINE, timeout=10_000)
    assert field.tags() == ["", "en"]
    editor.close()


@pytest.mark.parametrize("at_once", [True, False])
def test_each_editor_gets_the_voices_whether_they_come_at_once_or_later(
    qtbot: QtBot, paths: AppPaths, at_once: bool
) -> None:
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QMainWindow

    from selfmassage.core.library import Library
    from selfmassage.ui.physio.physio_presenter import PhysioPresenter

    window = QMainWindow()
    qtbot.addWidget(window)
    asked: list[Callable[[list[Voice]], None]] = []

    def list_voices(callback: Callable[[list[Voice]], None]) -> None:
        asked.append(callback)
        if at_once:  # known already (the voice dialog listed them)
            callback(VOICES)

    presenter = PhysioPresenter(
        window,
        library=lambda: Library(paths.routines_dir),
        history_store=lambda: None,
        routines_dir=paths.routines_dir,
        routine_on_screen=lambda: None,
        window_icon=QIcon,
        list_voices=list_voices,
    )
    first = presenter.open_editor()
    assert first is not None
    if not at_once:
        assert first.routine_form.language_field.note.text() == LOOKING
        asked[0](VOICES)
    second = presenter.open_editor()
    assert second is not None
    for editor in (first, second):
        assert "de" in editor.routine_form.language_field.tags()
        editor.close()
    assert len(asked) == 1
