"""Deleting the whole history: a strong confirmation, a word typed before all goes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from selfmassage.core.language import N_, _, ngettext

# Translators: the word the person types to confirm deleting the whole history.
DELETE_ALL_WORD = N_("DELETE")


def _plain(label: QLabel) -> QLabel:
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class DeleteAllDialog(QDialog):
    """A strong confirmation: the person types a word before everything goes."""

    def __init__(self, sessions: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Delete the whole history"))
        word = self.confirm_word = _(DELETE_ALL_WORD)
        if sessions == 1:
            what = _(
                "This deletes the one session from this computer, with their soreness "
                "ratings, notes and the history's backups. It cannot be undone."
            )
        else:
            what = ngettext(
                "This deletes all {n} sessions from this computer, with their soreness "
                "ratings, notes and the history's backups. It cannot be undone.",
                "This deletes all {n} sessions from this computer, with their soreness "
                "ratings, notes and the history's backups. It cannot be undone.",
                sessions,
            ).format(n=sessions)
        layout = QVBoxLayout(self)
        layout.addWidget(
            _plain(
                QLabel(
                    what
                    + "\n\n"
                    + _("Export the history first if you may want it back.")
                    + "\n\n"
                    + _("Type {word} to confirm.").format(word=word)
                )
            )
        )
        self.word = QLineEdit()
        self.word.setAccessibleName(_("Type {word} to confirm").format(word=word))
        layout.addWidget(self.word)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.delete_button = self.buttons.addButton(
            _("Delete everything"), QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.delete_button.setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setDefault(True)
        self.delete_button.clicked.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.word.textChanged.connect(
            lambda text: self.delete_button.setEnabled(text.strip() == word)
        )
        layout.addWidget(self.buttons)
