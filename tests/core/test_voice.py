"""The pure voice rules: beep fallback, cue options from settings, voices by language."""

from __future__ import annotations

import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from selfmassage.core.settings import Settings
from selfmassage.core.timeline import Beep, CountdownStyle, CueLevel
from selfmassage.core.voice import (
    RATE_MAX,
    RATE_MIN,
    TRANSITION_MAX,
    TRANSITION_MIN,
    Sound,
    Voice,
    VoiceOptions,
    VoiceSettings,
    cue_sounds,
    primary_language,
    speaks,
    voice_for_language,
    voices_for,
)


def test_every_timeline_beep_is_a_sound_of_ours() -> None:
    for beep in Beep:
        assert Sound(beep.value).value == beep.value


@pytest.mark.parametrize(
    ("voice", "beep", "available", "expected"),
    [
        (True, None, True, (None, True)),
        (True, "start", True, (Sound.START, True)),
        (False, "countdown", True, (Sound.COUNTDOWN, False)),
        (False, None, True, (None, False)),
        # Without a voice, words become their own beep, or the notice beep.
        (True, None, False, (Sound.NOTICE, False)),
        (True, "start", False, (Sound.START, False)),
        (False, "finish", False, (Sound.FINISH, False)),
        (False, None, False, (None, False)),
        # Breathing's soft tones, and a calm routine's soft start.
        (False, "breath-in", True, (Sound.BREATH_IN, False)),
        (False, "breath-out", False, (Sound.BREATH_OUT, False)),
        (True, "soft", True, (Sound.SOFT, True)),
    ],
)
def test_cue_sounds(
    voice: bool, beep: str | None, available: bool, expected: tuple[Sound | None, bool]
) -> None:
    assert cue_sounds(voice, beep, voice_available=available) == expected


def test_voice_options_are_clamped() -> None:
    assert VoiceOptions.checked(" gmw/en ", 10, 3.0) == VoiceOptions("gmw/en", RATE_MIN, 1.0)
    assert VoiceOptions.checked("", 999, -1).rate == RATE_MAX
    assert VoiceOptions.checked("", 999, -1).volume == 0.0


def test_voice_settings_checked_from_a_hand_edited_file() -> None:
    settings = VoiceSettings(
        voice="x", rate=5000, volume=7, cue_level="LOUD", countdown="off", transition_seconds=-4
    ).checked()
    assert settings == VoiceSettings(
        voice="x",
        rate=RATE_MAX,
        volume=1.0,
        cue_level="full",
        countdown="off",
        transition_seconds=0,
    )


@pytest.mark.parametrize("odd", [math.nan, math.inf, -math.inf])
def test_voice_settings_checked_refuse_numbers_that_are_not_finite(odd: float) -> None:
    # Python's json reads NaN and Infinity; round(NaN * 100) crashed the dialog.
    settings = VoiceSettings(rate=odd, volume=odd, transition_seconds=odd).checked()  # type: ignore[arg-type]
    assert settings == VoiceSettings()
    assert VoiceOptions.checked("", odd, odd) == VoiceOptions()  # type: ignore[arg-type]


def test_voice_settings_checked_refuse_values_that_are_not_numbers() -> None:
    odd: object = "fast"
    settings = VoiceSettings(rate=odd, volume=odd, transition_seconds=odd).checked()  # type: ignore[arg-type]
    assert settings == VoiceSettings()


def test_settings_defaults_match_voice_defaults() -> None:
    settings = Settings()
    voice = VoiceSettings(
        voice=settings.voice,
        rate=settings.voice_rate,
        volume=settings.voice_volume,
        cue_level=settings.cue_level,
        countdown=settings.countdown_style,
        transition_seconds=settings.transition_seconds,
    )
    assert voice == VoiceSettings()
    assert voice.checked() == voice


@pytest.mark.parametrize(
    ("tag", "primary"), [("en-GB", "en"), ("en_us", "en"), ("DE", "de"), ("vi-vn-x-central", "vi")]
)
def test_primary_language(tag: str, primary: str) -> None:
    assert primary_language(tag) == primary


ENGLISH = Voice("gmw/en", "English (Great Britain)", ("en-gb",))
AMERICAN = Voice("gmw/en-us", "English (America)", ("en-us",))
GERMAN = Voice("gmw/de", "German", ("de",))
VIETNAMESE = Voice("aav/vi-vn-x-central", "Vietnamese (Central)", ("vi-vn-x-central",))


