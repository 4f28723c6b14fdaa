"""Text that wraps must get the height it needs: found cut in half on the Session page."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from selfmassage.ui.player_page import PlayerPage


def _clipped(label: QLabel) -> bool:
    return label.height() < label.heightForWidth(label.width())


def test_the_idle_session_page_shows_its_hint_whole(qtbot: QtBot) -> None:
    page = PlayerPage()
    qtbot.addWidget(page)
    hint = page.findChild(QLabel, "idleHint")
    assert hint is not None
    for width, height in ((1000, 600), (700, 500)):
        page.resize(width, height)
        page.show()
        qtbot.waitExposed(page)
        assert hint.isVisible()
        qtbot.waitUntil(lambda: hint.width() > 0)
        assert not _clipped(hint), (hint.size(), hint.heightForWidth(hint.width()))
        # Routines are built on the Home page, not the Routine page.
        assert "Home page" in hint.text()
