"""What a step says aloud, taken from what it shows: its start line and its prompts.

The screen shows a step's instructions; the voice must not say something else. A step
speaks its own ``start`` and ``prompts`` when it has them; otherwise the catalog's lines
when it shows the catalog's instructions, and else the first sentence of its own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

from selfmassage.core.routine import Step


class TechniqueLines(Protocol):
    """What the timeline needs of a catalog technique (core/catalog.py's Technique)."""

    @property
    def start(self) -> str: ...

    @property
    def prompts(self) -> Sequence[str]: ...

    @property
    def boundary(self) -> str | None: ...

    @property
    def instructions(self) -> str: ...


def shows_own_text(step: Step, technique: TechniqueLines | None) -> bool:
    """The step shows instructions of its own, not its technique's: then the voice speaks
    from them too (the screen and the voice must not disagree)."""
    own = " ".join(step.instructions.split())
    return bool(own) and (technique is None or own != " ".join(technique.instructions.split()))


def start_line(step: Step, technique: TechniqueLines | None) -> str:
    """How to get into place, as spoken: the step's own ``start``; else the technique's
    when the step shows the technique's text; else its own first sentence."""
    if step.start.strip():
        return step.start.strip()
    if technique is not None and not shows_own_text(step, technique):
        return technique.start
    return first_sentence(step.instructions)


def spoken_prompts(step: Step, technique: TechniqueLines | None) -> tuple[str, ...]:
    """The step's own prompts; else the technique's when the step shows its text."""
    if step.prompts:
        return step.prompts
    if technique is not None and not shows_own_text(step, technique):
        return tuple(technique.prompts)
    return ()


def first_sentence(text: str, max_words: int = 20) -> str:
    """The first sentence of an instruction, cut at ``max_words`` words."""
    text = " ".join(text.split())
    if not text:
        return ""
    match = re.match(r"(.+?[.!?])(\s|$)", text)
    sentence = match.group(1) if match else text
    words = sentence.split()
    if len(words) > max_words:
        sentence = " ".join(words[:max_words]).rstrip(",;:") + "."
    if sentence[-1] not in ".!?":
        sentence += "."
    return sentence


_SWITCHING = re.compile(r"\b(switch|change|move)\b.*\b(hands?|other side)\b", re.IGNORECASE)


def midline_switch(step: Step, prompts: Sequence[str]) -> str | None:
    """The prompt that moves a midline step to the other side ("Switch hands ..."), if any."""
    if step.side is not None:
        return None
    return next((line for line in prompts if _SWITCHING.search(line)), None)