def test_a_voice_speaks_by_primary_language_not_by_substring() -> None:
    # "vi-vn-x-central" contains "en" but is not English.
    assert not speaks(VIETNAMESE, "en")
    assert speaks(ENGLISH, "en-US")
    assert speaks(GERMAN, "de-AT")
    assert speaks(GERMAN, None)


def test_voices_for_a_language_sorted_and_falling_back_to_all() -> None:
    voices = [VIETNAMESE, GERMAN, ENGLISH, AMERICAN]
    assert voices_for(voices, "en") == [AMERICAN, ENGLISH]
    assert voices_for(voices, "fi") == [AMERICAN, ENGLISH, GERMAN, VIETNAMESE]
    assert voices_for(voices, None) == [AMERICAN, ENGLISH, GERMAN, VIETNAMESE]


AUSTRIAN = Voice("x/de-at", "German (Austria)", ("de-at",))
SWISS = Voice("x/de-ch-x-variant", "German (Swiss variant)", ("de-ch-x-variant",))


@pytest.mark.parametrize(
    ("chosen", "language", "expected"),
    [
        ("gmw/en", None, "gmw/en"),  # no language: the choice stands
        ("gmw/en", "en-US", "gmw/en"),  # the choice speaks it
        ("gmw/en", "de", "gmw/de"),  # it does not: the plainest German voice
        ("gmw/en", "de-AT", "x/de-at"),  # the exact tag first
        ("", "de-CH", "gmw/de"),  # the default voice is not known to speak it
        ("gmw/de", "fi", "gmw/de"),  # nobody speaks Finnish: the choice stands
    ],
)
def test_voice_for_a_routine_language(chosen: str, language: str | None, expected: str) -> None:
    voices = [ENGLISH, AMERICAN, SWISS, GERMAN, AUSTRIAN, VIETNAMESE]
    assert voice_for_language(voices, chosen, language) == expected


def test_voice_for_a_language_without_the_voice_list_keeps_the_choice() -> None:
    assert voice_for_language([], "gmw/en", "de") == "gmw/en"


_any_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=6,
)


@settings(max_examples=200, deadline=None)
@given(
    voice=_any_json,
    rate=_any_json,
    volume=_any_json,
    cue_level=_any_json,
    countdown=_any_json,
    transition=_any_json,
)
def test_voice_settings_checked_take_anything_a_file_can_hold(
    voice: Any, rate: Any, volume: Any, cue_level: Any, countdown: Any, transition: Any
) -> None:
    checked = VoiceSettings(voice, rate, volume, cue_level, countdown, transition).checked()
    assert isinstance(checked.voice, str)
    assert RATE_MIN <= checked.rate <= RATE_MAX and isinstance(checked.rate, int)
    assert 0.0 <= checked.volume <= 1.0
    assert checked.cue_level in {level.value for level in CueLevel}
    assert checked.countdown in {style.value for style in CountdownStyle}
    assert TRANSITION_MIN <= checked.transition_seconds <= TRANSITION_MAX


def test_language_tags_are_spelled_as_usual_and_private_tails_left_off() -> None:
    from selfmassage.core.voice import language_tag

    assert language_tag("en_gb") == "en-GB"
    assert language_tag("EN") == "en"
    assert language_tag("en-gb-x-rp") == "en-GB"
    assert language_tag("zh-hans-cn") == "zh-Hans-CN"
    assert language_tag("es-419") == "es-419"
    assert language_tag(" ") == ""


def test_the_languages_with_a_voice_are_each_language_and_its_regions_once() -> None:
    from selfmassage.core.routine_file import check_routine
    from selfmassage.core.voice import has_voice, voice_languages

    voices = [
        Voice("gmw/en", "English (Great Britain)", ("en-gb",)),
        Voice("gmw/en-GB-x-rp", "English (Received Pronunciation)", ("en-gb-x-rp",)),
        Voice("gmw/de", "German", ("de",)),
        Voice("roa/fr-BE", "French (Belgium)", ("fr-be",)),
    ]
    tags = voice_languages(voices)
    assert tags == ["de", "en", "en-GB", "fr", "fr-BE"]
    assert voice_languages([]) == []
    assert has_voice(voices, "de-AT")  # German, as the voice is chosen
    assert not has_voice(voices, "fi")
    assert not has_voice(voices, "")
    # Every tag offered is one the routine file takes.
    for tag in tags:
        document = {"format": "selfmassage-routine", "version": 1, "title": "x"}
        document |= {"language": tag, "steps": [{"region": "neck", "seconds": 60}]}
        assert check_routine(document).routine is not None, tag
