"""Whether a text came out in the pseudo-language: bracketed, with the brackets' padding.
(Plain Python, for the core's tests and the windows' alike.)"""

from __future__ import annotations

from selfmassage.core.language import PSEUDO_CLOSE, PSEUDO_OPEN


def translated(text: str) -> bool:
    return text.startswith(PSEUDO_OPEN) and text.rstrip().endswith(PSEUDO_CLOSE)
