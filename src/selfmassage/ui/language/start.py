"""The app's language at start: which one, and Qt set to it.

Chosen in this order: SELFMASSAGE_LANGUAGE (tests, translators and the pseudo-language),
the person's choice in the settings, else the desktop's language, which is then kept as
the choice so the app does not change language behind the person's back.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from selfmassage.core.language import (
    ENGLISH,
    PSEUDO,
    app_language,
    set_app_language,
    starting_language,
    supported,
    system_language,
)
from selfmassage.core.settings import Settings

log = logging.getLogger(__name__)

_qt_translators: list[QTranslator] = []


def chosen_language(settings: Settings, environ: Mapping[str, str] | None = None) -> str:
    """The language to start in; a first start saves the desktop's into ``settings``."""
    language = starting_language(settings.language, environ)
    if not supported(settings.language) and language != PSEUDO:
        environ = os.environ if environ is None else environ
        settings.language = system_language(environ)  # the first start's, kept
    return language


def use_language(language: str, qt_app: QCoreApplication | None = None) -> str:
    """Make ``language`` the app's: its texts, Qt's locale (dates, numbers, the calendar)
    and Qt's own texts (standard buttons, file dialogs). Returns the one in force."""
    language = set_app_language(language)
    QLocale.setDefault(QLocale(ENGLISH if language == PSEUDO else language))
    qt_app = qt_app or QCoreApplication.instance()
    for translator in _qt_translators:
        QCoreApplication.removeTranslator(translator)
    _qt_translators.clear()
    if qt_app is not None and language not in (ENGLISH, PSEUDO):
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        translator = QTranslator(qt_app)
        if translator.load(QLocale(language), "qtbase", "_", folder):
            QCoreApplication.installTranslator(translator)
            _qt_translators.append(translator)
        else:
            log.info("Qt's own texts in %s are not installed (%s)", language, folder)
    log.info("language: %s", app_language())
    return app_language()
