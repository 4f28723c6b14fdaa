"""Help > About SelfMassage: the version, what the app does, and where the data is."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QWidget

from selfmassage import __version__
from selfmassage.core.language import _


def show_about(parent: QWidget, icon: QIcon, data_folder: Path) -> None:
    from PySide6.QtWidgets import QMessageBox  # not before the first paint

    box = QMessageBox(parent)
    box.setWindowTitle(_("About SelfMassage"))
    box.setIconPixmap(icon.pixmap(64, 64))
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(f"SelfMassage {__version__}")
    box.setInformativeText(
        _(
            "Guided self-massage: pick the sore muscles, get a timed routine, "
            "and follow the voice.\n\n"
            "Your data stays on this computer, in:\n{folder}"
        ).format(folder=data_folder)
    )
    box.exec()
