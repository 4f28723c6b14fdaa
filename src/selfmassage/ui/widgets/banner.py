"""A warning strip above a page: a voice that cannot speak, no sound output."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel


def warning_banner(name: str, accessible: str) -> QLabel:
    """A hidden, plain-text warning: dark text on pale yellow, readable on either theme."""
    banner = QLabel()
    banner.setTextFormat(Qt.TextFormat.PlainText)
    banner.setObjectName(name)
    banner.setWordWrap(True)
    banner.setAccessibleName(accessible)
    banner.setStyleSheet(
        f"QLabel#{name} {{ background: #fff3cd; color: #5c4400; padding: 6px 10px;"
        " border: 1px solid #e0c36c; border-radius: 4px; }"
    )
    banner.hide()
    return banner
