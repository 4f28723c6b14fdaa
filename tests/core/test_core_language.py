"""The domain's words in other languages: a routine's cues in the routine's language, the
module-level tables in the language in force when shown, numbers and durations the
language's way."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from selfmassage.cli import main
from selfmassage.core import language, place_search
from selfmassage.core.anatomy import REGIONS, RegionSide, Side, region
from selfmassage.core.autostart import desktop_entry
from selfmassage.core.language import (
    set_app_language,
    speaking,
)
from selfmassage.core.routine import Pacing, Routine, Step, StepSide, Tool
from selfmassage.core.safety import QUESTIONS, Answer, short_name
from selfmassage.core.timeline import CountdownStyle, CueKind, CueOptions, build_timeline
from selfmassage.core.tools import Position
from selfmassage.core.words import (
    duration,
    minutes_and_tenths,
    place_name,
    session_status,
    spoken_duration,
    step_place,
    switch_words,
)
from tests.pseudo_text import translated

GERMAN = {
    "Well done. That is the end of your routine.": "Gut gemacht. Das ist das Ende deiner Routine.",
    "Halfway.": "Halbzeit.",
    "your left calf": "deine linke Wade",
    "your right calf": "deine rechte Wade",
    "Switch to your right leg.": "Wechsle zum rechten Bein.",
    "{place}, {tool}.": "{place}, {tool}.",
    "Foam roller": "Faszienrolle",
    "{time} left.": "Noch {time}.",
    "Calves": "Waden",
    "Reminders for your self-massage routines": "Erinnerungen an deine Selbstmassage-Routinen",
}
GERMAN_PLURALS = {
    ("{n} second", "{n} seconds"): ("{n} Sekunde", "{n} Sekunden"),
}


@pytest.fixture
def german(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A small German catalogue, compiled where the app looks for its catalogues."""
    catalog = Catalog(locale="de", domain=language.DOMAIN)
    for english, german in GERMAN.items():
        catalog.add(english, german)
    for english_forms, german_forms in GERMAN_PLURALS.items():
        catalog.add(english_forms, german_forms)
    folder = tmp_path / "locale" / "de" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / f"{language.DOMAIN}.mo").open("wb") as mo:
        write_mo(mo, catalog)
    monkeypatch.setattr(language, "locale_dir", lambda: tmp_path / "locale")
    language.translations.cache_clear()
    yield
    language.translations.cache_clear()


def calves(language_tag: str | None) -> Routine:
    return Routine(
        "Waden",
        (Step("calves", 60, tool=Tool.FOAM_ROLLER, side=StepSide.BOTH),),
        language=language_tag,
    )


OPTIONS = CueOptions(countdown=CountdownStyle.WORDS, remaining=(10,))


def texts(routine: Routine) -> dict[CueKind, list[str]]:
    timeline = build_timeline(routine, Pacing(transition_seconds=0), OPTIONS)
    found: dict[CueKind, list[str]] = {}
    for cue in timeline.cues:
        found.setdefault(cue.kind, []).append(cue.text)
    return found


def test_a_german_routine_has_german_cues(german: None) -> None:
    said = texts(calves("de"))
    assert said[CueKind.FINISH] == ["Gut gemacht. Das ist das Ende deiner Routine."]
    assert "Halbzeit." in said[CueKind.HALFWAY]
    assert said[CueKind.ANNOUNCE][0] == "Deine linke Wade, Faszienrolle."
    assert said[CueKind.SWITCH_SIDE] == ["Wechsle zum rechten Bein."]
    # Numbers as digits, for the German voice to say in German: no English words.
    assert said[CueKind.REMAINING][0] == "Noch 10 Sekunden."
    assert said[CueKind.COUNTDOWN][:3] == ["3", "2", "1"]


def test_the_same_routine_in_english_keeps_its_english_cues(german: None) -> None:
    for tag in (None, "en"):
        said = texts(calves(tag))
        assert said[CueKind.FINISH] == ["Well done. That is the end of your routine."]
        assert said[CueKind.ANNOUNCE][0] == "Your left calf, foam roller."
        assert said[CueKind.REMAINING][0] == "Ten seconds left."
        assert said[CueKind.COUNTDOWN][:3] == ["Three", "Two", "One"]


