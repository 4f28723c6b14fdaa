"""What the command line prints of text from files: shown, never obeyed.

Text from routine files, reports and the history is untrusted: control characters
(terminal escapes) are made visible before they reach the terminal. Every command
prints such text through these helpers.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from selfmassage.core.routine_file import RoutineReadResult

_CONTROL = {code: f"\\x{code:02x}" for code in (*range(0x20), 0x7F, *range(0x80, 0xA0))}
_CONTROL.pop(ord("\n"))


def printable(text: str) -> str:
    """Text from a file, with control characters (terminal escapes) shown, not obeyed."""
    return text.translate(_CONTROL)


def one_line(text: str) -> str:
    """Text from a file on one line: line breaks become spaces, other controls are shown."""
    return printable(text.replace("\r\n", " ").replace("\n", " "))


def print_errors(file: str, result: RoutineReadResult) -> None:
    for problem in result.errors:
        print(f"{one_line(file)}: error: {one_line(str(problem))}", file=sys.stderr)


def print_warnings(file: str, result: RoutineReadResult) -> None:
    for problem in result.warnings:
        print(f"{one_line(file)}: warning: {one_line(str(problem))}")
