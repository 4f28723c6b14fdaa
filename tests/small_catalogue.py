"""A small compiled catalogue made in a test, so a test of texts in another language
does not depend on the shipped translations being complete."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from selfmassage.core import language

Texts = Mapping[Any, Any]
"""English -> translation; a (singular, plural) pair -> a pair, for plurals."""


@contextmanager
def catalogue(
    monkeypatch: pytest.MonkeyPatch, folder: Path, tag: str, texts: Texts
) -> Iterator[None]:
    """``texts`` (English -> translation; (singular, plural) pairs for plurals) as the
    whole catalogue of ``tag`` inside the block."""
    catalog = Catalog(locale=tag, domain=language.DOMAIN)
    for english, translated in texts.items():
        catalog.add(english, translated)
    compiled = folder / tag / "LC_MESSAGES" / f"{language.DOMAIN}.mo"
    compiled.parent.mkdir(parents=True, exist_ok=True)
    with compiled.open("wb") as file:
        write_mo(file, catalog)
    with monkeypatch.context() as patch:
        patch.setattr(language, "locale_dir", lambda: folder)
        language.translations.cache_clear()
        try:
            yield
        finally:
            language.translations.cache_clear()
