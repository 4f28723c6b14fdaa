"""Light and dark palettes: text on the app's highlight reads well in both."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from selfmassage.ui.theme import apply_theme, contrast, is_dark


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
