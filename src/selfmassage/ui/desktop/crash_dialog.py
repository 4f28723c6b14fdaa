"""What the user sees when something unexpected goes wrong: never a silent vanish."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget


class CrashDialog(QMessageBox):
    def __init__(self, summary: str, details: str, log_file: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("crashDialog")
        self.setIcon(QMessageBox.Icon.Critical)
        self.setWindowTitle("SelfMassage: unexpected problem")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setText(
            "SelfMassage ran into a problem it did not expect. What you had finished is "
            "saved; you can keep working, or quit and start again."
        )
        self.setInformativeText(f"{summary}\n\nThe details are in the log file:\n{log_file}")
        self.setDetailedText(details)
        self.setStandardButtons(QMessageBox.StandardButton.Ok)
