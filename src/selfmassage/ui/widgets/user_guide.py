"""Help > User guide: the guide that ships with the app, read offline in a window."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from selfmassage.core.assets import user_guide_path
from selfmassage.core.language import _, app_language


class UserGuideDialog(QDialog):
    """The guide's Markdown, shown as the app's own text; links are not followed (no
    network, ever: the guide's other pages are in the docs folder of the download)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("userGuide")
        self.setWindowTitle(_("SelfMassage user guide"))
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.setAccessibleName(_("User guide"))
        path = user_guide_path(app_language())  # in English where it has none
        try:
            self.browser.setMarkdown(path.read_text(encoding="utf-8"))
        except OSError as error:
            self.browser.setPlainText(
                _("The user guide could not be read ({path}): {error}.").format(
                    path=path, error=error
                )
            )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(760, 640)
