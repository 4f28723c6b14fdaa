"""The routine editor in another language: its own words in the app's language, the
routine's words (a new step's catalog texts, the cues it will say) in the routine's."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from selfmassage.core import language
from selfmassage.core.catalog import load_catalog
from selfmassage.core.language import current_language
from selfmassage.ui.physio import routine_editor, step_form
from selfmassage.ui.physio.routine_editor import RoutineEditor
from tests.pseudo_text import translated


def _editor(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> RoutineEditor:
    window = RoutineEditor(load_catalog())
    qtbot.addWidget(window)
    monkeypatch.setattr(window, "_ask_unsaved", lambda: QMessageBox.StandardButton.Discard)
    return window


def test_the_editor_s_own_words_come_in_the_app_s_language(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, pseudo: None
) -> None:
    editor = _editor(qtbot, monkeypatch)
    editor.add_step()
    for text in (
        editor.add_button.text(),
        editor.breathing_button.text(),
        editor.status_label.text(),
        editor.step_form.title(),
        editor.step_form.cues_caption.text(),
        editor.step_form.cue_table.horizontalHeaderItem(0).text(),
        editor.routine_form.cues_combo.itemText(0),
        editor.routine_form.language_box.itemText(0),
        editor.undo_stack.undoText(),
    ):
        assert translated(text), text
    # The mnemonic's ampersand is kept, once.
    assert editor.add_button.text().count("&") == 1
    assert "[*]" in editor.windowTitle()


def test_a_new_step_takes_its_texts_in_the_routine_s_language(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = _editor(qtbot, monkeypatch)
    box = editor.routine_form.language_box
    editor.routine_form.language_field.show_language("de")
    box.activated.emit(box.findData("de"))
    assert editor.draft.language == "de"

    made_in: list[str] = []
    real_new_step = routine_editor.new_step

    def new_step(*args: object, **kwargs: object) -> object:
        made_in.append(current_language())
        return real_new_step(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(routine_editor, "new_step", new_step)
    editor.add_step()
    assert made_in == ["de"]
    assert current_language() == language.app_language()  # only inside the editor's edit


def test_the_cue_table_shows_the_cues_in_the_routine_s_language(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = _editor(qtbot, monkeypatch)
    editor.routine_form.language_field.show_language("fr")
    box = editor.routine_form.language_box
    box.activated.emit(box.findData("fr"))
    said_in: list[str] = []
    real_step_cues = step_form.step_cues

    def step_cues(*args: object, **kwargs: object) -> object:
        said_in.append(current_language())
        return real_step_cues(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(step_form, "step_cues", step_cues)
    editor.add_step()
    assert said_in and set(said_in) == {"fr"}


def test_a_routine_in_no_language_the_app_has_takes_the_app_s(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = _editor(qtbot, monkeypatch)
    made_in: list[str] = []
    real_technique = routine_editor.with_technique

    def with_technique(*args: object, **kwargs: object) -> object:
        made_in.append(current_language())
        return real_technique(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(routine_editor, "with_technique", with_technique)
    editor.add_step()
    combo = editor.step_form.technique_combo
    combo.setCurrentIndex(combo.count() - 1)
    combo.activated.emit(combo.currentIndex())
    assert made_in == [language.app_language()]


def test_languages_are_named_in_the_app_s_language() -> None:
    from selfmassage.ui.physio.language_field import language_name

    before = language.app_language()
    language.set_app_language("fr")
    try:
        assert language_name("de") == "Allemand"
        assert language_name("fr-CA") == "Français (Canada)"
        assert language_name("xx-yy-zz") == "xx-yy-zz"  # known to neither Babel nor Qt
    finally:
        language.set_app_language(before)
    assert language_name("fr-CA") == "French (Canada)"
