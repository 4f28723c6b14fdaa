"""The pseudo-language and a German locale for the windows' tests: a text that went
through the catalogue comes out bracketed, so one that did not shows plainly."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale

from tests.pseudo_text import translated


@pytest.fixture
def german_locale() -> Iterator[None]:
    """Dates, days and numbers as in Germany for the test."""
    before = QLocale()
    QLocale.setDefault(QLocale("de_DE"))
    yield
    QLocale.setDefault(before)


__all__ = ["german_locale", "translated"]
