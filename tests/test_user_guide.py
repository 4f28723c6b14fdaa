"""The user guide says what the app does, in words that are right."""

from __future__ import annotations

from pathlib import Path

GUIDE = Path(__file__).parents[1] / "docs" / "user-guide.md"


def test_the_body_map_sides_are_explained_as_facing_the_person_not_as_a_mirror() -> None:
    text = " ".join(GUIDE.read_text(encoding="utf-8").split())
    assert "your left is on the right of the picture, as if the person were facing you" in text
    assert "mirror" not in text, "in a mirror your left is on the left"
