"""German, French and Spanish are complete: every text of the code and the content has a
translation, none is stale, placeholders match, and the glossary's words are used."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
import translations  # noqa: E402

LANGUAGES = ("de", "fr", "es")


@pytest.fixture(scope="module")
def template() -> Catalog:
    return translations.template()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_catalogue_is_complete_and_current(template: Catalog, language: str) -> None:
    problems = translations.problems(language, template)
    assert not problems, f"{len(problems)} problems, the first: " + "\n".join(problems[:40])


def test_the_template_has_the_code_and_the_content(template: Catalog) -> None:
    contexts = {message.context for message in template if message.id}
    assert "content" in contexts
    ids = {message.id if isinstance(message.id, str) else message.id[0] for message in template}
    # A catalog technique's name, a built-in routine's title, a cue of the code.
    assert "Calf roll" in ids or any("calf" in str(i).lower() for i in ids)
    assert "Post-run legs" in ids
    assert len(template) > 1000


def _po(folder: Path, language: str, entries: list[tuple[object, object, str | None]]) -> None:
    catalog = Catalog(locale=language, domain="selfmassage")
    for msgid, msgstr, context in entries:
        catalog.add(msgid, msgstr, context=context)
    translations.write(catalog, folder / f"{language}.po")


def test_the_check_finds_each_kind_of_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "glossary").mkdir()
    (tmp_path / "glossary" / "de.tsv").write_text("calf\tWade\n", encoding="utf-8")
    monkeypatch.setattr(translations, "PO", tmp_path)
    fresh = Catalog()
    fresh.add("Roll the calf slowly.", context="content")
    fresh.add("{n} minutes left", context=None)
    fresh.add(("{n} step", "{n} steps"))
    fresh.add("Untouched")
    _po(
        tmp_path,
        "de",
        [
            ("Roll the calf slowly.", "Rolle den Unterschenkel langsam.", "content"),
            ("{n} minutes left", "noch {m} Minuten", None),
            (("{n} step", "{n} steps"), ("ein Schritt", "{n} Schritte"), None),
            ("Gone from the code", "Weg", None),
        ],
    )
    found = "\n".join(translations.problems("de", fresh))
    assert "glossary: 'calf'" in found
    assert "placeholders differ" in found and "{n} minutes left" in found
    assert "missing: 'Untouched'" in found
    assert "stale" in found and "Gone from the code" in found
    # A singular may say the number in words ("ein Schritt"), as English's "one" may.
    assert "'{n} step'" not in found


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_catalog_technique_is_translated(language: str) -> None:
    from selfmassage.core.catalog import load_catalog, technique_in

    missing = []
    for technique in load_catalog().techniques:
        translated = technique_in(technique, language)
        if translated.instructions == technique.instructions or translated.start == technique.start:
            missing.append(technique.id)
    assert not missing, f"{language}: techniques without their translation: {missing}"
