"""The pseudo-language and a German locale for the windows' tests: a text that went
through the catalogue comes out bracketed, so one that did not shows plainly."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale


@pytest.fixture
def german_locale() -> Iterator[None]:
    """Dates, days and numbers as in Germany for the test."""
    before = QLocale()
    QLocale.setDefault(QLocale("de_DE"))
    yield
    QLocale.setDefault(before)


def translated(text: str) -> bool:
    """A text in the pseudo-language: bracketed, with the brackets' padding."""
    return text.startswith("[") and text.endswith("]")
