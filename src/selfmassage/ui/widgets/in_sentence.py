"""A name (a place, a view) written inside a sentence rather than at its start."""

from __future__ import annotations

from selfmassage.core.language import current_language

_KEEP_CAPITALS = frozenset({"de"})
"""Languages whose nouns keep their capital inside a sentence."""


def in_sentence(name: str) -> str:
    """``name`` as it reads inside a sentence: "Remove left calf" in English, French and
    Spanish; German keeps "Linke Wade" as it is, its nouns being capitalised."""
    return name if current_language() in _KEEP_CAPITALS else name.lower()
