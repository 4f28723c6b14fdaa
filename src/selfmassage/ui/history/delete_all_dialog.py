"""Deleting the whole history: a strong confirmation, a word typed before all goes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

DELETE_ALL_WORD = "DELETE"


def _plain(label: QLabel) -> QLabel:
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class DeleteAllDialog(QDialog):
    """A strong confirmation: the person types a word before everything goes."""

    def __init__(self, sessions: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Delete the whole history")
        which = "the one session" if sessions == 1 else f"all {sessions} sessions"
        layout = QVBoxLayout(self)
        layout.addWidget(
            _plain(
                QLabel(
                    f"This deletes {which} from this computer, with their "
                    "soreness ratings, notes and the history's backups. It cannot be "
                    "undone.\n\n"
                    "Export the history first if you may want it back.\n\n"
                    f"Type {DELETE_ALL_WORD} to confirm."
                )
            )
        )
        self.word = QLineEdit()
        self.word.setAccessibleName(f"Type {DELETE_ALL_WORD} to confirm")
        layout.addWidget(self.word)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.delete_button = self.buttons.addButton(
            "Delete everything", QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.delete_button.setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setDefault(True)
        self.delete_button.clicked.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.word.textChanged.connect(
            lambda text: self.delete_button.setEnabled(text.strip() == DELETE_ALL_WORD)
        )
        layout.addWidget(self.buttons)