def test_a_routine_speaks_its_language_whatever_the_app_shows(german: None) -> None:
    set_app_language("de")
    try:
        assert set(texts(calves("en"))[CueKind.HALFWAY]) == {"Halfway."}
        assert set(texts(calves(None))[CueKind.HALFWAY]) == {"Halbzeit."}
    finally:
        set_app_language("en")
    # The language is the routine's only while its cues are made.
    assert region("calves").name == "Calves"


def test_the_timeline_command_of_a_german_routine_has_german_cue_texts(
    german: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = {
        "format": "selfmassage-routine",
        "version": 1,
        "title": "Waden",
        "language": "de",
        "steps": [{"region": "calves", "seconds": 60, "tool": "foam-roller", "side": "both"}],
    }
    path = tmp_path / "waden.selfmassage.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    assert main(["routine", "timeline", str(path), "--json"]) == 0
    printed = capsys.readouterr().out
    assert "Gut gemacht. Das ist das Ende deiner Routine." in printed
    assert "Well done" not in printed


def test_tables_made_at_import_come_out_in_the_language_in_force(pseudo: None) -> None:
    assert all(translated(reg.name) and translated(reg.description) for reg in REGIONS)
    assert translated(RegionSide("calves", Side.LEFT).label)
    assert all(translated(q.text) and translated(q.why) and translated(q.advice) for q in QUESTIONS)
    assert all(translated(short_name(q.id)) for q in QUESTIONS)
    assert all(translated(answer.label) for answer in Answer)
    assert all(translated(tool.label) for tool in Tool)
    assert all(translated(position.label) for position in Position)
    assert translated(session_status("completed"))
    assert translated(place_name("calves", "left"))
    assert translated(step_place("calves", "both"))
    assert translated(switch_words("calves", "right"))
    assert translated(duration(60))


def test_english_is_back_after_the_pseudo_language(pseudo: None) -> None:
    set_app_language("en")
    assert region("calves").name == "Calves"
    assert QUESTIONS[0].text.startswith("Is one calf")


def test_numbers_and_durations_the_language_s_way() -> None:
    assert minutes_and_tenths(546) == "9.1 min"
    assert spoken_duration(90) == "one minute thirty seconds"
    with speaking("de"):
        assert minutes_and_tenths(546) == "9,1 Min."
        assert "one" not in spoken_duration(90)
        assert spoken_duration(90).startswith("1 ")
    with speaking("fr"):
        assert minutes_and_tenths(546).startswith("9,1")


@pytest.mark.parametrize(
    ("language", "title"),
    [
        ("en", "Neck, Calves and Feet — "),
        ("de", "Nacken, Waden und Füße – "),
        ("fr", "Nuque, mollets et pieds — "),
        ("es", "Cuello, pantorrillas y pies — "),
    ],
)
def test_a_built_routine_s_title_is_written_the_language_s_way(language: str, title: str) -> None:
    """English capitalises each region, German each noun anyway; French and Spanish write
    a title as a sentence: a capital for the first word only."""
    from selfmassage.core.builder import BuildRequest, Built, build_routine
    from selfmassage.core.selection import Selection

    keys = ("neck", "calves-left", "calves-right", "feet-left", "feet-right")
    selection = Selection.of([RegionSide.parse(key) for key in keys])
    with speaking(language):
        result = build_routine(BuildRequest(selection, frozenset({Tool.HANDS}), 15))
    assert isinstance(result, Built)
    assert result.routine.title.startswith(title)


def test_the_autostart_entry_carries_its_comment_in_each_language(german: None) -> None:
    entry = desktop_entry(["selfmassage", "--tray"])
    assert "Comment=Reminders for your self-massage routines\n" in entry
    assert "Comment[de]=Erinnerungen an deine Selbstmassage-Routinen\n" in entry
    assert "Comment[fr]" not in entry  # no French catalogue here: no copy of the English


def test_places_are_found_by_their_names_in_the_app_s_language_too(german: None) -> None:
    place_search._terms_in.cache_clear()
    set_app_language("de")
    try:
        assert place_search.places_named("Waden") == {"calves"}
        assert place_search.places_named("calf") == {"calves"}  # English still works
    finally:
        set_app_language("en")
        place_search._terms_in.cache_clear()
    assert place_search.places_named("Waden") == frozenset()
