"""Benchmarks that run the whole app import ``session_app`` before Qt or the app: it
takes PySide's import hook out, as the command line does, and a module imported before
it would be read by the hook (its source kept in memory, its import slowed)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
_USERS = sorted(
    path for path in BENCHMARKS.glob("*.py") if "from session_app import" in path.read_text()
)


def _names(nodes: list[ast.stmt]) -> list[str]:
    """The modules imported by these statements (not inside nested functions), in order."""
    names: list[str] = []
    for node in nodes:
        if isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
        elif isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, (ast.If, ast.Try, ast.With)):
            names += _names(
                [*node.body, *getattr(node, "orelse", []), *getattr(node, "finalbody", [])]
            )
    return names


def _imported_before_session_app(path: Path) -> list[str]:
    """What the module, then the function that imports session_app, import before it."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    before = _names(tree.body)
    for function in ast.walk(tree):
        if isinstance(function, ast.FunctionDef) and "session_app" in _names(function.body):
            names = _names(function.body)
            return before + names[: names.index("session_app")]
    raise AssertionError(f"no function of {path.name} imports session_app")


def test_the_whole_app_benchmarks_are_found() -> None:
    assert {"gui_stall.py", "build_page.py", "cue_latency.py", "cue_audible.py"} <= {
        path.name for path in _USERS
    }


@pytest.mark.parametrize("path", _USERS, ids=lambda path: path.name)
def test_session_app_comes_before_qt_and_the_app(path: Path) -> None:
    early = [
        name
        for name in _imported_before_session_app(path)
        if name.split(".")[0] in ("PySide6", "selfmassage")
    ]
    assert early == []
