"""Which renderer turns text into sound on this computer (renderer.py says what one is).

Two backends:
- ``thread``: pyttsx3 in the worker thread itself (pyttsx3_renderer.py), on Linux
  (eSpeak NG) and Windows (SAPI5, which wants its COM engine created and used in one
  thread, which is what the worker does).
- ``process``: pyttsx3 in a child process (see render_process.py), for macOS, where
  the ``nsss`` driver fails inside a Python thread and has been seen to hang.
"""

from __future__ import annotations

import os
import sys

from selfmassage.speech.pyttsx3_renderer import Pyttsx3Renderer
from selfmassage.speech.renderer import RendererFactory

BACKEND_VARIABLE = "SELFMASSAGE_SPEECH_BACKEND"
BACKENDS = ("thread", "process")


def default_backend() -> str:
    chosen = os.environ.get(BACKEND_VARIABLE, "").strip()
    if chosen in BACKENDS:
        return chosen
    return "process" if sys.platform == "darwin" else "thread"


def renderer_factory(backend: str | None = None) -> RendererFactory:
    backend = backend or default_backend()
    if backend == "process":
        from selfmassage.speech.render_process import ProcessRenderer

        return ProcessRenderer
    if backend == "thread":
        return Pyttsx3Renderer
    raise ValueError(f"unknown speech backend {backend!r}; use one of {', '.join(BACKENDS)}")
