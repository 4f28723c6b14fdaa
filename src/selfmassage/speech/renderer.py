"""What a renderer is: it turns one text into one WAV file, in the worker's thread.

The worker (worker.py) owns one renderer and knows it only by this protocol; the two
backends (pyttsx3_renderer.py in the worker's thread, render_process.py in a child
process) implement it, and renderers.py chooses between them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from selfmassage.core.voice import Voice


class Renderer(Protocol):
    def render(self, text: str, voice: str, rate: int, path: Path) -> None:
        """Write ``text`` spoken with ``voice`` at ``rate`` words a minute to ``path``."""

    def voices(self) -> list[Voice]: ...

    def close(self) -> None: ...


RendererFactory = Callable[[], Renderer]


class EngineMissingError(RuntimeError):
    """The speech engine cannot start on this computer; the message says why, briefly."""


def describe(error: BaseException) -> str:
    """A short reason for the banner."""
    if isinstance(error, EngineMissingError):
        return str(error)
    text = str(error).strip().splitlines()[0] if str(error).strip() else ""
    reason = f"{type(error).__name__}: {text}" if text else type(error).__name__
    return reason if len(reason) <= 120 else reason[:117] + "..."
