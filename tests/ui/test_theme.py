"""Light and dark palettes: text on the app's highlight reads well in both."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from selfmassage.app import SelfMassageApp
from selfmassage.core.paths import AppPaths
from selfmassage.core.settings import SettingsStore
from selfmassage.ui.theme import apply_theme, contrast, is_dark
from tests.conftest import MakeApp


def test_contrast_is_the_wcag_ratio() -> None:
    assert contrast(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21.0)
    assert contrast(QColor("#777777"), QColor("#777777")) == pytest.approx(1.0)
    assert contrast(QColor("#2a9d8f"), QColor("#ffffff")) == pytest.approx(3.32, abs=0.01)


@pytest.mark.parametrize("choice", ["light", "dark"])
def test_selected_text_reads_on_the_highlight(qapp: QApplication, choice: str) -> None:
    try:
        apply_theme(qapp, choice)
        palette = QApplication.palette()
        assert is_dark(palette) == (choice == "dark")
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            highlight = palette.color(group, QPalette.ColorRole.Highlight)
            text = palette.color(group, QPalette.ColorRole.HighlightedText)
            assert contrast(highlight, text) >= 4.5, (choice, group, highlight.name())
    finally:
        apply_theme(qapp, "light")


def sidebar(app: SelfMassageApp) -> QColor:
    """The colour the page list is painted in, below its last page."""
    image = app.window.navigation.grab().toImage()
    return QColor(image.pixel(image.width() // 2, image.height() - 5))


def test_view_theme_switches_both_ways_at_once_and_is_saved(
    make_app: MakeApp, paths: AppPaths, qapp: QApplication
) -> None:
    app = make_app(theme=None)
    menu = app.window.theme_menu
    assert [a.text() for a in menu.actions()] == ["&System", "&Light", "&Dark"]
    assert menu.menuAction() in app.window.view_menu.actions()
    try:
        style = qapp.style().name()
        app.theme_menu.actions["dark"].trigger()
        qapp.processEvents()
        assert is_dark(app.window.palette()), "no restart needed"
        assert is_dark(app.window.page("home").palette())
        assert sidebar(app).lightness() < 128, "style sheets take the new palette too"
        assert app.theme_menu.actions["dark"].isChecked()
        assert SettingsStore(paths.settings_file).load().theme == "dark"

        again = make_app(theme=None)  # the next start opens dark, with Dark ticked
        assert is_dark(again.window.palette())
        assert again.theme_menu.actions["dark"].isChecked()

        app.theme_menu.actions["light"].trigger()
        qapp.processEvents()
        assert not is_dark(app.window.palette())
        assert sidebar(app).lightness() >= 128
        assert qapp.style().name() == style, "light comes back to the system's style"
        assert not app.theme_menu.actions["dark"].isChecked()
        assert SettingsStore(paths.settings_file).load().theme == "light"
    finally:
        apply_theme(qapp, "light")
