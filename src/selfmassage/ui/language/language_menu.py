"""View > Language: the app's language, by its own name; a change applies after a
restart, which the app offers to do at once."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMessageBox

from selfmassage.core.language import SUPPORTED, _, app_language
from selfmassage.core.settings import Settings
from selfmassage.ui.language.restart import restart
from selfmassage.ui.main_window import MainWindow

NAMES = {"en": "English", "de": "Deutsch", "fr": "Français", "es": "Español"}
"""Each language by its own name, so a person who cannot read the current one finds theirs."""


class Quitter(Protocol):
    """The app's own way to quit (the tray's Quit): it may ask about a running session."""

    quitting: bool

    def quit(self) -> None: ...


class Listener(Protocol):
    def close(self) -> None: ...


class LanguageMenu:
    """A radio list of the languages in View > Language; choosing one saves it and
    offers to restart."""

    def __init__(
        self,
        window: MainWindow,
        settings: Settings,
        save: Callable[[], None],
        quitter: Quitter,
        listener: Listener | None,
    ) -> None:
        self.menu = menu = window.view_menu.addMenu(_("&Language"))
        self.settings = settings
        self.save = save
        self.quitter = quitter
        self.listener = listener
        self.parent = window
        self.group = QActionGroup(menu)
        self.actions: dict[str, QAction] = {}
        current = settings.language or app_language()
        for language in SUPPORTED:
            action = QAction(NAMES[language], menu)
            action.setCheckable(True)
            action.setChecked(language == current)
            action.triggered.connect(lambda _=False, lang=language: self.choose(lang))
            self.group.addAction(action)
            menu.addAction(action)
            self.actions[language] = action
        self.question: QMessageBox | None = None

    def choose(self, language: str) -> None:
        if language == self.settings.language:
            return
        self.settings.language = language
        self.save()
        box = QMessageBox(self.parent)
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(_("Language"))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(
            _("SelfMassage will be in {language} after a restart.").format(language=NAMES[language])
        )
        box.setInformativeText(_("Restart now? A session in progress is stopped and kept."))
        now = box.addButton(_("Restart now"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(_("Later"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(now)
        box.finished.connect(lambda _result: self._answered(box.clickedButton() is now))
        self.question = box
        box.open()

    def _answered(self, restart: bool) -> None:
        self.question = None
        if restart:
            self.restart()

    def restart(self) -> bool:
        """Quit the app's own way and, as it quits, start it again; False if refused."""

        def quit_app() -> bool:
            self.quitter.quit()
            return self.quitter.quitting

        listener = self.listener
        # The new process must not hand over to this one, on its way out.
        return restart(quit_app, listener.close if listener else lambda: None)
