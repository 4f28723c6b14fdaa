"""An offscreen Qt application for commands that draw (PDFs) without a window.

A QApplication rather than a QGuiApplication, so that widgets made later in the same
process (the self-test's window check, tests) still work. The PDF writers use QtGui only
and expect the caller to have made the application: the window has its own.
"""

from __future__ import annotations

import sys

from PySide6.QtGui import QGuiApplication

_APPS: list[QGuiApplication] = []
"""Kept here so Python does not collect the application while a PDF is drawn."""


def ensure_qt_application() -> None:
    """Make an offscreen QApplication unless the process already has a Qt application."""
    if QGuiApplication.instance() is None:
        from PySide6.QtWidgets import QApplication

        name = sys.argv[0] if sys.argv else "selfmassage"
        _APPS.append(QApplication([name, "-platform", "offscreen"]))
