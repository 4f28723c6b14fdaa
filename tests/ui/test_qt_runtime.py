"""Guards against Qt for Python releases that break a long-running session."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    changed = Signal(object)


def test_emitting_signals_keeps_the_references_to_true() -> None:
    # PySide6 6.12.0 dropped a reference to True on every emit(): a session emits about
    # twenty signals a second, so the interpreter aborted (bool_dealloc) minutes in.
    emitter = _Emitter()
    heard: list[object] = []
    emitter.changed.connect(heard.append)
    before = sys.getrefcount(True)
    for number in range(5000):
        emitter.changed.emit(number)
    assert len(heard) == 5000
    assert abs(sys.getrefcount(True) - before) < 50
