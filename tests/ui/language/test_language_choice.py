"""The app's language at start, View > Language, and the restart it offers."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox
from pytestqt.qtbot import QtBot

from selfmassage.core.language import _, app_language
from selfmassage.core.settings import Settings
from selfmassage.ui.language import restart as restart_module
from selfmassage.ui.language.start import chosen_language, use_language


def test_a_first_start_takes_the_desktop_language_and_keeps_it() -> None:
    settings = Settings()
    assert chosen_language(settings, {"LANG": "fr_FR.UTF-8"}) == "fr"
    assert settings.language == "fr"
    # Later the desktop changes; the person's choice stays.
    assert chosen_language(settings, {"LANG": "de_DE.UTF-8"}) == "fr"


def test_the_override_wins_and_is_not_saved() -> None:
    settings = Settings(language="de")
    assert chosen_language(settings, {"SELFMASSAGE_LANGUAGE": "pseudo"}) == "pseudo"
    assert settings.language == "de"


def test_a_language_the_app_lacks_starts_in_english() -> None:
    settings = Settings()
    assert chosen_language(settings, {"LANG": "pt_BR.UTF-8"}) == "en"


def test_qt_follows_the_language(qapp: QApplication) -> None:
    use_language("de", qapp)
    assert app_language() == "de"
    assert QLocale().language() == QLocale.Language.German
    # Qt's own texts come from the translations that ship with Qt.
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Abbrechen"
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Abbrechen"
    use_language("en", qapp)
    assert QLocale().language() == QLocale.Language.English
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"


def test_the_menu_saves_the_choice_and_offers_a_restart(
    qtbot: QtBot, make_app, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()
    app.finish_start_up()
    menu = app.language_menu
    assert [a.text() for a in menu.actions.values()] == [
        "English",
        "Deutsch",
        "Français",
        "Español",
    ]
    assert menu.actions["en"].isChecked()
    restarts: list[bool] = []
    monkeypatch.setattr(menu, "restart", lambda: restarts.append(True) or True)
    menu.actions["de"].trigger()
    assert app.settings.language == "de"
    assert app.settings_store.load().language == "de"  # saved at once
    box = menu.question
    assert isinstance(box, QMessageBox)
    assert "Deutsch" in box.text() and "restart" in box.text()
    later = next(b for b in box.buttons() if b.text() == _("Later"))
    later.click()
    assert restarts == []
    menu.actions["fr"].trigger()
    box = menu.question
    assert box is not None
    next(b for b in box.buttons() if b.text() == _("Restart now")).click()
    assert restarts == [True]


def test_restart_starts_the_same_program_again_as_the_app_quits(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[tuple[str, list[str]]] = []
    let_go: list[str] = []
    monkeypatch.setattr(restart_module.sys, "orig_argv", ["/usr/bin/python3", "-m", "selfmassage"])
    assert restart_module.restart(
        lambda: True, lambda: let_go.append("socket"), lambda p, a: started.append((p, a)) or True
    )
    assert started == []  # not before the app has quit
    qapp.aboutToQuit.emit()
    assert let_go == ["socket"]
    assert started and started[0][1] == ["-m", "selfmassage"]
    # A refused quit (a session the person keeps) starts nothing, now or later.
    started.clear()
    assert not restart_module.restart(
        lambda: False, lambda: None, lambda p, a: started.append((p, a)) or True
    )
    qapp.aboutToQuit.emit()
    assert started == []


def test_the_user_guide_comes_in_the_language(tmp_path: Path) -> None:
    from selfmassage.core.assets import user_guide_path

    assert user_guide_path("en").name == "user-guide.md"
    german = user_guide_path("de")
    assert german.is_file() and german.parent.name == "de"
    assert "Benutzerhandbuch" in german.read_text(encoding="utf-8")
    assert user_guide_path("pseudo").parent.name == "docs"  # English where none


def test_help_shows_the_guide_in_the_app_language(qtbot: QtBot) -> None:
    from selfmassage.core.language import set_app_language
    from selfmassage.ui.widgets.user_guide import UserGuideDialog

    set_app_language("es")
    dialog = UserGuideDialog()
    qtbot.addWidget(dialog)
    assert "guía" in dialog.browser.toPlainText()[:200].casefold()
