"""What the user sees when something unexpected goes wrong: never a silent vanish."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from selfmassage.core.language import _


class CrashDialog(QMessageBox):
    def __init__(self, summary: str, details: str, log_file: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("crashDialog")
        self.setIcon(QMessageBox.Icon.Critical)
        self.setWindowTitle(_("SelfMassage: unexpected problem"))
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setText(
            _(
                "SelfMassage ran into a problem it did not expect. What you had finished is "
                "saved; you can keep working, or quit and start again."
            )
        )
        # Translators: {summary} is the error in the program's own words (English).
        where = _("The details are in the log file:\n{file}").format(file=log_file)
        self.setInformativeText(f"{summary}\n\n{where}")
        self.setDetailedText(details)
        self.setStandardButtons(QMessageBox.StandardButton.Ok)
