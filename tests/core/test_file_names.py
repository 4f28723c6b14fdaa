"""File names from titles hold on Windows too: no forbidden characters, no device names."""

from __future__ import annotations

import pytest

from selfmassage.core.file_names import file_stem, is_device_name, not_a_device


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Post-run calves", "Post-run calves"),
        ("Hips/knees: 10 min? <quick>", "Hips knees 10 min quick"),
        ('a\\b|c*d"e', "a b c d e"),
        ("Waden für Läufer", "Waden für Läufer"),
        ("  Back.  ", "Back"),  # Windows drops a trailing dot or space without a word
        ("tab\there\nnewline", "tab here newline"),
        ("???", "routine"),
        ("", "routine"),
        ("x" * 100, "x" * 60),
    ],
)
def test_a_title_becomes_a_stem_windows_accepts(title: str, expected: str) -> None:
    assert file_stem(title, "routine") == expected


@pytest.mark.parametrize("title", ["CON", "con", "Aux", "NUL", "prn", "COM1", "lpt9", "COM¹"])
def test_a_device_name_gets_a_word_more(title: str) -> None:
    stem = file_stem(title, "routine")
    assert stem == f"{title}-routine"
    assert not is_device_name(stem)


def test_only_whole_device_names_are_changed() -> None:
    assert is_device_name("con.smroutine")  # any extension: still the console on Windows
    assert is_device_name("NUL ")
    for stem in ("console", "con-handout", "com10", "auxiliary", "lpt", "routine"):
        assert not is_device_name(stem), stem
        assert not_a_device(stem) == stem
