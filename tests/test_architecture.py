"""The shape of the house that import-linter cannot hold (its contracts are in
pyproject.toml): the PDF writers draw with QtGui and never touch widgets, and no module
grows past one idea's length."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import selfmassage

PACKAGE = Path(selfmassage.__file__).parent


def _imported_modules(path: Path) -> set[str]:
    """Every module a file imports, at its top or inside a function alike."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


@pytest.mark.parametrize("path", sorted((PACKAGE / "pdf").glob("*.py")), ids=lambda path: path.name)
def test_the_pdf_writers_use_no_widgets(path: Path) -> None:
    widgets = {name for name in _imported_modules(path) if name.startswith("PySide6.QtWidgets")}
    assert not widgets, f"{path.name} imports {sorted(widgets)}: the PDF writers use QtGui only"


def test_the_import_check_sees_imports_inside_functions(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("def f():\n    from PySide6 import QtWidgets\n", encoding="utf-8")
    assert "PySide6.QtWidgets" in _imported_modules(sample)


MAX_LINES = 600
"""A module longer than this holds more than one idea: split it along its ideas."""
LONG_ALLOWED = {"app.py"}
"""The composition root, which is being split into wiring, start-up and presenters."""


def test_no_module_is_over_600_lines() -> None:
    long = {
        str(path.relative_to(PACKAGE)): lines
        for path in sorted(PACKAGE.rglob("*.py"))
        if str(path.relative_to(PACKAGE)) not in LONG_ALLOWED
        and (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not long, f"modules over {MAX_LINES} lines: {long}"


def test_ui_keeps_its_pages_in_folders() -> None:
    # ui/ has a folder per page or task; at its top only what every page shares.
    top = sorted(path.name for path in (PACKAGE / "ui").glob("*.py"))
    assert len(top) <= 8, f"ui/ has {len(top)} modules at its top level: {top}"
