"""The shipped content (the catalog, the pictures' words, the built-in routines) in the
language in force, from the catalogues' "content" entries."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from selfmassage.core import language
from selfmassage.core.catalog import load_catalog
from selfmassage.core.language import set_app_language, speaking

TECHNIQUE = "calves.foam-roller.roll"


@pytest.fixture
def german_content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, str]]:
    technique = load_catalog().get(TECHNIQUE)
    assert technique is not None
    words = {
        technique.name: "Wade rollen",
        technique.instructions: "Setz dich auf den Boden, die Faszienrolle unter der Wade.",
        technique.start: "Faszienrolle unter die Wade.",
        technique.prompts[0]: "Langsam rollen.",
        "Post-run legs": "Beine nach dem Laufen",
    }
    catalog = Catalog(locale="de", domain="selfmassage")
    for english, german in words.items():
        catalog.add(english, german, context="content")
    target = tmp_path / "de" / "LC_MESSAGES" / "selfmassage.mo"
    target.parent.mkdir(parents=True)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    target.write_bytes(buffer.getvalue())
    monkeypatch.setattr(language, "locale_dir", lambda: tmp_path)
    language.translations.cache_clear()
    yield words
    language.translations.cache_clear()


def test_a_technique_speaks_the_language_in_force(german_content: dict[str, str]) -> None:
    catalog = load_catalog()
    english = catalog.get(TECHNIQUE)
    assert english is not None
    with speaking("de"):
        german = catalog.get(TECHNIQUE)
        assert german is not None
        assert german.name == "Wade rollen"
        assert german.start == "Faszienrolle unter die Wade."
        assert german.prompts[0] == "Langsam rollen."
        assert german in catalog.for_region("calves")
    # Outside, the same catalog object is English again.
    again = catalog.get(TECHNIQUE)
    assert again is not None and again.name == english.name


def test_a_built_in_routine_comes_in_the_app_language(
    german_content: dict[str, str], tmp_path: Path
) -> None:
    from selfmassage.core.library import Library

    set_app_language("de")
    library = Library(tmp_path / "mine")
    entry = next(e for e in library.builtin_entries() if e.path.stem == "post-run-legs")
    routine = entry.routine
    assert routine is not None
    assert routine.title == "Beine nach dem Laufen"
    assert routine.language == "de"  # spoken, printed and saved in German
    calf = next(step for step in routine.steps if step.technique == TECHNIQUE)
    assert calf.instructions != "" and calf.name  # translated where the catalogue has it
    # The person's own routines are theirs: never translated.
    set_app_language("en")
    english = next(e for e in library.builtin_entries() if e.path.stem == "post-run-legs")
    assert english.routine is not None and english.routine.title == "Post-run legs"
    assert english.routine.language == "en"


def test_a_routine_built_in_german_is_a_german_routine() -> None:
    from selfmassage.core.anatomy import RegionSide
    from selfmassage.core.builder import BuildRequest, Built, build_routine
    from selfmassage.core.selection import Selection
    from selfmassage.core.tools import Tool

    request = BuildRequest(Selection.of([RegionSide.parse("neck")]), frozenset({Tool.HANDS}), 5)
    english = build_routine(request)
    assert isinstance(english, Built) and english.routine.language is None
    set_app_language("de")
    german = build_routine(request)
    assert isinstance(german, Built)
    assert german.routine.language == "de"  # its voice, handout and file follow
    assert german.routine.steps[0].name != english.routine.steps[0].name


def test_a_built_in_routine_is_found_by_its_title_in_any_language(tmp_path: Path) -> None:
    """A reminder keeps a routine's title; after a change of language the built-in
    routine it names must still be found (found missing: its title had changed)."""
    from selfmassage.core.library import Library

    library = Library(tmp_path / "mine")
    set_app_language("de")
    found = library.builtin_named("Post-run legs")  # a reminder set in English
    assert found is not None and found.routine is not None
    assert found.routine.language == "de"
    german_title = found.routine.title
    assert german_title != "Post-run legs"
    set_app_language("fr")
    again = library.builtin_named(german_title)  # set in German, now in French
    assert again is not None and again.path == found.path
    assert library.builtin_named("No such routine") is None


def test_a_file_problem_names_the_field_in_the_language() -> None:
    """Found in the German editor: "Title: darf nicht leer sein"."""
    from selfmassage.core.file_problems import problem_place

    assert problem_place("$.title") == "Title"
    assert problem_place("$.steps[1].seconds") == "Step 2, seconds"
    with speaking("de"):
        assert problem_place("$.title") == "Titel"
        assert problem_place("$.steps") == "Schritte"
        assert "Sekunden" in problem_place("$.steps[1].seconds")
