"""Which language is in force, the pseudo-language, and a routine's own language."""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from selfmassage.core import language
from selfmassage.core.language import (
    _,
    app_language,
    current_language,
    ngettext,
    pgettext,
    pseudo,
    set_app_language,
    speaking,
    supported,
    system_language,
)


def make_catalogue(folder: Path, lang: str, entries: dict[object, object]) -> None:
    """A compiled catalogue of ``entries`` for ``lang`` in ``folder`` (a locale dir)."""
    catalog = Catalog(locale=lang, domain="selfmassage")
    for key, value in entries.items():
        context, msgid = None, key
        catalog.add(msgid, value, context=context)
    target = folder / lang / "LC_MESSAGES" / "selfmassage.mo"
    target.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    target.write_bytes(buffer.getvalue())


@pytest.fixture
def german(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    make_catalogue(
        tmp_path,
        "de",
        {
            "Start": "Los",
            ("{n} step", "{n} steps"): ("{n} Schritt", "{n} Schritte"),
        },
    )
    monkeypatch.setattr(language, "locale_dir", lambda: tmp_path)
    language.translations.cache_clear()
    yield tmp_path
    language.translations.cache_clear()


def test_a_tag_names_the_language_the_app_has() -> None:
    assert supported("de") == "de"
    assert supported("de_AT.UTF-8") == "de"
    assert supported("fr-CA") == "fr"
    assert supported("ES") == "es"
    assert supported("pt_BR") is None
    assert supported("") is None
    assert supported("pseudo") == "pseudo"


def test_the_desktop_language_is_read_as_gettext_reads_it() -> None:
    assert system_language({"LANG": "de_DE.UTF-8"}) == "de"
    assert system_language({"LANGUAGE": "pt:fr", "LANG": "de_DE.UTF-8"}) == "fr"
    assert system_language({"LC_ALL": "es_ES.UTF-8", "LANG": "de_DE.UTF-8"}) == "es"
    assert system_language({"LANG": "pt_BR.UTF-8"}) == "en"
    assert system_language({"LANG": "C.UTF-8"}) == "en"
    assert system_language({}) == "en"


def test_texts_follow_the_app_language(german: Path) -> None:
    assert _("Start") == "Start"
    set_app_language("de")
    assert _("Start") == "Los"
    assert ngettext("{n} step", "{n} steps", 1).format(n=1) == "1 Schritt"
    assert ngettext("{n} step", "{n} steps", 3).format(n=3) == "3 Schritte"
    assert _("Not in the catalogue") == "Not in the catalogue"
    set_app_language("xx")
    assert app_language() == "en"


def test_a_routine_in_german_speaks_german_on_an_english_desktop(german: Path) -> None:
    assert app_language() == "en"
    with speaking("de-DE") as chosen:
        assert chosen == "de"
        assert current_language() == "de"
        assert _("Start") == "Los"
    assert _("Start") == "Start"
    # A language the app has no texts for keeps the app's own.
    with speaking("pt"):
        assert _("Start") == "Start"


def test_speaking_holds_for_its_own_thread_only(german: Path) -> None:
    seen: list[str] = []
    with speaking("de"):
        worker = threading.Thread(target=lambda: seen.append(_("Start")))
        worker.start()
        worker.join()
    assert seen == ["Start"]


def test_the_pseudo_language_brackets_and_lengthens_every_text() -> None:
    text = pseudo("Switch to your {side} side")
    assert text.startswith("[") and text.endswith("]")
    assert "{side}" in text
    assert len(text) >= len("Switch to your {side} side") * 1.4
    assert "Switch" not in text  # every letter changed: an untranslated text stands out
    # Markup, mnemonics and %-formats survive.
    assert "<b>" in pseudo("<b>Bold</b> text") and "&O" in pseudo("&Open")
    assert pseudo("") == "" and pseudo("  ") == "  "


def test_the_pseudo_language_covers_every_kind_of_lookup() -> None:
    set_app_language("pseudo")
    assert _("Start").startswith("[")
    assert pgettext("body side", "Back").startswith("[")
    assert ngettext("{n} step", "{n} steps", 2).format(n=2).startswith("[")
    assert "2" in ngettext("{n} step", "{n} steps", 2).format(n=2)


def test_nothing_to_translate_comes_back_as_it_is() -> None:
    """argparse asks for ``_(None)`` (a group without a description); in the
    pseudo-language that failed once the commands pointed argparse here."""
    set_app_language("pseudo")
    assert _(None) is None  # type: ignore[arg-type]
    assert _("") == ""
