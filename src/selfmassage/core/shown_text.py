"""Text from files made safe to show: in a terminal, and in the app's windows.

A title in a routine file, a note in a report or a name in an imported history can hold
characters that act rather than show: terminal escapes (ESC, the C1 controls) that
recolour or rewrite the screen, and bidirectional controls (such as U+202E RIGHT-TO-LEFT
OVERRIDE) that reverse the text after them, the app's own words included. The commands
print such characters as visible escapes (``\\x1b``, ``\\u202e``); the windows drop the
bidi controls, so file text can never reorder the app's text around it (Qt shows the
other controls as nothing or a box, and labels are plain text).
"""

from __future__ import annotations

BIDI_CONTROLS = frozenset(
    chr(code)
    for code in (
        *range(0x202A, 0x202F),  # LRE, RLE, PDF, LRO, RLO: embeddings and overrides
        *range(0x2066, 0x206A),  # LRI, RLI, FSI, PDI: isolates
    )
)
"""The characters that open or close a bidirectional embedding, override or isolate."""

_C0_AND_C1 = (*range(0x20), 0x7F, *range(0x80, 0xA0))
_ESCAPED: dict[int, str] = {code: f"\\x{code:02x}" for code in _C0_AND_C1}
_ESCAPED |= {ord(char): f"\\u{ord(char):04x}" for char in BIDI_CONTROLS}
_ESCAPED_KEEPING_LINES = {code: text for code, text in _ESCAPED.items() if code != ord("\n")}
# JSON already escapes C0; what it leaves raw gets the escape JSON itself would write.
_JSON_ESCAPED = {
    code: f"\\u{code:04x}" for code in (0x7F, *range(0x80, 0xA0), *map(ord, BIDI_CONTROLS))
}
_DROPPED: dict[int, None] = dict.fromkeys(map(ord, BIDI_CONTROLS))


def for_terminal(text: str, *, keep_lines: bool = False) -> str:
    """``text`` with every control and bidi character written as an escape, so that a
    terminal shows it rather than obeys it; ``keep_lines`` keeps the new lines."""
    return text.translate(_ESCAPED_KEEPING_LINES if keep_lines else _ESCAPED)


def one_line(text: str) -> str:
    """:func:`for_terminal` on one line: new lines become spaces."""
    return for_terminal(text.replace("\r\n", " ").replace("\n", " "))


def json_for_terminal(text: str) -> str:
    """JSON text (from ``json.dumps``) with DEL, the C1 controls and bidi controls
    written as ``\\uXXXX`` escapes: the same JSON, safe to print."""
    return text.translate(_JSON_ESCAPED)


def for_window(text: str) -> str:
    """``text`` without bidi controls, for a label or a cell that shows file text."""
    return text.translate(_DROPPED)
