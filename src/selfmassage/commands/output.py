"""What the command line prints of text from files: shown, never obeyed.

Text from routine files, reports and the history is untrusted: control and bidi
characters (terminal escapes, U+202E) are made visible before they reach the terminal.
Every command prints such text through these helpers, which use the one escaping rule
of :mod:`selfmassage.core.shown_text`.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from selfmassage.core.shown_text import for_terminal, json_for_terminal, one_line

if TYPE_CHECKING:
    from selfmassage.core.routine_file import RoutineReadResult

__all__ = ["json_for_terminal", "one_line", "print_errors", "print_warnings", "printable"]


def printable(text: str) -> str:
    """Text from a file, with control characters (terminal escapes) shown, not obeyed;
    its lines kept."""
    return for_terminal(text, keep_lines=True)


def print_errors(file: str, result: RoutineReadResult) -> None:
    for problem in result.errors:
        print(f"{one_line(file)}: error: {one_line(str(problem))}", file=sys.stderr)


def print_warnings(file: str, result: RoutineReadResult) -> None:
    for problem in result.warnings:
        print(f"{one_line(file)}: warning: {one_line(str(problem))}")
